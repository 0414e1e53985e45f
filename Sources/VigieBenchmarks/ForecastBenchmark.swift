import Foundation
import VigieAnalytics
import VigieCore
import VigieIngest
import VigieStore

/// Forecasting speed on Toronto's 2019 major crimes: one city-wide prediction on 150 m cells per method (as
/// of 1 October, burglaries), and self-exciting fits on a year of data, against the reference
/// implementation's 0.03 to 9 s per prediction and 38 s per fit.
struct ForecastBenchmark {
    var sharedData: URL
    var mapping: URL
    static let runs = 7

    func run() async throws {
        let store = try SQLiteStore.inMemory()
        try store.save(Deployment(name: "toronto", timeZoneIdentifier: "America/Toronto"))
        let key = Pseudonymiser(secret: Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }))
        _ = try await Ingestor(store: store, pseudonymiser: key).ingest(
            file: sharedData.appendingPathComponent("toronto_mci_2019.csv"), mapping: try Mapping.load(contentsOf: mapping))
        let snapshot = try IncidentSnapshot.build(from: store, timeZone: TimeZone(identifier: "America/Toronto")!)
        let origin = snapshot.start(of: CivilDate(year: 2019, month: 10, day: 1))
        let grid = try ForecastGrid(snapshot: snapshot, cellSize: 150, mask: .observed(before: origin, dilation: 1))
        print("Toronto 2019: \(snapshot.incidentCount) incidents; grid of \(grid.grid.columns) × \(grid.grid.rows) = \(grid.grid.count) cells of 150 m, \(grid.studyCells) in the study area")
        print("one city-wide prediction of burglaries as of 2019-10-01, median and best of \(Self.runs) runs:")
        let methods: [any ForecastMethod] = [
            LongRunCount(), RetrospectiveKDE(), ProspectiveHotspot(), DecayingKDE(), SelfExcitingGrid(),
            BlendedForecast.countAndRecent,
        ]
        for method in methods {
            let request = ForecastRequest(
                snapshot: snapshot, grid: grid.grid, categories: ["burglary"], trainFrom: nil, origin: origin)
            let timings = try measure(runs: Self.runs) { _ = try method.risk(request) }
            print("  " + method.name.padding(toLength: 14, withPad: " ", startingAt: 0)
                + String(format: "%8.2f ms (best %.2f ms)", timings.median * 1_000, timings.best * 1_000))
        }
        print("self-exciting fits on a whole year (2019-01-01 to 2019-12-31), 50 EM iterations:")
        let end = snapshot.start(of: CivilDate(year: 2020, month: 1, day: 1))
        for (label, categories) in [("burglaries", Set<CategoryCode>(["burglary"])), ("all major crimes", nil)] {
            let request = ForecastRequest(snapshot: snapshot, grid: grid.grid, categories: categories, trainFrom: nil, origin: end)
            let method = SelfExcitingGrid()
            let (events, duration) = try method.trainingEvents(request)
            var fit: SelfExcitingGrid.Fit?
            let timings = try measure(runs: Self.runs) { fit = method.fit(events, cells: grid.grid.count, duration: duration) }
            print("  " + label.padding(toLength: 17, withPad: " ", startingAt: 0) + String(
                format: "%6d incidents %8.1f ms (best %.1f ms): θ = %.3f, 1/ω = %.1f h", events.count,
                timings.median * 1_000, timings.best * 1_000, fit!.theta, 24 / fit!.omega))
        }
    }
}
