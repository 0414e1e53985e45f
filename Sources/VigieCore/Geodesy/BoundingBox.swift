/// An axis-aligned rectangle, closed on all sides, in planar units (degrees with x = longitude, or metres).
public struct BoundingBox: Hashable, Sendable, Codable {
    /// Smallest x (west edge).
    public var minX: Double
    /// Smallest y (south edge).
    public var minY: Double
    /// Largest x (east edge).
    public var maxX: Double
    /// Largest y (north edge).
    public var maxY: Double

    /// Creates a box from its edges; callers keep minX ≤ maxX and minY ≤ maxY.
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The smallest box holding every point, or nil when there is none.
    public init?<Points: Sequence>(points: Points) where Points.Element == PlanarPoint {
        var iterator = points.makeIterator()
        guard let first = iterator.next() else { return nil }
        var box = BoundingBox(minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
        while let p = iterator.next() {
            box.minX = min(box.minX, p.x)
            box.minY = min(box.minY, p.y)
            box.maxX = max(box.maxX, p.x)
            box.maxY = max(box.maxY, p.y)
        }
        self = box
    }

    /// Extent along x.
    public var width: Double { maxX - minX }

    /// Extent along y.
    public var height: Double { maxY - minY }

    /// True when the point lies inside the box or on its edges.
    public func contains(x: Double, y: Double) -> Bool {
        x >= minX && x <= maxX && y >= minY && y <= maxY
    }

    /// The smallest box holding both boxes.
    public func union(_ other: BoundingBox) -> BoundingBox {
        BoundingBox(
            minX: min(minX, other.minX), minY: min(minY, other.minY),
            maxX: max(maxX, other.maxX), maxY: max(maxY, other.maxY)
        )
    }

    /// The box grown by `margin` on every side (shrunk when negative).
    public func expanded(by margin: Double) -> BoundingBox {
        BoundingBox(minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin)
    }

    /// True when the two boxes share at least one point (touching edges count).
    public func intersects(_ other: BoundingBox) -> Bool {
        minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
    }
}
