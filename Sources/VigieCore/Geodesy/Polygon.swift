/// Temporary outline type, replaced by the geodesy work.
public struct Polygon: Sendable, Hashable, Codable {
    /// Rings.
    public var rings: [[Double]] = []
    /// Creates an empty polygon.
    public init() {}
}
