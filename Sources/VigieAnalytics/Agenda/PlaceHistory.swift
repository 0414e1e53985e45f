import Foundation
import VigieCore

/// The incident history of every place of the city by hour of the week, and the forecast of the coming
/// days, on one grid: what the risk of an agenda item or of a district's day reads.
///
/// The counts are those of the 52 weeks before `asOf`, per cell and hour of the week (incidents known to the
/// hour or better). The forecast is the decaying kernel density at `asOf` (recent weeks weigh most), read
/// against the same density without decay over the year: where the forecast holds a larger share of the
/// city than the place's usual share, incidents are moving there.
public struct PlaceHistory: Sendable {
    public let grid: ForecastGrid
    /// Incidents per cell and hour of the week: `counts[cell * 168 + hour]`.
    let counts: [Int32]
    /// The city's incidents (study cells) per hour of the week.
    let cityByHour: [Double]
    /// The forecast's share of each cell, and the year's share, both over the study cells.
    let forecastShare: [Double]
    let usualShare: [Double]
    /// Weeks counted.
    public let weeks: Int

    /// Reads `snapshot` up to `asOf` on cells of `cellSize` metres inside `outlines` (WGS84), or where
    /// incidents were seen when there are none.
    public init(snapshot: IncidentSnapshot, asOf: Date, outlines: [Polygon], cellSize: Double = 100) throws {
        grid = try ForecastGrid(
            snapshot: snapshot, cellSize: cellSize,
            mask: outlines.isEmpty ? .observed(before: asOf, dilation: 1) : .outlines(outlines))
        weeks = 52
        let from = asOf.addingTimeInterval(-Double(weeks) * 7 * 86_400)
        var counts = [Int32](repeating: 0, count: grid.grid.count * 168)
        let cells = CellLocator(grid.grid)
        for row in try snapshot.rows(IncidentFilter(from: from, to: asOf)).map(Int.init) {
            let hour = snapshot.hourOfWeek[row]
            guard hour < 168 else { continue }
            let cell = cells.index(x: snapshot.x[row], y: snapshot.y[row])
            if cell >= 0 { counts[cell * 168 + Int(hour)] += 1 }
        }
        var cityByHour = [Double](repeating: 0, count: 168)
        for cell in 0..<grid.grid.count where grid.inStudy[cell] {
            for hour in 0..<168 { cityByHour[hour] += Double(counts[cell * 168 + hour]) }
        }
        self.counts = counts
        self.cityByHour = cityByHour
        let grid = self.grid
        func shares(_ method: DecayingKDE) throws -> [Double] {
            var risk = try method.risk(ForecastRequest(
                snapshot: snapshot, grid: grid.grid, categories: nil, trainFrom: nil, origin: asOf, horizon: 7 * 86_400))
            for cell in risk.indices where !grid.inStudy[cell] { risk[cell] = 0 }
            let total = risk.reduce(0, +)
            return total > 0 ? risk.map { $0 / total } : risk
        }
        forecastShare = try shares(DecayingKDE())
        var year = DecayingKDE()
        year.decayDays = .infinity
        year.windowDays = 7 * weeks
        usualShare = try shares(year)
    }

    /// Incidents in `cells` at `hours` of the week, as a multiple of what the same number of average cells
    /// of the city saw at those hours; one incident is added to each side, so that a quiet corner reads
    /// near 1 rather than 0 or infinity. `nil` without cells or hours.
    public func historyMultiple(cells: [Int], hours: Set<Int>) -> Double? {
        guard !cells.isEmpty, !hours.isEmpty, grid.studyCells > 0 else { return nil }
        var observed = 0.0
        for cell in cells {
            for hour in hours { observed += Double(counts[cell * 168 + hour]) }
        }
        let expected = hours.reduce(0) { $0 + cityByHour[$1] } * Double(cells.count) / Double(grid.studyCells)
        return (observed + 1) / (expected + 1)
    }

    /// The forecast's share of the city in `cells` as a multiple of their usual share over the year; `nil`
    /// without cells or incidents.
    public func forecastMultiple(cells: [Int]) -> Double? {
        let usual = cells.reduce(0) { $0 + usualShare[$1] }
        guard !cells.isEmpty, usual > 0 else { return nil }
        return cells.reduce(0) { $0 + forecastShare[$1] } / usual
    }

    /// The study cells of each outline (WGS84): those whose centre it holds.
    public func cells(in outlines: [Polygon]) -> [[Int]] {
        var found = [[Int]](repeating: [], count: outlines.count)
        guard let projection = grid.projection else { return found }
        let index = PolygonIndex(outlines.enumerated().map {
            (key: $0.offset, polygon: CompiledFilter.densified($0.element, projection))
        })
        for cell in 0..<grid.grid.count where grid.inStudy[cell] {
            let centre = grid.grid.cellCenter(cell)
            if let district = index.locate(x: centre.x, y: centre.y) { found[district].append(cell) }
        }
        return found
    }
}
