import ArgumentParser
import Foundation
import VigieAnalytics
import VigieCore
import VigieStore

/// `vigie forecast`: where incidents are expected, with how far to trust it.
struct ForecastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast where incidents will concentrate, with the method's measured accuracy on this city.",
        discussion: """
            Every forecast says its method, what it learnt from, how often that method caught incidents in \
            the top 5 % of the area over the last 90 days here, and warns when the data are too thin. It is \
            about places only: no person is an input or an output.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: ForecastOptions
    @Option(help: "The district level whose outlines draw the study area (default: the only one loaded).")
    var level: String?
    @Option(help: "Cells listed in the table.") var top: Int = 20
    @Option(help: "Share of the study area, in %, drawn in GeoJSON.") var coverage: Double = 5
    @Option(help: "table, csv, json or geojson.") var format: ResultFormat = .table

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top \(top) must be at least 1") }
        guard coverage > 0 && coverage <= 100 else { throw ValidationError("--coverage \(coverage) must lie in (0, 100]") }
    }

    func run() async throws {
        let store = try store.openExisting()
        let snapshot = try store.analyticsSnapshot()
        let forecast = try options.forecast(store: store, snapshot: snapshot, level: try ForecastCommand.level(level, snapshot))
        try ForecastReport.print(forecast, top: top, coverage: coverage / 100, format: format)
    }

    /// The district level whose outlines draw the study area: the one given, or the only one loaded.
    static func level(_ level: String?, _ snapshot: IncidentSnapshot) throws -> String? {
        if let level {
            guard snapshot.districtLevels.contains(level) else {
                throw ValidationError("--level '\(level)' is not loaded; the levels are \(snapshot.districtLevels.joined(separator: ", "))")
            }
            return level
        }
        return snapshot.districtLevels.count == 1 ? snapshot.districtLevels[0] : nil
    }
}
