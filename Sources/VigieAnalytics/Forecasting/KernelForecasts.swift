import Foundation
import VigieCore

extension IncidentSnapshot {
    /// Located incidents of `categories` in the `days` before `origin` (from `trainFrom` at the earliest):
    /// metres and UTC seconds.
    func events(categories: Set<CategoryCode>?, trainFrom: Date?, days: Int, before origin: Date) throws
        -> [(x: Double, y: Double, time: Double)]
    {
        let from = max(trainFrom ?? .distantPast, origin.addingTimeInterval(-Double(days) * 86_400))
        return try rows(IncidentFilter(from: from, to: origin, categories: categories)).compactMap { row in
            let index = Int(row)
            guard !x[index].isNaN else { return nil }
            return (Double(x[index]), Double(y[index]), Double(time[index]))
        }
    }
}

/// Adds `weight(distance², event)` of every event to the cells whose centres lie within `radius` of it.
private func scatter(
    _ events: [(x: Double, y: Double, time: Double)], on grid: SquareGrid, radius: Double,
    _ weight: (Double, (x: Double, y: Double, time: Double)) -> Double
) -> [Double] {
    var risk = [Double](repeating: 0, count: grid.count)
    let radius2 = radius * radius
    for event in events {
        let firstColumn = max(0, Int(((event.x - radius - grid.minX) / grid.cellSize).rounded(.down)))
        let lastColumn = min(grid.columns - 1, Int(((event.x + radius - grid.minX) / grid.cellSize).rounded(.down)))
        let firstRow = max(0, Int(((event.y - radius - grid.minY) / grid.cellSize).rounded(.down)))
        let lastRow = min(grid.rows - 1, Int(((event.y + radius - grid.minY) / grid.cellSize).rounded(.down)))
        guard firstColumn <= lastColumn && firstRow <= lastRow else { continue }
        for row in firstRow...lastRow {
            let dy = grid.minY + (Double(row) + 0.5) * grid.cellSize - event.y
            for column in firstColumn...lastColumn {
                let dx = grid.minX + (Double(column) + 0.5) * grid.cellSize - event.x
                let d2 = dx * dx + dy * dy
                if d2 <= radius2 { risk[row * grid.columns + column] += weight(d2, event) }
            }
        }
    }
    return risk
}

/// Retrospective hotspots: a quartic kernel density of the recent incidents, with no weight for time.
public struct RetrospectiveKDE: ForecastMethod {
    public let name = "retrospective"
    /// Kernel radius in metres, and the window of days before the origin.
    public var bandwidth = 200.0
    public var windowDays = 56

    public init() {}

    public func risk(_ request: ForecastRequest) throws -> [Double] {
        let grid = request.grid
        let events = try request.events(days: windowDays)
        let h2 = bandwidth * bandwidth
        return scatter(events, on: grid, radius: bandwidth) { d2, _ in
            let u = 1 - d2 / h2
            return u * u
        }
    }
}

/// Prospective hotspots (Bowers, Johnson and Pease 2004): each incident of the last 8 weeks weighs
/// 1 / (1 + d) × 1 / (1 + t) on the cells around its own, d in cells (the larger of the column and row
/// differences) and t in whole weeks before the origin, up to Bowers' 400 m: as many cells as it takes to
/// reach it (3 of 150 m).
public struct ProspectiveHotspot: ForecastMethod {
    public let name = "prospective"
    public var reachMetres = 400.0
    public var windowWeeks = 8

    public init() {}

    public func risk(_ request: ForecastRequest) throws -> [Double] {
        let grid = request.grid
        let cellReach = Int((reachMetres / grid.cellSize).rounded(.up))
        var risk = [Double](repeating: 0, count: grid.count)
        for event in try request.events(days: windowWeeks * 7) {
            let column = Int(((event.x - grid.minX) / grid.cellSize).rounded(.down))
            let row = Int(((event.y - grid.minY) / grid.cellSize).rounded(.down))
            let weeks = ((request.origin.timeIntervalSince1970 - event.time) / (7 * 86_400)).rounded(.down)
            let timeWeight = 1 / (1 + weeks)
            for dy in -cellReach...cellReach {
                for dx in -cellReach...cellReach {
                    guard let cell = grid.cellIndex(column: column + dx, row: row + dy) else { continue }
                    risk[cell] += timeWeight / Double(1 + max(abs(dx), abs(dy)))
                }
            }
        }
        return risk
    }
}

/// Space-time kernel density: a Gaussian kernel in space times an exponential decay in time, over the last
/// days, so that recent incidents weigh more.
public struct DecayingKDE: ForecastMethod {
    public let name = "kde-decay"
    /// The Gaussian's standard deviation in metres, the decay's time constant in days, and the window.
    public var bandwidth = 200.0
    public var decayDays = 60.0
    public var windowDays = 180

    public init() {}

    public func risk(_ request: ForecastRequest) throws -> [Double] {
        let grid = request.grid
        let events = try request.events(days: windowDays)
        let end = request.origin.timeIntervalSince1970
        let twoSigma2 = 2 * bandwidth * bandwidth
        // Beyond four standard deviations the kernel is below 0.04 % of its peak.
        return scatter(events, on: grid, radius: 4 * bandwidth) { d2, event in
            exp(-d2 / twoSigma2) * exp(-(end - event.time) / (decayDays * 86_400))
        }
    }
}
