/// How many means an item of the agenda calls for, from its kind, its expected attendance and its risk.
///
/// Officers: the larger of a floor per kind and a number per 1,000 expected attendees, scaled by the risk
/// score (`riskScale` more per point above 5, less below, never under half), rounded to the nearest and at
/// least one when any is called for. Vehicles: one per `officersPerVehicle` officers, whole vehicles only
/// (a small team walks). Barriers follow the attendance, rounded up; diversions follow routes (items drawn
/// as a line).
public struct MeansRule: Hashable, Sendable, Codable {
    /// Officers at least, by kind of item.
    public var minimumOfficers: [PlannedEventKind: Int]
    /// Officers per 1,000 expected attendees, by kind of item.
    public var officersPerThousand: [PlannedEventKind: Double]
    /// The change of officers per point of risk score away from 5 (0.1: +10 % at 6, −10 % at 4).
    public var riskScale: Double
    /// One vehicle for this many officers.
    public var officersPerVehicle: Double
    /// Barriers per 1,000 expected attendees, by kind of item.
    public var barriersPerThousand: [PlannedEventKind: Double]
    /// Diversions for an item drawn as a route, by kind of item.
    public var diversionsPerRoute: [PlannedEventKind: Int]
    /// The share of the recommended means below which an item or a day is under-resourced.
    public var adequateShare: Double
    /// Officers the city can give the agenda on one day, when known.
    public var officersPerDay: Int?

    /// Creates a rule.
    public init(
        minimumOfficers: [PlannedEventKind: Int], officersPerThousand: [PlannedEventKind: Double],
        riskScale: Double, officersPerVehicle: Double, barriersPerThousand: [PlannedEventKind: Double],
        diversionsPerRoute: [PlannedEventKind: Int], adequateShare: Double, officersPerDay: Int? = nil
    ) {
        self.minimumOfficers = minimumOfficers
        self.officersPerThousand = officersPerThousand
        self.riskScale = riskScale
        self.officersPerVehicle = officersPerVehicle
        self.barriersPerThousand = barriersPerThousand
        self.diversionsPerRoute = diversionsPerRoute
        self.adequateShare = adequateShare
        self.officersPerDay = officersPerDay
    }

    /// The rule a city starts from.
    public static let standard = MeansRule(
        minimumOfficers: [.event: 2, .market: 1, .protest: 4, .officialVisit: 6, .filmShoot: 1, .roadworks: 0],
        officersPerThousand: [.event: 2, .market: 1, .protest: 5, .officialVisit: 3, .filmShoot: 1, .roadworks: 0],
        riskScale: 0.1, officersPerVehicle: 8,
        barriersPerThousand: [.event: 5, .protest: 5, .market: 2, .officialVisit: 5],
        diversionsPerRoute: [.protest: 2, .roadworks: 1, .event: 1],
        adequateShare: 0.8)

    /// The factor the risk score applies to officers: 1 at 5, `riskScale` more per point, at least 0.5.
    public func riskFactor(_ score: Int) -> Double { max(0.5, 1 + riskScale * Double(score - 5)) }

    /// The means recommended for an item of `kind` with `attendance` expected and risk `score`.
    public func recommended(
        kind: PlannedEventKind, attendance: Int?, score: Int, isRoute: Bool
    ) -> [Measure.Kind: Int] {
        let people = Double(attendance ?? 0) / 1_000
        let base = max(Double(minimumOfficers[kind] ?? 0), people * (officersPerThousand[kind] ?? 0))
        let officers = base > 0 ? max(1, Int((base * riskFactor(score)).rounded())) : 0
        return [
            .officers: officers,
            .vehicles: officersPerVehicle > 0 ? Int((Double(officers) / officersPerVehicle).rounded(.down)) : 0,
            .barriers: Int((people * (barriersPerThousand[kind] ?? 0)).rounded(.up)),
            .diversions: isRoute ? diversionsPerRoute[kind] ?? 0 : 0,
        ]
    }
}
