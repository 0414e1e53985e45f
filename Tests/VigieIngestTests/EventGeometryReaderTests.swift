import Testing
import VigieCore

@testable import VigieIngest

@Suite("Places of agenda items from GeoJSON and WKT")
struct EventGeometryReaderTests {
    @Test("WKT and GeoJSON text read to a point, a route or a closed area", arguments: [
        ("POINT (5.3794 43.2966)", EventGeometry.point(GeoPoint(latitude: 43.2966, longitude: 5.3794))),
        ("point z(5.3794 43.2966 12)", .point(GeoPoint(latitude: 43.2966, longitude: 5.3794))),
        ("MULTIPOINT ((5.3794 43.2966))", .point(GeoPoint(latitude: 43.2966, longitude: 5.3794))),
        ("{\"type\": \"Point\", \"coordinates\": [5.3794, 43.2966]}", .point(GeoPoint(latitude: 43.2966, longitude: 5.3794))),
        ("LINESTRING(1 2,3 4)", .line([GeoPoint(latitude: 2, longitude: 1), GeoPoint(latitude: 4, longitude: 3)])),
        ("MULTILINESTRING ((1 2, 3 4), (3 4, 5 6))", .line([
            GeoPoint(latitude: 2, longitude: 1), GeoPoint(latitude: 4, longitude: 3), GeoPoint(latitude: 6, longitude: 5),
        ])),
        ("POLYGON ((1 1, 2 1, 2 2))", .polygon([
            GeoPoint(latitude: 1, longitude: 1), GeoPoint(latitude: 1, longitude: 2), GeoPoint(latitude: 2, longitude: 2),
        ])),
        ("{\"type\": \"MultiPolygon\", \"coordinates\": [[[[1, 1], [2, 1], [2, 2], [1, 1]]]]}", .polygon([
            GeoPoint(latitude: 1, longitude: 1), GeoPoint(latitude: 1, longitude: 2), GeoPoint(latitude: 2, longitude: 2),
        ])),
    ])
    func reads(text: String, expected: EventGeometry) throws {
        #expect(try EventGeometryReader.geometry(text: text).get() == expected)
    }

    @Test("what is not one place is refused with the reason", arguments: [
        ("POINT EMPTY", "the POINT is empty"),
        ("LINESTRING (1 2)", "a route needs at least two positions"),
        ("POLYGON ((1 1, 2 2, 1 1))", "an area needs at least three corners"),
        ("LINESTRING (1 2, 3", "is not well-formed WKT"),
        ("MULTIPOINT (1 2, 3 4)", "a MultiPoint of 2 points is not one place"),
        ("GEOMETRYCOLLECTION (POINT (1 2))", "a GEOMETRYCOLLECTION is not supported"),
        ("{\"type\": \"GeometryCollection\", \"geometries\": []}", "a GeometryCollection is not supported"),
        ("{\"type\": \"Point\", \"coordinates\": [5.3794]}", "a GeoJSON position is not [longitude, latitude]"),
        ("{\"type\": \"Point\"", "GeoJSON text that"),
        ("43.2966, 5.3794", "is neither GeoJSON"),
    ])
    func refuses(text: String, fragment: String) {
        guard case .failure(let problem) = EventGeometryReader.geometry(text: text) else {
            Issue.record("'\(text)' was read")
            return
        }
        #expect(problem.message.contains(fragment), "\(problem.message)")
    }
}
