import Foundation

/// A planar multipolygon: parts, each an outer ring and holes, in degrees (x = longitude) or metres.
///
/// Rings are stored open (the closing vertex of GeoJSON is dropped) in one contiguous buffer of
/// interleaved x, y values. Ring orientation does not matter: containment follows the even–odd rule
/// over all rings and areas use absolute ring areas.
public struct Polygon: Sendable, Hashable, Codable {
    // Interleaved x, y of every vertex, ring after ring.
    private var coordinates: ContiguousArray<Double>
    // Vertex index where each ring starts, followed by the total vertex count.
    private var ringStarts: ContiguousArray<Int>
    // Ring index where each part starts, followed by the total ring count.
    private var partStarts: ContiguousArray<Int>

    /// The bounding box of all vertices, or nil for an empty polygon.
    public private(set) var boundingBox: BoundingBox?

    /// Creates a multipolygon from parts, each an outer ring followed by its holes.
    ///
    /// Rings may be closed or open; parts without rings are skipped.
    public init(parts: [[[PlanarPoint]]]) {
        coordinates = []
        ringStarts = [0]
        partStarts = [0]
        boundingBox = nil
        for part in parts where !part.isEmpty {
            for ring in part {
                let open = ring.count > 1 && ring.first == ring.last ? ring.dropLast() : ring[...]
                for p in open {
                    coordinates.append(p.x)
                    coordinates.append(p.y)
                }
                ringStarts.append(coordinates.count / 2)
            }
            partStarts.append(ringStarts.count - 1)
        }
        boundingBox = Self.bounds(of: coordinates)
    }

    /// Creates a single-part polygon from an outer ring and optional holes.
    public init(outer: [PlanarPoint], holes: [[PlanarPoint]] = []) {
        self.init(parts: [[outer] + holes])
    }

    /// The parts as rings of open vertex lists (outer ring first in each part).
    public var parts: [[[PlanarPoint]]] {
        (0..<partCount).map { part in
            (partStarts[part]..<partStarts[part + 1]).map { ring in
                (ringStarts[ring]..<ringStarts[ring + 1]).map { v in
                    PlanarPoint(x: coordinates[2 * v], y: coordinates[2 * v + 1])
                }
            }
        }
    }

    /// Number of parts.
    public var partCount: Int { partStarts.count - 1 }

    /// Number of rings, outer and holes, over all parts.
    public var ringCount: Int { ringStarts.count - 1 }

    /// Number of stored vertices (closing vertices excluded).
    public var vertexCount: Int { coordinates.count / 2 }

    /// True when the point is inside by the even–odd rule over all rings (points on an edge may fall either way).
    public func contains(x: Double, y: Double) -> Bool {
        guard let box = boundingBox, box.contains(x: x, y: y) else { return false }
        return coordinates.withUnsafeBufferPointer { xy in
            ringStarts.withUnsafeBufferPointer { starts in
                var inside = false
                for ring in 0..<(starts.count - 1) {
                    let start = starts[ring]
                    let end = starts[ring + 1]
                    guard end > start else { continue }
                    var previous = end - 1
                    for current in start..<end {
                        if Self.rayCrosses(
                            x: x, y: y,
                            x1: xy[2 * previous], y1: xy[2 * previous + 1],
                            x2: xy[2 * current], y2: xy[2 * current + 1]
                        ) {
                            inside.toggle()
                        }
                        previous = current
                    }
                }
                return inside
            }
        }
    }

    /// Area by the shoelace formula: each part's outer ring minus its holes, in squared coordinate units.
    public var area: Double {
        var total = 0.0
        for part in 0..<partCount {
            for ring in partStarts[part]..<partStarts[part + 1] {
                let ringArea = abs(signedArea(ring: ring))
                total += ring == partStarts[part] ? ringArea : -ringArea
            }
        }
        return total
    }

