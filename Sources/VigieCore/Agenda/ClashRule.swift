/// When two planned items get in each other's way: kinds that conflict, how close they must be, and what
/// the clash means for the people who plan them.
public struct ClashRule: Hashable, Sendable, Codable {
    /// The two kinds, in either order (both the same for two items of one kind).
    public var kinds: Set<PlannedEventKind>
    /// How near in metres the two places must come, edge to edge (0: they touch or overlap).
    public var bufferMeters: Double
    /// Minutes added before and after each item, for setting up and clearing away.
    public var marginMinutes: Double
    /// What the clash means, in words (`roadworks on an event's access`).
    public var reason: String

    /// Creates a rule between kinds `first` and `second`.
    public init(
        _ first: PlannedEventKind, _ second: PlannedEventKind, bufferMeters: Double, marginMinutes: Double = 0,
        reason: String
    ) {
        self.kinds = [first, second]
        self.bufferMeters = bufferMeters
        self.marginMinutes = marginMinutes
        self.reason = reason
    }

    /// Whether the rule speaks of an item of kind `a` next to one of kind `b`.
    public func applies(to a: PlannedEventKind, _ b: PlannedEventKind) -> Bool {
        kinds.count == 1 ? a == b && kinds.contains(a) : a != b && kinds.contains(a) && kinds.contains(b)
    }

    /// The rules a city starts from.
    public static let standard: [ClashRule] = [
        ClashRule(.roadworks, .event, bufferMeters: 150, marginMinutes: 60, reason: "roadworks on an event's access"),
        ClashRule(.roadworks, .market, bufferMeters: 50, marginMinutes: 60, reason: "roadworks on a market"),
        ClashRule(.roadworks, .protest, bufferMeters: 50, reason: "roadworks on a protest route"),
        ClashRule(.roadworks, .officialVisit, bufferMeters: 100, reason: "roadworks on an official visit's way"),
        ClashRule(.event, .event, bufferMeters: 50, marginMinutes: 60, reason: "two events on one place"),
        ClashRule(.event, .market, bufferMeters: 50, marginMinutes: 60, reason: "an event on a market's place"),
        ClashRule(.protest, .market, bufferMeters: 30, reason: "a protest route across a market"),
        ClashRule(.protest, .event, bufferMeters: 100, marginMinutes: 30, reason: "a protest beside an event's crowd"),
        ClashRule(.protest, .protest, bufferMeters: 300, marginMinutes: 60,
            reason: "two demonstrations close together, a risk of confrontation"),
        ClashRule(.protest, .officialVisit, bufferMeters: 300, marginMinutes: 60,
            reason: "a protest near an official visit"),
        ClashRule(.officialVisit, .event, bufferMeters: 100, reason: "an official visit in an event's crowd"),
        ClashRule(.filmShoot, .market, bufferMeters: 50, reason: "a film shoot on a market"),
        ClashRule(.filmShoot, .event, bufferMeters: 50, reason: "a film shoot on an event's place"),
        ClashRule(.filmShoot, .roadworks, bufferMeters: 30, reason: "a film shoot on a worksite"),
        ClashRule(.filmShoot, .protest, bufferMeters: 50, reason: "a film shoot on a protest route"),
        ClashRule(.roadworks, .roadworks, bufferMeters: 20, reason: "two worksites on one street"),
    ]
}
