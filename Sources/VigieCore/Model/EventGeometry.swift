/// Where a planned event takes place: a point, a route or an area (WGS84).
///
/// Its coded form is a GeoJSON geometry (`Point`, `LineString`, `Polygon`), so that any reader of the store
/// understands it.
public enum EventGeometry: Hashable, Sendable {
    /// A single place.
    case point(GeoPoint)
    /// A route, such as a procession.
    case line([GeoPoint])
    /// An area given by its outer ring, without repeating its first vertex at the end.
    case polygon([GeoPoint])

    /// Every vertex of the geometry.
    public var points: [GeoPoint] {
        switch self {
        case .point(let point): [point]
        case .line(let points), .polygon(let points): points
        }
    }
}

extension EventGeometry: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, coordinates
    }

    /// Reads a GeoJSON Point, LineString or Polygon (its outer ring).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        func position(_ pair: [Double]) throws -> GeoPoint {
            guard pair.count >= 2 else {
                throw DecodingError.dataCorruptedError(
                    forKey: .coordinates, in: container, debugDescription: "a position needs a longitude and a latitude")
            }
            return GeoPoint(latitude: pair[1], longitude: pair[0])
        }
        switch type {
        case "Point":
            self = .point(try position(try container.decode([Double].self, forKey: .coordinates)))
        case "LineString":
            self = .line(try container.decode([[Double]].self, forKey: .coordinates).map(position))
        case "Polygon":
            let rings = try container.decode([[[Double]]].self, forKey: .coordinates)
            // The closing position GeoJSON repeats is dropped: the ring is held open, as it is given.
            var ring = try (rings.first ?? []).map(position)
            if ring.count > 1, ring.first == ring.last { ring.removeLast() }
            self = .polygon(ring)
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "'\(type)' is not a Point, LineString or Polygon")
        }
    }

    /// Writes a GeoJSON geometry.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        func pair(_ point: GeoPoint) -> [Double] { [point.longitude, point.latitude] }
        switch self {
        case .point(let point):
            try container.encode("Point", forKey: .type)
            try container.encode(pair(point), forKey: .coordinates)
        case .line(let points):
            try container.encode("LineString", forKey: .type)
            try container.encode(points.map(pair), forKey: .coordinates)
        case .polygon(let points):
            try container.encode("Polygon", forKey: .type)
            // GeoJSON rings are closed: the first position is repeated at the end.
            let ring = points.count > 1 && points.first != points.last ? points + [points[0]] : points
            try container.encode([ring.map(pair)], forKey: .coordinates)
        }
    }
}
