/// Where a planned event takes place: a point, a route or an area (WGS84).
public enum EventGeometry: Hashable, Sendable, Codable {
    /// A single place.
    case point(GeoPoint)
    /// A route, such as a procession.
    case line([GeoPoint])
    /// An area given by its outer ring.
    case polygon([GeoPoint])

    /// Every vertex of the geometry.
    public var points: [GeoPoint] {
        switch self {
        case .point(let point): [point]
        case .line(let points), .polygon(let points): points
        }
    }
}
