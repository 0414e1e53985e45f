/// A position on the WGS84 ellipsoid, in decimal degrees.
public struct GeoPoint: Hashable, Sendable, Codable {
    /// Latitude in degrees, positive north.
    public var latitude: Double
    /// Longitude in degrees, positive east.
    public var longitude: Double

    /// Creates a point from a latitude and a longitude in degrees.
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// True when both coordinates are finite, the latitude lies in -90...90 and the longitude in -180...180.
    public var isValid: Bool {
        // Closed ranges already reject NaN and infinities, so no separate finiteness test is needed.
        (-90.0...90.0).contains(latitude) && (-180.0...180.0).contains(longitude)
    }
}
