import Foundation
import Testing
@testable import VigieCore

/// Shorthand for ring literals.
fileprivate func ring(_ xy: [(Double, Double)]) -> [PlanarPoint] {
    xy.map { PlanarPoint(x: $0.0, y: $0.1) }
}

@Suite("Polygon")
struct PolygonTests {
    /// A 10 × 10 square with a 4 × 4 hole in the middle (rings in GeoJSON orientation, closed).
    static let squareWithHole = Polygon(
        outer: ring([(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]),
        holes: [ring([(3, 3), (3, 7), (7, 7), (7, 3), (3, 3)])]
    )

    /// Two disjoint unit-ish squares: [0, 2]² and [5, 6] × [5, 6].
    static let twoParts = Polygon(parts: [
        [ring([(0, 0), (2, 0), (2, 2), (0, 2)])],
        [ring([(5, 5), (6, 5), (6, 6), (5, 6)])],
    ])

    /// A "C" opening east: the notch (2...6) × (2...4) is outside.
    static let concave = Polygon(outer: ring([(0, 0), (6, 0), (6, 2), (2, 2), (2, 4), (6, 4), (6, 6), (0, 6)]))

    @Test("a square with a hole contains its body but not the hole nor the outside", arguments: [
        (1.0, 1.0, true), (9.5, 5.0, true), (5.0, 8.5, true), (2.9, 5.0, true),
        (5.0, 5.0, false), (3.1, 6.9, false), (-1.0, 5.0, false), (11.0, 5.0, false), (5.0, -0.1, false), (5.0, 10.5, false),
    ])
    func squareWithHoleContainment(x: Double, y: Double, expected: Bool) {
        #expect(Self.squareWithHole.contains(x: x, y: y) == expected)
    }

    @Test("a two-part multipolygon contains points of either part and none between them", arguments: [
        (1.0, 1.0, true), (5.5, 5.5, true), (3.5, 3.5, false), (5.5, 1.0, false), (1.0, 5.5, false),
    ])
    func twoPartContainment(x: Double, y: Double, expected: Bool) {
        #expect(Self.twoParts.contains(x: x, y: y) == expected)
    }

    @Test("a concave polygon excludes its notch", arguments: [
        (1.0, 3.0, true), (4.0, 1.0, true), (4.0, 5.0, true), (4.0, 3.0, false), (5.9, 3.0, false), (7.0, 3.0, false),
    ])
    func concaveContainment(x: Double, y: Double, expected: Bool) {
        #expect(Self.concave.contains(x: x, y: y) == expected)
    }

    @Test("points beyond the far side, level with vertices or edges, are outside", arguments: [
        (12.0, 0.0), (12.0, 10.0), (12.0, 3.0), (12.0, 7.0), (-2.0, 3.0), (-2.0, 10.0), (20.0, 5.0),
    ])
    func farSide(x: Double, y: Double) {
        #expect(!Self.squareWithHole.contains(x: x, y: y))
        #expect(!Self.concave.contains(x: x - 4, y: y * 0.6))
    }

    @Test("a ray through a vertex is counted once")
    func rayThroughVertex() {
        // A diamond: the ray from (0, 0) goes through the vertex (2, 0).
        let diamond = Polygon(outer: ring([(-2, 0), (0, -2), (2, 0), (0, 2)]))
        #expect(diamond.contains(x: 0, y: 0))
        #expect(diamond.contains(x: 1.5, y: 0))
        #expect(!diamond.contains(x: -3, y: 0))
        #expect(!diamond.contains(x: 3, y: 0))
    }

    @Test("NaN and infinite points are outside")
    func nonFinite() {
        #expect(!Self.squareWithHole.contains(x: .nan, y: 5))
        #expect(!Self.squareWithHole.contains(x: 5, y: .infinity))
    }

    @Test("ring orientation does not matter")
    func orientation() {
        let clockwise = Polygon(outer: ring([(0, 0), (0, 10), (10, 10), (10, 0)]), holes: [ring([(3, 3), (7, 3), (7, 7), (3, 7)])])
        #expect(clockwise.contains(x: 1, y: 1))
        #expect(!clockwise.contains(x: 5, y: 5))
        #expect(clockwise.area == 84)
    }

    @Test("area subtracts holes and adds parts")
    func area() {
        #expect(Self.squareWithHole.area == 84)
        #expect(Self.twoParts.area == 5)
        #expect(Self.concave.area == 28)
    }

    @Test("bounding box covers all parts; an empty polygon has none")
    func boundingBox() {
        #expect(Self.twoParts.boundingBox == BoundingBox(minX: 0, minY: 0, maxX: 6, maxY: 6))
        #expect(Polygon(parts: []).boundingBox == nil)
        #expect(!Polygon(parts: []).contains(x: 0, y: 0))
        #expect(Polygon(parts: []).area == 0)
    }

    @Test("closing vertices are dropped and the structure is kept")
    func structure() {
        #expect(Self.squareWithHole.partCount == 1)
        #expect(Self.squareWithHole.ringCount == 2)
        #expect(Self.squareWithHole.vertexCount == 8)
        #expect(Self.squareWithHole.parts[0][1] == ring([(3, 3), (3, 7), (7, 7), (7, 3)]))
    }

    @Test("merging concatenates parts")
    func merging() {
        let left = Polygon(outer: ring([(0, 0), (2, 0), (2, 2), (0, 2)]))
        let right = Polygon(outer: ring([(5, 5), (6, 5), (6, 6), (5, 6)]))
        let merged = left.merging(right)
        #expect(merged == Self.twoParts)
        #expect(merged.partCount == 2)
        #expect(merged.boundingBox == BoundingBox(minX: 0, minY: 0, maxX: 6, maxY: 6))
        #expect(Polygon(parts: []).merging(right) == right)
        #expect(right.merging(Polygon(parts: [])) == right)
        #expect(Self.squareWithHole.merging(right).contains(x: 5.5, y: 5.5))
        #expect(!Self.squareWithHole.merging(right).contains(x: 4, y: 4))
    }

    @Test("mapping transforms every vertex and the bounding box")
    func mapping() {
        let doubled = Self.squareWithHole.mapped { PlanarPoint(x: 2 * $0.x, y: 2 * $0.y + 1) }
        #expect(doubled.area == 4 * 84)
        #expect(doubled.boundingBox == BoundingBox(minX: 0, minY: 1, maxX: 20, maxY: 21))
        #expect(!doubled.contains(x: 10, y: 11))
    }

    @Test("Codable round trip uses GeoJSON MultiPolygon coordinates")
    func coding() throws {
        let data = try JSONEncoder().encode(Self.squareWithHole)
        let decoded = try JSONDecoder().decode(Polygon.self, from: data)
        #expect(decoded == Self.squareWithHole)
        let json = try JSONSerialization.jsonObject(with: data) as? [[[[Double]]]]
        #expect(json?[0][1][0] == [3, 3])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Polygon.self, from: Data("[[[[1]]]]".utf8))
        }
    }