    /// The multipolygon holding the parts of both, self's first (how features sharing a code are dissolved).
    public func merging(_ other: Polygon) -> Polygon {
        var merged = self
        let vertexShift = vertexCount
        let ringShift = ringCount
        merged.coordinates.append(contentsOf: other.coordinates)
        merged.ringStarts.append(contentsOf: other.ringStarts.dropFirst().map { $0 + vertexShift })
        merged.partStarts.append(contentsOf: other.partStarts.dropFirst().map { $0 + ringShift })
        merged.boundingBox = switch (boundingBox, other.boundingBox) {
        case let (a?, b?): a.union(b)
        case let (a, b): a ?? b
        }
        return merged
    }

    /// The same rings with every vertex transformed, e.g. from degrees to metres with a ``LocalProjection``.
    public func mapped(_ transform: (PlanarPoint) throws -> PlanarPoint) rethrows -> Polygon {
        var result = self
        for v in 0..<vertexCount {
            let p = try transform(PlanarPoint(x: coordinates[2 * v], y: coordinates[2 * v + 1]))
            result.coordinates[2 * v] = p.x
            result.coordinates[2 * v + 1] = p.y
        }
        result.boundingBox = Self.bounds(of: result.coordinates)
        return result
    }

    /// Calls `body` with the end points of every edge of every ring, closing edges included.
    func forEachEdge(_ body: (_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> Void) {
        for ring in 0..<ringCount {
            let start = ringStarts[ring]
            let end = ringStarts[ring + 1]
            guard end > start else { continue }
            var previous = end - 1
            for current in start..<end {
                body(
                    coordinates[2 * previous], coordinates[2 * previous + 1],
                    coordinates[2 * current], coordinates[2 * current + 1]
                )
                previous = current
            }
        }
    }

    /// True when the edge crosses the ray going east from (x, y); the half-open rule counts each vertex once.
    @inline(__always)
    static func rayCrosses(x: Double, y: Double, x1: Double, y1: Double, x2: Double, y2: Double) -> Bool {
        (y1 > y) != (y2 > y) && x < (x2 - x1) * (y - y1) / (y2 - y1) + x1
    }

    private func signedArea(ring: Int) -> Double {
        let start = ringStarts[ring]
        let end = ringStarts[ring + 1]
        guard end - start >= 3 else { return 0 }
        // Relative to the first vertex, so that large offsets (Lambert metres) keep their precision.
        let x0 = coordinates[2 * start]
        let y0 = coordinates[2 * start + 1]
        var twice = 0.0
        var previous = end - 1
        for current in start..<end {
            let xp = coordinates[2 * previous] - x0
            let yp = coordinates[2 * previous + 1] - y0
            let xc = coordinates[2 * current] - x0
            let yc = coordinates[2 * current + 1] - y0
            twice += xp * yc - xc * yp
            previous = current
        }
        return twice / 2
    }

    private static func bounds(of coordinates: ContiguousArray<Double>) -> BoundingBox? {
        guard coordinates.count >= 2 else { return nil }
        var box = BoundingBox(minX: coordinates[0], minY: coordinates[1], maxX: coordinates[0], maxY: coordinates[1])
        for v in stride(from: 2, to: coordinates.count, by: 2) {
            box.minX = min(box.minX, coordinates[v])
            box.maxX = max(box.maxX, coordinates[v])
            box.minY = min(box.minY, coordinates[v + 1])
            box.maxY = max(box.maxY, coordinates[v + 1])
        }
        return box
    }
}

// MARK: - Coding

extension Polygon {
    /// Decodes the GeoJSON MultiPolygon coordinate layout: parts of rings of [x, y] positions.
    public init(from decoder: any Decoder) throws {
        let nested = try decoder.singleValueContainer().decode([[[[Double]]]].self)
        let parts = try nested.map { part in
            try part.map { ring in
                try ring.map { position in
                    guard position.count >= 2 else {
                        throw DecodingError.dataCorrupted(DecodingError.Context(
                            codingPath: decoder.codingPath,
                            debugDescription: "a position needs two numbers, got \(position.count)"
                        ))
                    }
                    return PlanarPoint(x: position[0], y: position[1])
                }
            }
        }
        self.init(parts: parts)
    }

    /// Encodes as the GeoJSON MultiPolygon coordinate layout, rings left open.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(parts.map { $0.map { $0.map { [$0.x, $0.y] } } })
    }
}

// MARK: - GeoJSON

