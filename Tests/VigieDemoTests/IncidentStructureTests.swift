import Foundation
import Testing
import VigieCore

@testable import VigieDemo

@Suite("Structure of the demo incidents")
struct IncidentStructureTests {
    private static let police = DemoFixture.city.incidentGenerator.incidents(of: .policeLog)
    private static let cityAttractors: [Attractor] = [
        .gareSaintCharles, .vieuxPort, .canebiere, .noailles, .coursJulien, .castellane, .velodrome, .joliette,
        .pradoBeaches, .laCastellane, .flamants, .busserine,
    ]

    private static func incidents(of category: CategoryCode) -> [SyntheticIncident] {
        police.filter { DemoSource.policeLog.kinds[$0.kind].category == category }
    }

    @Test("police log incidents crowd within 400 m of the attractors far beyond their share of the area")
    func hotspots() {
        let frame = LocalProjection.marseille
        func isNearAttractor(_ point: GeoPoint) -> Bool {
            Self.cityAttractors.contains { frame.distance($0.centre, point) <= 400 }
        }
        let map = DemoFixture.city.map
        var random = SeededGenerator(seed: 1, stream: 1)
        var land = 0
        var nearLand = 0
        while land < 20_000 {
            let point = SIMD2(
                random.uniform(map.outline.lower.x, map.outline.upper.x),
                random.uniform(map.outline.lower.y, map.outline.upper.y))
            guard map.outline.contains(point) else { continue }
            land += 1
            if isNearAttractor(GeoPoint(latitude: point.y, longitude: point.x)) { nearLand += 1 }
        }
        let areaShare = Double(nearLand) / Double(land)
        let incidentShare =
            Double(Self.police.filter { isNearAttractor($0.position) }.count) / Double(Self.police.count)
        #expect(areaShare < 0.05)
        #expect(incidentShare > 5 * areaShare)
    }

    @Test("nuisance is more frequent on Friday and Saturday nights than on other nights")
    func weekendNights() {
        var weekend = 0
        var weekday = 0
        for incident in Self.incidents(of: "nuisance") {
            let local = DemoFixture.local(incident.utc)
            guard local.hour >= 22 || local.hour < 4 else { continue }
            let night = local.hour < 4 ? (local.weekday + 6) % 7 : local.weekday
            if night == 4 || night == 5 { weekend += 1 } else { weekday += 1 }
        }
        #expect(Double(weekend) / 2 > 1.5 * Double(weekday) / 5)
    }

    @Test("nuisance is more frequent in summer than in winter")
    func summer() {
        let months = Self.incidents(of: "nuisance").map { DemoFixture.local($0.utc).month }
        let summer = months.filter { (6...8).contains($0) }.count
        let winter = months.filter { $0 == 12 || $0 <= 2 }.count
        #expect(Double(summer) > 1.25 * Double(winter))
    }

    @Test("burglaries repeat near each other: close pairs in space and time far exceed a time-shuffled copy")
    func nearRepeats() {
        let burglaries = Self.incidents(of: "burglary")
        let frame = LocalProjection.marseille
        let positions = burglaries.map { frame.vector($0.position) }
        var times = burglaries.map(\.utc)
        func closePairs(_ times: [Int]) -> Int {
            var count = 0
            for i in positions.indices {
                for j in (i + 1)..<positions.count where abs(times[i] - times[j]) <= 7 * 86_400 {
                    let delta = positions[i] - positions[j]
                    if (delta * delta).sum() <= 200 * 200 { count += 1 }
                }
            }
            return count
        }
        let observed = closePairs(times)
        var random = SeededGenerator(seed: 3, stream: 3)
        var shuffled = 0
        for _ in 0..<5 {
            for index in times.indices.reversed() { times.swapAt(index, random.below(index + 1)) }
            shuffled += closePairs(times)
        }
        #expect(burglaries.count > 500)
        #expect(Double(observed) > 2.5 * max(1, Double(shuffled) / 5))
    }

    @Test("every incident of every source lies on land inside the outline and the deployment area")
    func onLand() {
        let city = DemoFixture.city
        let sources: [DemoSource] = [.policeLog, .fireBrigade, .citizenReports, .electronicTickets]
        for source in sources {
            let incidents = city.incidentGenerator.incidents(of: source)
            #expect(!incidents.isEmpty)
            #expect(
                incidents.allSatisfy {
                    city.map.outline.contains(SIMD2($0.position.longitude, $0.position.latitude))
                        && city.deployment.area?.contains(x: $0.position.longitude, y: $0.position.latitude) == true
                })
        }
    }

    @Test("incidents fall within the period, ordered by time, at local hours that follow each label's habits")
    func period() {
        let start = Int(
            DemoFixture.calendar.date(byAdding: .year, value: -1, to: DemoFixture.end)!.timeIntervalSince1970)
        let end = Int(DemoFixture.end.timeIntervalSince1970)
        #expect(Self.police.first.map { $0.utc >= start } == true)
        #expect(Self.police.last.map { $0.utc < end } == true)
        #expect(zip(Self.police, Self.police.dropFirst()).allSatisfy { $0.utc <= $1.utc })
        let burglaryHours = Self.incidents(of: "burglary").map { DemoFixture.local($0.utc).hour }
        let daytime = burglaryHours.filter { (8..<18).contains($0) }.count
        #expect(Double(daytime) > 0.6 * Double(burglaryHours.count))
    }
}
