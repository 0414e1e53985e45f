import Foundation

/// A Lambert conformal conic projection on an ellipsoid, following IGN note NTG_71 (angles in radians).
public struct LambertConformalConic: Hashable, Sendable, Codable {
    /// First eccentricity e of the ellipsoid.
    public var eccentricity: Double
    /// Exponent n of the projection.
    public var n: Double
    /// Projection constant C, in metres.
    public var c: Double
    /// Longitude λc of the central meridian, in radians.
    public var centralMeridian: Double
    /// Easting Xs of the pole of the projection, in metres.
    public var xs: Double
    /// Northing Ys of the pole of the projection, in metres.
    public var ys: Double

    /// Tolerance on latitude, in radians, of the ALG0002 iteration (the value NTG_71 uses).
    public static let latitudeTolerance = 1e-11

    /// Creates a projection from its NTG_71 constants e, n, C, λc, Xs and Ys.
    public init(eccentricity: Double, n: Double, c: Double, centralMeridian: Double, xs: Double, ys: Double) {
        self.eccentricity = eccentricity
        self.n = n
        self.c = c
        self.centralMeridian = centralMeridian
        self.xs = xs
        self.ys = ys
    }

    /// Creates a secant projection from its defining parameters (ALG0054); angles in radians, a in metres.
    public init(
        semiMajorAxis a: Double,
        eccentricity e: Double,
        originLongitude lambda0: Double,
        originLatitude phi0: Double,
        standardParallel1 phi1: Double,
        standardParallel2 phi2: Double,
        falseEasting x0: Double,
        falseNorthing y0: Double
    ) {
        let r1 = Self.primeVerticalRadius(latitude: phi1, semiMajorAxis: a, eccentricity: e) * cos(phi1)
        let r2 = Self.primeVerticalRadius(latitude: phi2, semiMajorAxis: a, eccentricity: e) * cos(phi2)
        let l1 = Self.isometricLatitude(phi1, eccentricity: e)
        let l2 = Self.isometricLatitude(phi2, eccentricity: e)
        let n = log(r2 / r1) / (l1 - l2)
        let c = r1 / n * exp(n * l1)
        // NTG_71 special-cases an origin at the pole, where the isometric latitude is infinite.
        let ys = abs(phi0 - Double.pi / 2) < 1e-9
            ? y0
            : y0 + c * exp(-n * Self.isometricLatitude(phi0, eccentricity: e))
        self.init(eccentricity: e, n: n, c: c, centralMeridian: lambda0, xs: x0, ys: ys)
    }

    /// Isometric latitude L of the geodetic latitude φ (ALG0001).
    public static func isometricLatitude(_ phi: Double, eccentricity e: Double) -> Double {
        let eSinPhi = e * sin(phi)
        return log(tan(Double.pi / 4 + phi / 2) * pow((1 - eSinPhi) / (1 + eSinPhi), e / 2))
    }

    /// Geodetic latitude φ of the isometric latitude L, iterated to the given tolerance (ALG0002).
    public static func latitude(
        fromIsometric isometric: Double,
        eccentricity e: Double,
        tolerance: Double = latitudeTolerance
    ) -> Double {
        let expL = exp(isometric)
        var phi = 2 * atan(expL) - Double.pi / 2
        // The fixed point contracts by roughly e² per step, so 60 steps is far beyond any real need;
        // the cap only guards against a NaN input looping forever.
        for _ in 0..<60 {
            let eSinPhi = e * sin(phi)
            let next = 2 * atan(pow((1 + eSinPhi) / (1 - eSinPhi), e / 2) * expL) - Double.pi / 2
            if abs(next - phi) < tolerance { return next }
            phi = next
        }
        return phi
    }

    /// Radius of curvature N of the prime vertical at latitude φ (ALG0021).
    public static func primeVerticalRadius(
        latitude phi: Double,
        semiMajorAxis a: Double,
        eccentricity e: Double
    ) -> Double {
        let eSinPhi = e * sin(phi)
        return a / (1 - eSinPhi * eSinPhi).squareRoot()
    }

    /// Projects a geographic position given in radians (ALG0003).
    public func project(longitude lambda: Double, latitude phi: Double) -> PlanarPoint {
        let radius = c * exp(-n * Self.isometricLatitude(phi, eccentricity: eccentricity))
        let gamma = n * (lambda - centralMeridian)
        return PlanarPoint(x: xs + radius * sin(gamma), y: ys - radius * cos(gamma))
    }

    /// Recovers the geographic position, in radians, of a projected point (ALG0004).
    public func unproject(_ point: PlanarPoint) -> (longitude: Double, latitude: Double) {
        let dx = point.x - xs
        let dy = ys - point.y
        let radius = (dx * dx + dy * dy).squareRoot()
        // NTG_71 writes γ = atan(dx / dy); atan2 with C's sign gives the same angle for its domain
        // and stays correct for a negative C (southern cones) and beyond ±90° of convergence.
        let sign: Double = c < 0 ? -1 : 1
        let gamma = atan2(sign * dx, sign * dy)
        let isometric = -log(abs(radius / c)) / n
        return (
            longitude: centralMeridian + gamma / n,
            latitude: Self.latitude(fromIsometric: isometric, eccentricity: eccentricity)
        )
    }
}
