import Foundation
import Testing
import VigieCore

@testable import VigieAnalytics

@Suite("Patrol plans")
struct PatrolPlanTests {
    /// A forecast (long-run count on 100 m cells) of incidents placed at cell centres of a grid from (0, 0).
    func forecast(_ cells: [(column: Int, row: Int, count: Int)]) throws -> Forecast {
        var points: [(x: Double, y: Double, seconds: Double)] = []
        for cell in cells {
            for index in 0..<cell.count {
                points.append((Double(cell.column) * 100 + 50, Double(cell.row) * 100 + 50, 1_704_110_400 + Double(index) * 3_600))
            }
        }
        let snapshot = try PlanarSnapshots.snapshot(points)
        let day = snapshot.start(of: CivilDate(year: 2024, month: 3, day: 1))
        let grid = try ForecastGrid(snapshot: snapshot, cellSize: 100, mask: .observed(before: day, dilation: 30))
        return try snapshot.forecast(LongRunCount(), grid: grid, categories: nil, origin: day, horizon: 86_400)
    }

    @Test("areas go where the risk is, apart from one another, and fixed posts are kept")
    func greedyAreas() throws {
        // A strong blob at (5, 5), a weaker one next to it at (7, 5) (200 m away), a third far away at (30, 30).
        let forecast = try forecast([(0, 0, 1), (5, 5, 40), (7, 5, 30), (30, 30, 20), (40, 40, 1)])
        let plan = try PatrolPlan.make(forecast, units: 2, radius: 100, spacing: 500, recentDailyIncidents: 10)
        let grid = forecast.grid.grid
        #expect(plan.areas.map { grid.cellCenter($0.centre) }.map { [$0.x, $0.y] } == [[650, 550], [3_050, 3_050]])
        // The first area (centre between the two blobs, radius 1 cell) covers both: 70 of 92 incidents.
        #expect(abs(plan.areas[0].share - 70.0 / 92) < 1e-9)
        #expect(abs(plan.share - 90.0 / 92) < 1e-9)
        #expect(abs(plan.areas[1].expectedIncidents - 20.0 / 92 * 10) < 1e-9)
        let post = PlanarSnapshots.projection.unproject(PlanarPoint(x: 4_050, y: 4_050))
        let fixed = try PatrolPlan.make(forecast, units: 2, radius: 100, spacing: 500, posts: [post], recentDailyIncidents: 10)
        #expect(fixed.areas[0].fixed && grid.cellCenter(fixed.areas[0].centre).x == 4_050)
        #expect(grid.cellCenter(fixed.areas[1].centre).x == 650)
        #expect(throws: PatrolPlanError.invalidUnits(0)) {
            try PatrolPlan.make(forecast, units: 0, radius: 100, spacing: 500, recentDailyIncidents: 1)
        }
        #expect(throws: PatrolPlanError.tooManyPosts(posts: 2, units: 1)) {
            try PatrolPlan.make(forecast, units: 1, radius: 100, spacing: 500, posts: [post, post], recentDailyIncidents: 1)
        }
    }

    @Test("an accuracy measured once is reused for the same method, cells and day, and measured again for another day")
    func accuraciesKept() throws {
        // A year of one incident a day at one cell, another at a second cell every other day.
        var points: [(x: Double, y: Double, seconds: Double)] = []
        for day in 0..<365 {
            points.append((550, 550, 1_704_110_400 + Double(day) * 86_400 + 43_200))
            if day % 2 == 0 { points.append((1_550, 550, 1_704_110_400 + Double(day) * 86_400 + 50_000)) }
        }
        let snapshot = try PlanarSnapshots.snapshot(points)
        let origin = snapshot.start(of: CivilDate(year: 2024, month: 12, day: 1))
        let grid = try ForecastGrid(snapshot: snapshot, cellSize: 100, mask: .observed(before: origin, dilation: 2))
        let accuracies = ForecastAccuracies()
        let measured = try snapshot.forecast(
            LongRunCount(), grid: grid, categories: nil, origin: origin, horizon: 86_400, accuracies: accuracies)
        let first = try #require(measured.accuracy)
        #expect(first.incidents > 100 && first.incidents != 7)
        // The same forecast again reads the kept measure: a planted one shows it was not measured anew.
        let key = ForecastAccuracies.Key(
            method: "count", grid: grid.grid, studyCells: grid.studyCells, categories: nil, horizon: 86_400, startHour: 0,
            lastDay: snapshot.localDay(of: origin) - 1)
        #expect(accuracies.accuracy(for: key) != nil)
        let planted = MethodEvaluation(
            method: "count", coverages: first.coverages, incidents: 7, hits: first.hits, bestPossible: first.bestPossible,
            forecasts: first.forecasts, curve: first.curve)
        accuracies.keep(planted, for: key)
        let again = try snapshot.forecast(
            LongRunCount(), grid: grid, categories: nil, origin: origin, horizon: 86_400, accuracies: accuracies)
        #expect(again.accuracy?.incidents == 7)
        // Another day, another measure.
        let next = try snapshot.forecast(
            LongRunCount(), grid: grid, categories: nil, origin: origin.addingTimeInterval(86_400), horizon: 86_400,
            accuracies: accuracies)
        #expect(next.accuracy?.incidents == first.incidents)
    }
}
