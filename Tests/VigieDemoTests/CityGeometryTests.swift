import Foundation
import Testing
import VigieCore
import VigieTestSupport

@testable import VigieDemo

@Suite("Geometry of the demo city")
struct CityGeometryTests {
    private static func rings() throws -> [(code: String, ring: [SIMD2<Double>])] {
        let directory = try TemporaryDirectory()
        let files = try DemoCity(seed: 1, end: DemoFixture.end, years: 1, scale: 0.001).writeFiles(to: directory.url)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: files.districts)) as? [String: Any]
        let features = object?["features"] as? [[String: Any]] ?? []
        return features.map { feature in
            let properties = feature["properties"] as? [String: Any]
            let geometry = feature["geometry"] as? [String: Any]
            let coordinates = (geometry?["coordinates"] as? [[[Double]]])?.first ?? []
            return (properties?["code"] as? String ?? "", coordinates.map { SIMD2($0[0], $0[1]) })
        }
    }

    @Test("the 16 arrondissements have INSEE codes, names, populations near 870,000 and closed CCW simple rings")
    func districtsFile() throws {
        let rings = try Self.rings()
        let codes = (1...16).map { (number: Int) -> String in number < 10 ? "1320\(number)" : "132\(number)" }
        #expect(rings.map(\.code) == codes)
        let population = Arrondissement.all.reduce(0) { $0 + $1.population }
        #expect((850_000...890_000).contains(population))
        for (code, ring) in rings {
            #expect(ring.count >= 4 && ring.first == ring.last, "\(code) is not closed")
            let open = Ring(ring)
            #expect(Self.doubleSignedArea(open.vertices) > 0, "\(code) is not counter-clockwise")
            #expect(Self.isSimple(open.vertices), "\(code) crosses itself")
        }
    }

    @Test("districts do not overlap and cover the land, the sea belongs to none")
    func partition() throws {
        let rings = try Self.rings().map { Ring($0.ring) }
        let map = DemoFixture.city.map
        var random = SeededGenerator(seed: 9, stream: 9)
        for _ in 0..<20_000 {
            let point = SIMD2(
                random.uniform(map.outline.lower.x, map.outline.upper.x),
                random.uniform(map.outline.lower.y, map.outline.upper.y))
            let holders = rings.filter { $0.contains(point) }.count
            #expect(holders == (map.outline.contains(point) ? 1 : 0), "\(point)")
        }
    }

    @Test("the Vieux-Port basin and the open sea are outside the outline, the town centre inside")
    func outline() {
        let outline = DemoFixture.city.map.outline
        #expect(!outline.contains(SIMD2(5.3680, 43.2950)))
        #expect(!outline.contains(SIMD2(5.3400, 43.2700)))
        #expect(outline.contains(SIMD2(5.3806, 43.3027)))
        #expect(Self.doubleSignedArea(outline.vertices) > 0)
    }

    @Test("the deployment is Marseille in Paris time, its area the outline's box with a kilometre of margin")
    func deployment() throws {
        let deployment = DemoFixture.city.deployment
        #expect(deployment.name == "Marseille (démo)")
        #expect(deployment.timeZoneIdentifier == "Europe/Paris")
        let area = try #require(deployment.area)
        let outline = DemoFixture.city.map.outline
        #expect(abs(outline.lower.x - area.minX - 0.0124) < 0.001 && abs(area.maxY - outline.upper.y - 0.009) < 0.001)
    }

    private static func doubleSignedArea(_ vertices: [SIMD2<Double>]) -> Double {
        zip(vertices, vertices.dropFirst() + vertices.prefix(1)).reduce(0) { $0 + $1.0.x * $1.1.y - $1.1.x * $1.0.y }
    }

    private static func isSimple(_ vertices: [SIMD2<Double>]) -> Bool {
        func orientation(_ a: SIMD2<Double>, _ b: SIMD2<Double>, _ c: SIMD2<Double>) -> Double {
            (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
        }
        let count = vertices.count
        for i in 0..<count {
            for j in stride(from: i + 2, to: count, by: 1) where !(i == 0 && j == count - 1) {
                let (a, b) = (vertices[i], vertices[(i + 1) % count])
                let (c, d) = (vertices[j], vertices[(j + 1) % count])
                let crosses =
                    (orientation(c, d, a) > 0) != (orientation(c, d, b) > 0)
                    && (orientation(a, b, c) > 0) != (orientation(a, b, d) > 0)
                if crosses { return false }
            }
        }
        return true
    }
}
