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

    /// What was asked, as the analytics read it.
    func specification() throws -> ForecastSpecification {
        guard let seconds = ForecastMethods.horizon(horizon) else {
            throw ValidationError("--horizon '\(horizon)' must be hours (8h) or days (1d, 7d), at most 31 days")
        }
        return ForecastSpecification(
            method: method, category: category.map(CategoryCode.init(rawValue:)), cellSize: cell, horizon: seconds,
            day: try at.map { try AnalyticsOptions.day($0, option: "--at") }, startHour: startHour)
    }

    func validate() throws {
        if let problem = try specification().problem { throw ValidationError(problem) }
    }

    /// The forecast asked for, on the store's snapshot: the study area is the districts of `level` when
    /// districts are loaded, otherwise the cells that held any incident before, grown by one cell.
    func forecast(store: SQLiteStore, snapshot: IncidentSnapshot, level: String?) throws -> Forecast {
        guard snapshot.dayRange != nil else { throw CommandError("the store holds no incident yet") }
        let outlines = try level.map { try store.districts(level: $0).map(\.outline) } ?? []
        return try snapshot.forecast(try specification(), studyArea: outlines)
    }
}