    // MARK: GeoJSON

    static func parse(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test("reads a GeoJSON Polygon with a hole")
    func geoJSONPolygon() throws {
        let json = try Self.parse("""
            {"type": "Polygon", "coordinates": [
              [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
              [[3, 3], [3, 7], [7, 7], [7, 3], [3, 3]]
            ]}
            """)
        #expect(try Polygon.fromGeoJSONGeometry(json) == Self.squareWithHole)
    }

    @Test("reads a GeoJSON MultiPolygon, ignoring altitudes and accepting decimals")
    func geoJSONMultiPolygon() throws {
        let json = try Self.parse("""
            {"type": "MultiPolygon", "coordinates": [
              [[[0, 0, 12.5], [2, 0], [2, 2], [0, 2], [0, 0]]],
              [[[5.25, 5], [6, 5], [6, 6], [5.25, 6], [5.25, 5]]]
            ]}
            """)
        let polygon = try Polygon.fromGeoJSONGeometry(json)
        #expect(polygon.partCount == 2)
        #expect(polygon.contains(x: 5.5, y: 5.5))
        #expect(polygon.area == 4 + 0.75)
    }

    @Test("empty GeoJSON geometries give an empty polygon")
    func geoJSONEmpty() throws {
        #expect(try Polygon.fromGeoJSONGeometry(Self.parse(#"{"type": "Polygon", "coordinates": []}"#)).partCount == 0)
        #expect(try Polygon.fromGeoJSONGeometry(Self.parse(#"{"type": "MultiPolygon", "coordinates": []}"#)).partCount == 0)
    }

    @Test("rejects what is not a Polygon or MultiPolygon geometry", arguments: [
        (#"[1, 2]"#, GeometryError.notAnObject("an array")),
        (#"{"coordinates": []}"#, GeometryError.missingType),
        (#"{"type": "Point", "coordinates": [1, 2]}"#, GeometryError.unsupportedType("Point")),
        (#"{"type": "Feature", "geometry": null}"#, GeometryError.unsupportedType("Feature")),
        (#"{"type": "Polygon"}"#, GeometryError.missingCoordinates),
        (#"{"type": "Polygon", "coordinates": [[0, 0], [1, 0], [1, 1], [0, 0]]}"#,
         GeometryError.malformedCoordinates("coordinates[0][0] should be an array, found a number")),
        (#"{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}"#,
         GeometryError.malformedCoordinates("coordinates[0] is a ring of 3 positions; a linear ring needs at least 3 distinct positions")),
        (#"{"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0]]]]}"#,
         GeometryError.malformedCoordinates("coordinates[0][0][3] is a position of 1 numbers; at least 2 are needed")),
        (#"{"type": "Polygon", "coordinates": [[[0, 0], [1, "a"], [1, 1], [0, 0]]]}"#,
         GeometryError.malformedCoordinates("coordinates[0][1] does not start with two finite numbers")),
        (#"{"type": "MultiPolygon", "coordinates": {"a": 1}}"#,
         GeometryError.malformedCoordinates("coordinates should be an array, found an object")),
    ])
    func geoJSONErrors(text: String, expected: GeometryError) throws {
        let json = try Self.parse(text)
        #expect(throws: expected) { try Polygon.fromGeoJSONGeometry(json) }
    }

    @Test("rejects a value that is not even JSON-shaped")
    func geoJSONNotAnObject() {
        #expect(throws: GeometryError.notAnObject("a string")) { try Polygon.fromGeoJSONGeometry("Polygon") }
    }

    @Test("errors describe themselves in a sentence")
    func errorDescription() {
        #expect(GeometryError.unsupportedType("LineString").description
            == #"GeoJSON geometry type "LineString" is not supported (expected "Polygon" or "MultiPolygon")"#)
    }
}

@Suite("Bounding box")
struct BoundingBoxTests {
    static let box = BoundingBox(minX: 0, minY: 0, maxX: 4, maxY: 2)

    @Test("is built from points, and not from none")
    func fromPoints() {
        let points = [PlanarPoint(x: 3, y: -1), PlanarPoint(x: -2, y: 5), PlanarPoint(x: 1, y: 1)]
        #expect(BoundingBox(points: points) == BoundingBox(minX: -2, minY: -1, maxX: 3, maxY: 5))
        #expect(BoundingBox(points: [PlanarPoint]()) == nil)
        #expect(BoundingBox(points: points)?.width == 5)
        #expect(BoundingBox(points: points)?.height == 6)
    }

    @Test("contains its inside and its edges only", arguments: [
        (2.0, 1.0, true), (0.0, 0.0, true), (4.0, 2.0, true), (4.01, 1.0, false), (2.0, -0.01, false), (Double.nan, 1.0, false),
    ])
    func contains(x: Double, y: Double, expected: Bool) {
        #expect(Self.box.contains(x: x, y: y) == expected)
    }

    @Test("union, expansion and intersection")
    func operations() {
        let other = BoundingBox(minX: 3, minY: 1, maxX: 6, maxY: 7)
        #expect(Self.box.union(other) == BoundingBox(minX: 0, minY: 0, maxX: 6, maxY: 7))
        #expect(Self.box.expanded(by: 1) == BoundingBox(minX: -1, minY: -1, maxX: 5, maxY: 3))
        #expect(Self.box.intersects(other))
        #expect(Self.box.intersects(BoundingBox(minX: 4, minY: 2, maxX: 5, maxY: 3)))
        #expect(!Self.box.intersects(BoundingBox(minX: 4.5, minY: 0, maxX: 5, maxY: 1)))
        #expect(!Self.box.intersects(BoundingBox(minX: 0, minY: 2.5, maxX: 1, maxY: 3)))
    }
}