/// Why a GeoJSON geometry could not be read as a ``Polygon``.
public enum GeometryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The value is not a JSON object; the associated value says what was found instead ("an array", "a string"…).
    case notAnObject(String)
    /// The object has no string member "type".
    case missingType
    /// The geometry type is neither Polygon nor MultiPolygon.
    case unsupportedType(String)
    /// The object has no member "coordinates".
    case missingCoordinates
    /// The coordinates do not have the expected shape; the associated value says where and how.
    case malformedCoordinates(String)

    /// A sentence describing the problem.
    public var description: String {
        switch self {
        case .notAnObject(let found):
            "GeoJSON geometry must be a JSON object, found \(found)"
        case .missingType:
            "GeoJSON geometry has no string member \"type\""
        case .unsupportedType(let type):
            "GeoJSON geometry type \"\(type)\" is not supported (expected \"Polygon\" or \"MultiPolygon\")"
        case .missingCoordinates:
            "GeoJSON geometry has no member \"coordinates\""
        case .malformedCoordinates(let detail):
            "GeoJSON coordinates are malformed: \(detail)"
        }
    }
}

extension Polygon {
    /// Reads a GeoJSON Polygon or MultiPolygon geometry object as parsed by `JSONSerialization`.
    ///
    /// Positions keep x = longitude and y = latitude; extra position members (altitude) are ignored,
    /// and rings that are not explicitly closed are accepted.
    public static func fromGeoJSONGeometry(_ json: Any) throws -> Polygon {
        guard let object = json as? [String: Any] else {
            throw GeometryError.notAnObject(describe(json))
        }
        guard let type = object["type"] as? String else { throw GeometryError.missingType }
        guard type == "Polygon" || type == "MultiPolygon" else { throw GeometryError.unsupportedType(type) }
        guard let coordinates = object["coordinates"] else { throw GeometryError.missingCoordinates }
        if type == "Polygon" {
            return Polygon(parts: [try readRings(coordinates, path: "coordinates")])
        }
        let polygons = try array(coordinates, path: "coordinates")
        return Polygon(parts: try polygons.enumerated().map { index, rings in
            try readRings(rings, path: "coordinates[\(index)]")
        })
    }

    private static func readRings(_ json: Any, path: String) throws -> [[PlanarPoint]] {
        try array(json, path: path).enumerated().map { index, ring in
            try readRing(ring, path: "\(path)[\(index)]")
        }
    }

    private static func readRing(_ json: Any, path: String) throws -> [PlanarPoint] {
        let positions = try array(json, path: path).enumerated().map { index, position in
            try readPosition(position, path: "\(path)[\(index)]")
        }
        let distinct = positions.count > 1 && positions.first == positions.last ? positions.count - 1 : positions.count
        guard distinct >= 3 else {
            throw GeometryError.malformedCoordinates(
                "\(path) is a ring of \(positions.count) positions; a linear ring needs at least 3 distinct positions"
            )
        }
        return positions
    }

    private static func readPosition(_ json: Any, path: String) throws -> PlanarPoint {
        let members = try array(json, path: path)
        guard members.count >= 2 else {
            throw GeometryError.malformedCoordinates(
                "\(path) is a position of \(members.count) numbers; at least 2 are needed"
            )
        }
        guard let x = members[0] as? Double, let y = members[1] as? Double, x.isFinite, y.isFinite else {
            throw GeometryError.malformedCoordinates("\(path) does not start with two finite numbers")
        }
        return PlanarPoint(x: x, y: y)
    }

    private static func array(_ json: Any, path: String) throws -> [Any] {
        guard let array = json as? [Any] else {
            throw GeometryError.malformedCoordinates("\(path) should be an array, found \(describe(json))")
        }
        return array
    }

    /// The JSON kind of a value produced by `JSONSerialization`, for error messages.
    private static func describe(_ json: Any) -> String {
        switch json {
        case is [Any]: "an array"
        case is [String: Any]: "an object"
        case is String: "a string"
        case is NSNull: "null"
        case is NSNumber, is Double, is Int: "a number"
        default: "a value of type \(type(of: json))"
        }
    }
}
