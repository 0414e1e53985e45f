import Foundation
import VigieAnalytics
import VigieCore
import VigieStore

/// The agenda's speed: clash detection on city-sized agendas against the plain comparison of every pair
/// (the reference, which gives the same clashes), and the whole 30-day assessment on the demo city's store.
struct AgendaBenchmark {
    var store: String?
    var workDirectory: URL
    var vigie: URL
    static let runs = 5

    func run() throws {
        let projection = LocalProjection(origin: GeoPoint(latitude: 43.2965, longitude: 5.3698))
        print("clash detection, standard rules, items over 12 × 12 km; median of \(Self.runs) runs:")
        for (count, days) in [(2_000, 30), (10_000, 180)] {
            let items = Self.items(count, days: days, projection: projection)
            let shapes = items.map { AgendaShape($0.geometry, projection: projection) }
            let detection = ClashDetection()
            var found: [Clash] = []
            let sweep = try measure(runs: Self.runs) { found = detection.clashes(items, shapes: shapes) }
            var reference = 0
            let pairs = try measure(runs: 1) { reference = Self.allPairs(items, shapes) }
            guard reference == found.count else {
                throw BenchmarkError("the sweep found \(found.count) clashes, the comparison of every pair \(reference)")
            }
            print(String(
                format: "  %6d items over %3d days: %5d clashes; sweep %8.1f ms, every pair %9.1f ms (%.0f× faster)",
                count, days, found.count, sweep.median * 1_000, pairs.median * 1_000, pairs.median / sweep.median))
        }

        let path = try store ?? makeDemoStore()
        let store = try SQLiteStore.open(path: path)
        let zone = TimeZone(identifier: try store.deployment().timeZoneIdentifier)!
        let snapshot = try IncidentSnapshot.build(from: store, timeZone: zone, origin: projection.origin)
        let last = snapshot.dayRange!.upperBound
        let firstDay = CivilDate(dayNumber: last + 1)
        let start = snapshot.start(of: firstDay)
        let items = try store.plannedEvents(from: start, to: start.addingTimeInterval(30 * 86_400))
        var measures: [Int64: [Measure]] = [:]
        for id in items.compactMap(\.id) { measures[id] = try store.measures(plannedEventID: id) }
        let districts = try store.districts(level: "arrondissement")
        let weather = try store.weather(from: firstDay, through: firstDay.adding(days: 29))
        var history: PlaceHistory?
        let historyTime = try measure(runs: Self.runs) {
            history = try PlaceHistory(snapshot: snapshot, asOf: start, outlines: districts.map(\.outline))
        }
        var assessment: AgendaAssessment?
        let assessTime = try measure(runs: Self.runs) {
            assessment = AgendaAssessment(
                items: items, measures: measures, districts: districts, weather: weather, history: history,
                projection: snapshot.projection!, timeZone: zone, firstDay: firstDay, dayCount: 30)
        }
        print("30-day assessment of \(path): \(snapshot.incidentCount) incidents, \(items.count) items, \(districts.count) districts, \(assessment!.clashes.count) clashes")
        print(String(format: "  place history (52 weeks × 168 hours on 100 m cells, two kernel densities): %.0f ms", historyTime.median * 1_000))
        print(String(format: "  scores, clashes, means for %d items and %d district days: %.0f ms", items.count, assessment!.districtDays.count, assessTime.median * 1_000))
        let pastItems = try store.plannedEvents(from: start.addingTimeInterval(-125 * 86_400), to: start.addingTimeInterval(35 * 86_400))
        var reviewed = 0
        let reviewTime = try measure(runs: Self.runs) {
            reviewed = try AgendaReview(
                items: pastItems, isReviewed: { $0.startsAt >= start.addingTimeInterval(-90 * 86_400) && $0.startsAt < start },
                measures: [:], snapshot: snapshot, asOf: start).reviewed.count
        }
        print(String(format: "  after-the-fact review of the last 90 days' %d items: %.0f ms", reviewed, reviewTime.median * 1_000))
    }

    /// `count` items of every kind at random places and times, a third each points, routes and areas.
    static func items(_ count: Int, days: Int, projection: LocalProjection) -> [PlannedEvent] {
        var random = SeededGenerator(seed: 5, stream: 9)
        let kinds = PlannedEventKind.allCases
        return (0..<count).map { index in
            let start = 1_780_000_000 + Double(Int.random(in: 0..<(days * 24), using: &random)) * 3_600
            let x = random.uniform(-6_000, 6_000)
            let y = random.uniform(-6_000, 6_000)
            func at(_ dx: Double, _ dy: Double) -> GeoPoint { projection.unproject(PlanarPoint(x: x + dx, y: y + dy)) }
            let geometry: EventGeometry = switch index % 3 {
            case 0: .point(at(0, 0))
            case 1: .line([at(0, 0), at(random.uniform(-400, 400), 200), at(random.uniform(-400, 400), 500)])
            default: .polygon([at(-50, -30), at(50, -30), at(50, 30), at(-50, 30)])
            }
            return PlannedEvent(
                sourceID: 1, sourceReference: "b\(index)", kind: kinds[index % kinds.count], title: "b\(index)",
                startsAt: Date(timeIntervalSince1970: start),
                endsAt: Date(timeIntervalSince1970: start + Double(Int.random(in: 1...12, using: &random)) * 3_600),
                geometry: geometry)
        }
    }

    /// The reference: every pair tested against every rule, as the rules say.
    static func allPairs(_ items: [PlannedEvent], _ shapes: [AgendaShape]) -> Int {
        var count = 0
        for a in items.indices {
            for b in items.indices where b > a {
                for rule in ClashRule.standard where rule.applies(to: items[a].kind, items[b].kind) {
                    let margin = rule.marginMinutes * 60
                    if items[a].startsAt.addingTimeInterval(-margin) < items[b].endsAt.addingTimeInterval(margin),
                        items[b].startsAt.addingTimeInterval(-margin) < items[a].endsAt.addingTimeInterval(margin),
                        shapes[a].distance(to: shapes[b]) <= rule.bufferMeters
                    {
                        count += 1
                        break
                    }
                }
            }
        }
        return count
    }

    /// A demo store at the default scale, made with the release `vigie`.
    func makeDemoStore() throws -> String {
        let path = workDirectory.appendingPathComponent("agenda-demo.sqlite").path
        print("making the demo city's store at \(path)…")
        let run = try ChildProcess.run(
            [vigie.path, "demo", "--db", path, "--seed", "1", "--no-serve"], outputPath: path + ".log")
        guard run.status == 0 else { throw BenchmarkError("vigie demo failed (status \(run.status)), see \(path).log") }
        return path
    }
}
