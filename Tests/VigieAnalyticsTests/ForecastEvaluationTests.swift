import Foundation
import Testing
import VigieCore
import VigieIngest
import VigieStore
import VigieTestSupport

@testable import VigieAnalytics

@Suite("Forecast evaluation by rolling origin")
struct ForecastEvaluationTests {
    /// Incidents at the centres of cells of a 100 m grid starting at (0, 0), at noon (Paris, winter time) on
    /// days from 2024-01-01.
    func snapshot(_ incidents: [(column: Int, row: Int, day: Int)]) throws -> IncidentSnapshot {
        try PlanarSnapshots.snapshot(incidents.map { incident -> (x: Double, y: Double, seconds: Double) in
            let x = Double(incident.column) * 100 + 50
            let y = Double(incident.row) * 100 + 50
            return (x, y, 1_704_106_800 + Double(incident.day) * 86_400)
        })
    }

    @Test("hits, PAI and PEI counted by hand on a tiny grid, ties broken by cell number")
    func tinyGrid() throws {
        // A 4 × 3 grid (cells numbered row by row from the south-west), every cell in the study area.
        // Training, days 0–4: cell 5 three times, cell 2 twice, cells 0 and 11 once (so the grid spans 4 × 3).
        // Test day 5: two incidents in cell 5, one in cell 7. Test day 6: one in cell 2, one in cell 9.
        var incidents: [(column: Int, row: Int, day: Int)] = [
            (1, 1, 0), (1, 1, 1), (1, 1, 2), (2, 0, 0), (2, 0, 3), (0, 0, 4), (3, 2, 4),
        ]
        incidents += [(1, 1, 5), (1, 1, 5), (3, 1, 5), (2, 0, 6), (1, 2, 6)]
        let snapshot = try snapshot(incidents)
        let grid = try ForecastGrid(
            snapshot: snapshot, cellSize: 100,
            mask: .observed(before: snapshot.start(of: CivilDate(year: 2024, month: 1, day: 1).adding(days: 5)), dilation: 2))
        #expect(grid.grid.columns == 4 && grid.grid.rows == 3 && grid.studyCells == 12)
        let evaluation = ForecastEvaluation(grid: grid, coverages: [1.0 / 12, 2.0 / 12, 0.5])
        #expect(evaluation.flaggedCounts() == [1, 2, 6])
        let first = CivilDate(year: 2024, month: 1, day: 1).adding(days: 5).dayNumber
        let result = try #require(try evaluation.run(
            [LongRunCount()], on: snapshot, days: first...(first + 1), categories: nil, trainFrom: nil).first)
        // Day 5 ranks 5 (3), 2 (2), then 0 and 11 (1) and the empty cells by number: 1 cell catches 2,
        // 2 cells catch 2, 6 cells (5, 2, 0, 11, 1, 3) catch 2. Day 6 ranks 5 (5 incidents by then), 2, then
        // 0, 7, 11 (1 each): 1 cell catches 0, 2 cells catch 1 (cell 2), 6 cells (5, 2, 0, 7, 11, 1) catch 1.
        // The oracle catches 2 + 1, 3 + 2 and 3 + 2.
        #expect(result.incidents == 5)
        #expect(result.hits == [2, 3, 3])
        #expect(result.bestPossible == [3, 5, 5])
        #expect(abs(result.pai(0, flaggedShare: 1.0 / 12) - 0.4 * 12) < 1e-9)
        #expect(abs(result.pei(1) - 0.6) < 1e-9)
    }

    @Test("on Toronto's 2019 burglaries each method catches at 5 % of the area at least what the reference did")
    func torontoAnchor() async throws {
        let store = try SQLiteStore.inMemory()
        try store.save(Deployment(name: "toronto", timeZoneIdentifier: "America/Toronto"))
        _ = try await TestStores.ingest(
            ProjectFiles.sharedData("toronto_mci_2019.csv"), mapping: ProjectFiles.exampleMapping("toronto-mci.yml"),
            into: store)
        let snapshot = try IncidentSnapshot.build(from: store, timeZone: TimeZone(identifier: "America/Toronto")!)
        let testStart = snapshot.start(of: CivilDate(year: 2019, month: 10, day: 1))
        let grid = try ForecastGrid(snapshot: snapshot, cellSize: 150, mask: .observed(before: testStart, dilation: 1))
        let methods: [(any ForecastMethod, Double)] = [
            (LongRunCount(), 0.394), (RetrospectiveKDE(), 0.310), (ProspectiveHotspot(), 0.298), (DecayingKDE(), 0.317),
            (SelfExcitingGrid(), 0.394), (BlendedForecast.countAndRecent, 0.394),
        ]
        let results = try ForecastEvaluation(grid: grid).run(
            methods.map(\.0), on: snapshot,
            days: CivilDate(year: 2019, month: 10, day: 1).dayNumber...CivilDate(year: 2019, month: 12, day: 31).dayNumber,
            categories: ["burglary"], trainFrom: nil)
        for (result, reference) in zip(results, methods.map(\.1)) {
            #expect(result.incidents == 2_111 && result.forecasts == 92)
            #expect(result.hitRate(2) >= reference, "\(result.method) at 5 %: \(result.hitRate(2)) against \(reference)")
        }
    }

    @Test("the kernel methods weigh an incident as their formulas say")
    func kernelWeights() throws {
        // One burglary at the centre of cell (5, 5) on day 0 and one far away on day 20, so that the grid is
        // 20 × 20 cells of 100 m; forecasts for day 10 at noon.
        let snapshot = try snapshot([(5, 5, 0), (19, 19, 20)])
        let grid = SquareGrid(minX: 0, minY: 0, cellSize: 100, columns: 20, rows: 20)
        let origin = snapshot.start(of: CivilDate(year: 2024, month: 1, day: 11))
        let cell = { (column: Int, row: Int) in row * 20 + column }
        let request = ForecastRequest(snapshot: snapshot, grid: grid, categories: nil, trainFrom: nil, origin: origin)
        // Prospective: 1 whole week before (9.5 days), so 1/2 on its cell, 1/4 one cell away, 1/6 two cells
        // away, and nothing beyond 400 m (4 cells).
        let prospective = try ProspectiveHotspot().risk(request)
        #expect(abs(prospective[cell(5, 5)] - 0.5) < 1e-12)
        #expect(abs(prospective[cell(6, 4)] - 0.25) < 1e-12)
        #expect(abs(prospective[cell(3, 7)] - 0.5 / 3) < 1e-12)
        #expect(abs(prospective[cell(9, 5)] - 0.1) < 1e-12)
        #expect(prospective[cell(10, 5)] == 0 && prospective[cell(19, 19)] == 0)
        // Retrospective: the quartic (1 − d²/h²)², 200 m.
        let retrospective = try RetrospectiveKDE().risk(request)
        #expect(abs(retrospective[cell(5, 5)] - 1) < 1e-6)
        #expect(abs(retrospective[cell(6, 5)] - 0.5625) < 1e-6)
        #expect(retrospective[cell(7, 5)] < 1e-6)
        // Decaying: exp(−d²/2σ²) × exp(−t/60 d), 9.5 days old.
        let decaying = try DecayingKDE().risk(request)
        let age = exp(-9.5 / 60)
        #expect(abs(decaying[cell(5, 5)] - age) < 1e-6)
        #expect(abs(decaying[cell(6, 5)] - age * exp(-0.125)) < 1e-6)
    }
}
