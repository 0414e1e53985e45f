import VigieCore

extension LocalProjection {
    /// The projection every part of the demo city shares.
    static let marseille = LocalProjection(origin: GeoPoint(latitude: 43.30, longitude: 5.40))

    /// Metres east and north of the origin, as a vector.
    func vector(_ point: GeoPoint) -> SIMD2<Double> {
        let planar = project(point)
        return SIMD2(planar.x, planar.y)
    }

    /// The position `metres` east and north of the origin.
    func position(_ metres: SIMD2<Double>) -> GeoPoint { unproject(PlanarPoint(x: metres.x, y: metres.y)) }

    /// The position moved by `metres` east and north.
    func offset(_ point: GeoPoint, by metres: SIMD2<Double>) -> GeoPoint { position(vector(point) + metres) }

    /// Distance in metres between two positions.
    func distance(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let delta = vector(a) - vector(b)
        return (delta * delta).sum().squareRoot()
    }
}
