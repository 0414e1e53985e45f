import Foundation
import Testing
import VigieAnalytics
import VigieCore

/// Filters and groupings checked against a plain reading of the same incidents, on random data and queries.
@Suite("Snapshot filters against a plain count")
struct FilterModelTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    struct Plain {
        var time: Double
        var category: CategoryCode
        var source: Int
        var position: GeoPoint?
        var district: String?
    }

    static let districts = [
        ("west", boxOutline(5.30005, 43.26005, 5.37505, 43.34005)),
        ("east", boxOutline(5.37505, 43.26005, 5.45005, 43.34005)),
    ]

    /// A position on a lattice of 1e-4 degrees, so that no incident lies within metres of an edge drawn at
    /// half-steps.
    static func position(_ random: inout Generator) -> GeoPoint {
        GeoPoint(latitude: 43.25 + Double(Int.random(in: 0..<1_000, using: &random)) * 1e-4,
            longitude: 5.30 + Double(Int.random(in: 0..<1_500, using: &random)) * 1e-4)
    }

    static func edge(_ low: Double, _ count: Int, _ random: inout Generator) -> Double {
        low + (Double(Int.random(in: 0..<count, using: &random)) + 0.5) * 1e-4
    }

    @Test("every filter combination keeps exactly the incidents a plain reading keeps", arguments: [1, 2, 3])
    func filtersMatchPlainCounts(seed: UInt64) throws {
        var random = Generator(state: seed)
        var fixture = try SnapshotFixture(sources: 3)
        var plain: [Plain] = []
        let categories = Taxonomy.standard.categories.map(\.code)
        for source in 0..<3 {
            var records: [IngestBatch.Record] = []
            for _ in 0..<700 {
                let time = Double(Int.random(in: 1_672_531_200..<1_735_689_600, using: &random))
                let category = categories.randomElement(using: &random)!
                let position = Int.random(in: 0..<10, using: &random) == 0 ? nil : Self.position(&random)
                let district = position.flatMap { point in
                    Self.districts.first { $0.1.contains(x: point.longitude, y: point.latitude) }?.0
                }
                plain.append(Plain(time: time, category: category, source: source, position: position, district: district))
                records.append(fixture.record(at: time, category, latitude: position?.latitude,
                    longitude: position?.longitude, source: source))
            }
            try fixture.write(records, source: source)
        }
        try fixture.store.replaceDistricts(level: "quartier", with: Self.districts.map {
            District(level: "quartier", code: $0.0, name: $0.0, outline: $0.1)
        })
        let snapshot = try IncidentSnapshot.build(
            from: fixture.store, timeZone: TimeZone(identifier: "Europe/Paris")!, origin: nil)

        for _ in 0..<60 {
            var filter = IncidentFilter()
            if Bool.random(using: &random) {
                filter.from = Date(timeIntervalSince1970: Double(Int.random(in: 1_672_531_200..<1_704_067_200, using: &random)))
            }
            if Bool.random(using: &random) {
                filter.to = Date(timeIntervalSince1970: Double(Int.random(in: 1_704_067_200..<1_735_689_600, using: &random)))
            }
            if Bool.random(using: &random) {
                filter.categories = Set(categories.filter { _ in Bool.random(using: &random) })
            }
            if Bool.random(using: &random) {
                filter.sourceIDs = Set(fixture.sources.filter { _ in Bool.random(using: &random) })
            }
            if Int.random(in: 0..<3, using: &random) == 0 {
                filter.districts = ("quartier", Set(["west", "east"].filter { _ in Bool.random(using: &random) }))
            }
            switch Int.random(in: 0..<3, using: &random) {
            case 0:
                let (lon1, lon2) = (Self.edge(5.30, 1_500, &random), Self.edge(5.30, 1_500, &random))
                let (lat1, lat2) = (Self.edge(43.25, 1_000, &random), Self.edge(43.25, 1_000, &random))
                filter.area = .box(BoundingBox(
                    minX: min(lon1, lon2), minY: min(lat1, lat2), maxX: max(lon1, lon2), maxY: max(lat1, lat2)))
            case 1:
                let a = PlanarPoint(x: Self.edge(5.30, 1_500, &random), y: Self.edge(43.25, 1_000, &random))
                let b = PlanarPoint(x: Self.edge(5.30, 1_500, &random), y: Self.edge(43.25, 1_000, &random))
                let c = PlanarPoint(x: Self.edge(5.30, 1_500, &random), y: Self.edge(43.25, 1_000, &random))
                filter.area = .polygon(Polygon(outer: [a, b, c]))
            default:
                break
            }
            let kept = plain.filter { incident in
                if let from = filter.from, incident.time < from.timeIntervalSince1970 { return false }
                if let to = filter.to, incident.time >= to.timeIntervalSince1970 { return false }
                if let categories = filter.categories, !categories.contains(incident.category) { return false }
                if let sources = filter.sourceIDs, !sources.contains(fixture.sources[incident.source]) { return false }
                if let (_, codes) = filter.districts, !(incident.district.map(codes.contains) ?? false) { return false }
                switch filter.area {
                case .box(let box)?:
                    guard let point = incident.position, box.contains(x: point.longitude, y: point.latitude) else {
                        return false
                    }
                case .polygon(let outline)?:
                    guard let point = incident.position, outline.contains(x: point.longitude, y: point.latitude) else {
                        return false
                    }
                case nil:
                    break
                }
                return true
            }
            let byCategory = try snapshot.count(by: [.category, .district(level: "quartier")], filter: filter)
            #expect(byCategory.matched == kept.count, "\(filter)")
            for row in byCategory.rows() {
                guard case .category(let category) = row.keys[0], case .district(let code) = row.keys[1] else {
                    Issue.record("unexpected keys \(row.keys)")
                    continue
                }
                let expected = kept.filter { $0.category == category && $0.district == code }.count
                #expect(row.count == expected, "\(category) \(code ?? "none") with \(filter)")
            }
        }
    }
}
