/// A point on a projected plane, in metres (x east, y north).
public struct PlanarPoint: Hashable, Sendable, Codable {
    /// Easting in metres.
    public var x: Double
    /// Northing in metres.
    public var y: Double

    /// Creates a point from an easting and a northing.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
