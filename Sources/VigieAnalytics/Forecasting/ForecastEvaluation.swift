import Foundation
import VigieCore

/// How a method's forecasts fared over a test period, pooled over its days.
public struct MethodEvaluation: Sendable {
    public let method: String
    /// The coverages scored, as shares of the study area (0.01 for 1 %).
    public let coverages: [Double]
    /// Incidents of the test period, and those in flagged cells, per coverage.
    public let incidents: Int
    public let hits: [Int]
    /// The most incidents any choice of as many cells could have caught, per coverage (the oracle).
    public let bestPossible: [Int]
    /// Forecasts made (one per day of the test period, or per shift).
    public let forecasts: Int
    /// Hits within the top 1 %, 2 %, … 100 % of the study area (the hit-rate curve, as counts).
    public let curve: [Int]

    /// Hits over incidents.
    public func hitRate(_ index: Int) -> Double { incidents > 0 ? Double(hits[index]) / Double(incidents) : 0 }
    /// Hit rate over the share of area flagged (Chainey 2008).
    public func pai(_ index: Int, flaggedShare: Double) -> Double { flaggedShare > 0 ? hitRate(index) / flaggedShare : 0 }
    /// Hits over the best possible hits with as many cells.
    public func pei(_ index: Int) -> Double { bestPossible[index] > 0 ? Double(hits[index]) / Double(bestPossible[index]) : 0 }
}

/// A rolling-origin evaluation: for each day (or shift) of the test period, each method is fitted on the past
/// only, predicts the period after, and is scored on what happened.
///
/// The top x % of the area is exactly ⌊N·x⌋ cells of the N in the study area: cells are ranked by risk,
/// highest first, and ties are broken by cell number (south-west first, row by row), so that a method that
/// cannot tell cells apart gains nothing from the order. Located incidents outside the study area count as
/// misses; incidents with no position, or whose time is known too coarsely for the period, are not scored.
public struct ForecastEvaluation: Sendable {
    public let grid: ForecastGrid
    public let coverages: [Double]

    /// Coverages lie in (0, 1] and increase.
    public init(grid: ForecastGrid, coverages: [Double] = [0.01, 0.02, 0.05, 0.10, 0.20]) {
        precondition(coverages.allSatisfy { $0 > 0 && $0 <= 1 } && coverages == coverages.sorted(),
            "coverages lie in (0, 1] and increase")
        self.grid = grid
        self.coverages = coverages
    }

    /// The cells flagged at each coverage, from a risk surface.
    public func flaggedCounts() -> [Int] {
        coverages.map { Int((Double(grid.studyCells) * $0).rounded(.down)) }
    }

    /// Scores `methods` on forecasts made at the start of each local day of `days`, each for the `horizon`
    /// seconds after it, for incidents of `categories`; a horizon that divides a day (8 h shifts) gives that
    /// many forecasts a day, one per shift, unless `startHour` asks for one a day at that local hour.
    public func run(
        _ methods: [any ForecastMethod], on snapshot: IncidentSnapshot, days: ClosedRange<Int>,
        categories: Set<CategoryCode>?, trainFrom: Date?, horizon: TimeInterval = 86_400, startHour: Int? = nil
    ) throws -> [MethodEvaluation] {
        let flagged = flaggedCounts()
        var incidents = 0
        var hits = [[Int]](repeating: [Int](repeating: 0, count: coverages.count), count: methods.count)
        var best = [Int](repeating: 0, count: coverages.count)
        // Shifts start on the hours of the wall clock, so that a day when clocks change still has its shifts.
        let perDay = horizon < 86_400 && (86_400 / horizon).rounded() == 86_400 / horizon ? Int(86_400 / horizon) : 1
        let origins = days.flatMap { day -> [Date] in
            if let startHour { return [snapshot.start(of: CivilDate(dayNumber: day), hour: startHour)] }
            return (0..<perDay).map { snapshot.start(of: CivilDate(dayNumber: day), hour: $0 * 24 / perDay) }
        }
        // An incident known only to the day cannot be placed in a shift, nor one known to the month in a day.
        let finest: UInt8 = horizon < 86_400 ? 1 : 2
        var curve = [[Int]](repeating: [Int](repeating: 0, count: 100), count: methods.count)
        for origin in origins {
            let next = snapshot.instant(horizon, afterWallClock: origin)
            let outcome = try snapshot.outcomes(
                grid.grid, IncidentFilter(from: origin, to: next, categories: categories), finest: finest)
            incidents += outcome.reduce(0) { $0 + Int($1) }
            let observed = grid.inStudy.indices.filter { grid.inStudy[$0] && outcome[$0] > 0 }
                .map { Int(outcome[$0]) }.sorted(by: >)
            for (index, k) in flagged.enumerated() { best[index] += observed.prefix(k).reduce(0, +) }
            for (position, method) in methods.enumerated() {
                let risk = try method.risk(ForecastRequest(
                    snapshot: snapshot, grid: grid.grid, categories: categories, trainFrom: trainFrom, origin: origin,
                    horizon: horizon))
                let ranked = rank(risk)
                var caught = 0
                var taken = 0
                for (index, k) in flagged.enumerated() {
                    while taken < k {
                        caught += Int(outcome[ranked[taken]])
                        taken += 1
                    }
                    hits[position][index] += caught
                }
                // The hit-rate curve: hits within the top 1 %, 2 %, … 100 % of the study area.
                caught = 0
                taken = 0
                for percent in 1...100 {
                    let k = grid.studyCells * percent / 100
                    while taken < k {
                        caught += Int(outcome[ranked[taken]])
                        taken += 1
                    }
                    curve[position][percent - 1] += caught
                }
            }
        }
        return methods.indices.map { position in
            MethodEvaluation(
                method: methods[position].name, coverages: coverages, incidents: incidents, hits: hits[position],
                bestPossible: best, forecasts: origins.count, curve: curve[position])
        }
    }

    /// Study-area cells by risk, highest first, ties by cell number.
    func rank(_ risk: [Double]) -> [Int] {
        grid.inStudy.indices.filter { grid.inStudy[$0] }.sorted { a, b in
            risk[a] != risk[b] ? risk[a] > risk[b] : a < b
        }
    }
}
