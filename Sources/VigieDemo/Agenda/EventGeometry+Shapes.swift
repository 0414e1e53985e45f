import VigieCore

extension EventGeometry {
    /// A rectangle of the given size in metres around a centre, as a closed counter-clockwise ring.
    static func rectangle(around centre: GeoPoint, width: Double, height: Double) -> EventGeometry {
        let frame = LocalProjection.marseille
        let corners: [SIMD2<Double>] = [
            SIMD2(-width / 2, -height / 2), SIMD2(width / 2, -height / 2), SIMD2(width / 2, height / 2),
            SIMD2(-width / 2, height / 2), SIMD2(-width / 2, -height / 2),
        ]
        return .polygon(corners.map { rounded(frame.offset(centre, by: $0)) })
    }

    /// A strip of road between two points, `width` metres wide, as a closed counter-clockwise ring.
    static func strip(from start: GeoPoint, to end: GeoPoint, width: Double) -> EventGeometry {
        let frame = LocalProjection.marseille
        let a = frame.vector(start)
        let b = frame.vector(end)
        let direction = b - a
        let length = (direction * direction).sum().squareRoot()
        let side = SIMD2(-direction.y, direction.x) / length * (width / 2)
        let ring = [a - side, b - side, b + side, a + side, a - side]
        return .polygon(ring.map { rounded(frame.position($0)) })
    }

    /// A route through the given points.
    static func route(_ points: [(Double, Double)]) -> EventGeometry {
        .line(points.map { GeoPoint(latitude: $0.0, longitude: $0.1) })
    }

    private static func rounded(_ point: GeoPoint) -> GeoPoint {
        let degrees = CityMap.degrees(point)
        return GeoPoint(latitude: degrees.y, longitude: degrees.x)
    }
}
