import Foundation

/// A fast local metric projection around an origin (x east, y north, metres) for city-scale computations.
///
/// It is the second-order expansion, around the origin, of a tangent-plane (azimuthal) projection of the
/// WGS84 ellipsoid, built on the meridional radius M, its derivative M′ and the prime-vertical radius N
/// at the origin latitude φ0 (Δλ, Δφ in radians):
///
///     x = Δλ · (N cos φ0 − M sin φ0 · Δφ)
///     y = M · Δφ + ½ M′ · Δφ² + ½ N cos φ0 sin φ0 · Δλ²
///
/// The correction terms make meridians converge and parallels curve as they do on the ellipsoid, which
/// removes the first-order scale error of a plain equirectangular mapping (1.4e-3 for points within
/// 10 km of an origin at 43° N). Measured against geodesic distances around Marseille, distances between
/// points within 10 km of the origin are off by at most 1.3e-6 (1.3 mm per km), within 20 km by 5e-6,
/// within 50 km by 3e-5 and within 100 km by 1.2e-4. Projecting costs about ten floating-point operations;
/// unprojecting, three Newton steps. Longitudes are not wrapped: keep away from the ±180° meridian.
public struct LocalProjection: Sendable, Hashable, Codable {
    /// The point projected to (0, 0).
    public let origin: GeoPoint

    // Coefficients, per radian, of the expansion written in the type's documentation.
    private let meridionalRadius: Double  // M
    private let halfMeridionalSlope: Double  // ½ M′
    private let parallelRadius: Double  // N cos φ0
    private let convergence: Double  // M sin φ0
    private let curvature: Double  // ½ N cos φ0 sin φ0

    private static let radiansPerDegree = Double.pi / 180

    /// Creates the projection centred on `origin` (WGS84 ellipsoid).
    public init(origin: GeoPoint) {
        self.origin = origin
        let phi0 = origin.latitude * Self.radiansPerDegree
        let a = 6_378_137.0
        let f = 1 / 298.257_223_563
        let e2 = f * (2 - f)
        let sinPhi = sin(phi0)
        let cosPhi = cos(phi0)
        let w2 = 1 - e2 * sinPhi * sinPhi
        let n = a / w2.squareRoot()
        let m = a * (1 - e2) / (w2 * w2.squareRoot())
        meridionalRadius = m
        halfMeridionalSlope = 1.5 * e2 * m * sinPhi * cosPhi / w2
        parallelRadius = n * cosPhi
        convergence = m * sinPhi
        curvature = 0.5 * n * cosPhi * sinPhi
    }

    /// Projects a WGS84 position to local metres.
    public func project(_ p: GeoPoint) -> PlanarPoint {
        let dLambda = (p.longitude - origin.longitude) * Self.radiansPerDegree
        let dPhi = (p.latitude - origin.latitude) * Self.radiansPerDegree
        return PlanarPoint(
            x: dLambda * (parallelRadius - convergence * dPhi),
            y: dPhi * (meridionalRadius + halfMeridionalSlope * dPhi) + curvature * dLambda * dLambda
        )
    }

    /// Converts local metres back to a WGS84 position (the inverse of ``project(_:)`` to rounding).
    public func unproject(_ p: PlanarPoint) -> GeoPoint {
        var dLambda = p.x / parallelRadius
        var dPhi = p.y / meridionalRadius
        // Newton's method on the two equations of the expansion; from this start, three steps reach
        // machine precision within hundreds of kilometres, and the cap only stops a NaN input.
        for _ in 0..<10 {
            let fx = dLambda * (parallelRadius - convergence * dPhi) - p.x
            let fy = dPhi * (meridionalRadius + halfMeridionalSlope * dPhi) + curvature * dLambda * dLambda - p.y
            let j11 = parallelRadius - convergence * dPhi
            let j12 = -convergence * dLambda
            let j21 = 2 * curvature * dLambda
            let j22 = meridionalRadius + 2 * halfMeridionalSlope * dPhi
            let determinant = j11 * j22 - j12 * j21
            let stepLambda = (fx * j22 - fy * j12) / determinant
            let stepPhi = (fy * j11 - fx * j21) / determinant
            dLambda -= stepLambda
            dPhi -= stepPhi
            if max(abs(stepLambda), abs(stepPhi)) < 1e-15 { break }
        }
        return GeoPoint(
            latitude: origin.latitude + dPhi / Self.radiansPerDegree,
            longitude: origin.longitude + dLambda / Self.radiansPerDegree
        )
    }

    private enum CodingKeys: String, CodingKey {
        case origin
    }

    /// Decodes the origin and recomputes the coefficients.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(origin: try container.decode(GeoPoint.self, forKey: CodingKeys.origin))
    }

    /// Encodes the origin only: the coefficients follow from it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(origin, forKey: CodingKeys.origin)
    }
}
