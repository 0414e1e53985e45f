import ArgumentParser
import Foundation
import VigieAnalytics
import VigieCore
import VigieStore

/// `vigie stats`: incident counts by district, category, source, cell, hour of the week or period.
struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count incidents by district, category, source, grid cell, hour of the week, day, week or month.",
        discussion: """
            Up to two --by dimensions, for example `--by district --by category`. Days, weeks (Monday to \
            Sunday) and hours are local to the deployment's time zone. An incident known only to the day is \
            left out of hours of the week, one known only to the month out of days and weeks. With districts \
            whose population is known, counts come with a rate per 1,000 inhabitants.
            """)

    enum By: String, ExpressibleByArgument, CaseIterable {
        case district, category, source, cell, day, week, month
        case hourOfWeek = "hour-of-week"
    }

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: AnalyticsOptions
    @Option(help: "What to count by (repeat for two): \(By.allCases.map(\.rawValue).joined(separator: ", ")).")
    var by: [By] = []
    @Option(help: "Side of grid cells in metres, for --by cell (10 to 10,000).")
    var cell: Double = 200
    @Option(help: "table, csv, json or geojson (geojson needs --by district or --by cell).")
    var format: ResultFormat = .table

    func validate() throws {
        guard by.count <= 2 else { throw ValidationError("--by can be given at most twice") }
        guard Set(by).count == by.count else { throw ValidationError("--by names a dimension twice") }
        guard (10...10_000).contains(cell) else { throw ValidationError("--cell \(cell) is outside 10 to 10,000 m") }
        if format == .geojson && !by.isEmpty && !by.contains(.district) && !by.contains(.cell) {
            throw ValidationError("--format geojson needs --by district or --by cell: it draws places")
        }
    }

    func run() async throws {
        let store = try store.openExisting()
        let snapshot = try store.analyticsSnapshot()
        let filter = try filters.filter(store: store, snapshot: snapshot)
        let dimensions: [Grouping] = try (by.isEmpty ? [snapshot.districtLevels.isEmpty ? .category : .district] : by)
            .map { by in
                switch by {
                case .district: .district(level: try filters.districtLevel(snapshot))
                case .category: .category
                case .source: .source
                case .cell: .cell(size: cell)
                case .hourOfWeek: .hourOfWeek
                case .day: .day
                case .week: .week
                case .month: .month
                }
            }
        if format == .geojson && by.isEmpty && snapshot.districtLevels.isEmpty {
            throw CommandError("--format geojson needs districts to draw: load some with `vigie districts import`, or use --by cell")
        }
        let table = try snapshot.count(by: dimensions, filter: filter)
        let report = try StatsReport(table: table, store: store)
        switch format {
        case .table: Output.table(report.header, report.rows.map(report.cells))
        case .csv: Output.csv(report.header, report.rows.map(report.cells))
        case .json: try Output.json(report.json)
        case .geojson: try Output.json(report.geoJSON)
        }
    }
}
