import ArgumentParser
import Foundation
import VigieAnalytics
import VigieCore
import VigieStore

/// What `vigie forecast` and `vigie patrol` share: which method forecasts what, when, on which cells.
struct ForecastOptions: ParsableArguments {
    @Option(help: "Only this category of the taxonomy (all incidents when none).") var category: String?
    @Option(help: "count, retrospective, prospective, kde-decay, sepp, blend, or best (the one most accurate over the last 90 days).")
    var method: String = "best"
    @Option(help: "Side of the cells in metres.") var cell: Double = 150
    @Option(help: "What the forecast covers, from the start of its day: hours (8h) or days (1d, 7d).")
    var horizon: String = "1d"
    @Option(help: "The day forecast (YYYY-MM-DD; default: the day after the latest incident).") var at: String?
    @Option(help: "The local hour the period forecast starts (0–23), for a shift.") var startHour: Int = 0

    func validate() throws {
        _ = try Evaluate.seconds(horizon)
        guard (0...23).contains(startHour) else { throw ValidationError("--start-hour \(startHour) is not an hour (0–23)") }
        guard (10...10_000).contains(cell) else { throw ValidationError("--cell \(cell) is outside 10 to 10,000 m") }
        if let category, !Taxonomy.standard.contains(CategoryCode(rawValue: category)) {
            throw ValidationError("--category '\(category)' is not a category; the categories are \(Taxonomy.standard.categories.map(\.code.rawValue).joined(separator: ", "))")
        }
        if method != "best" && !Evaluate.known.contains(where: { $0.name == method }) {
            throw ValidationError("--method '\(method)' is not a method; they are \(Evaluate.known.map(\.name).joined(separator: ", ")) or best")
        }
    }

    /// The forecast asked for, on the store's snapshot: the study area is the districts of `level` when
    /// districts are loaded, otherwise the cells that held any incident before, grown by one cell.
    func forecast(store: SQLiteStore, snapshot: IncidentSnapshot, level: String?) throws -> Forecast {
        guard let last = snapshot.dayRange?.upperBound else { throw CommandError("the store holds no incident yet") }
        let day = try at.map { try AnalyticsOptions.day($0, option: "--at") } ?? CivilDate(dayNumber: last + 1)
        let origin = snapshot.start(of: day, hour: startHour)
        let outlines = try level.map { try store.districts(level: $0).map(\.outline) } ?? []
        let grid = try ForecastGrid(
            snapshot: snapshot, cellSize: cell,
            mask: outlines.isEmpty ? .observed(before: origin, dilation: 1) : .outlines(outlines))
        let categories = category.map { Set([CategoryCode(rawValue: $0)]) }
        let seconds = try Evaluate.seconds(horizon)
        let candidates = method == "best" ? Evaluate.known : Evaluate.known.filter { $0.name == method }
        let forecasts = try candidates.map {
            try snapshot.forecast($0, grid: grid, categories: categories, origin: origin, horizon: seconds)
        }
        // The most accurate at 5 % of the area; the simplest (listed first) when they tie or none was measured.
        let score = { (forecast: Forecast) in forecast.accuracy?.hitRate(2) ?? -1 }
        let best = forecasts.map(score).max()!
        return forecasts.first { score($0) == best }!
    }
}
