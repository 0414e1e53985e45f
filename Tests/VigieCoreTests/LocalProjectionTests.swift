import Foundation
import Testing
@testable import VigieCore

@Suite("Local metric projection")
struct LocalProjectionTests {
    /// Marseille, Hôtel de Ville.
    static let marseille = GeoPoint(latitude: 43.2965, longitude: 5.3698)

    /// Geodesic distance on the WGS84 ellipsoid by Vincenty's inverse formula (1975), in metres.
    static func vincentyDistance(_ p: GeoPoint, _ q: GeoPoint) -> Double {
        let a = 6_378_137.0
        let f = 1 / 298.257_223_563
        let b = a * (1 - f)
        let rad = Double.pi / 180
        let u1 = atan((1 - f) * tan(p.latitude * rad))
        let u2 = atan((1 - f) * tan(q.latitude * rad))
        let l = (q.longitude - p.longitude) * rad
        let (sinU1, cosU1, sinU2, cosU2) = (sin(u1), cos(u1), sin(u2), cos(u2))
        var lambda = l
        var sinSigma = 0.0, cosSigma = 0.0, sigma = 0.0, cos2Alpha = 0.0, cos2SigmaM = 0.0
        for _ in 0..<200 {
            let sinLambda = sin(lambda), cosLambda = cos(lambda)
            sinSigma = ((cosU2 * sinLambda) * (cosU2 * sinLambda)
                + (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) * (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda)).squareRoot()
            cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda
            sigma = atan2(sinSigma, cosSigma)
            let sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma
            cos2Alpha = 1 - sinAlpha * sinAlpha
            cos2SigmaM = cosSigma - 2 * sinU1 * sinU2 / cos2Alpha
            let c = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha))
            let previous = lambda
            lambda = l + (1 - c) * f * sinAlpha
                * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)))
            if abs(lambda - previous) < 1e-13 { break }
        }
        let u2Big = cos2Alpha * (a * a - b * b) / (b * b)
        let bigA = 1 + u2Big / 16384 * (4096 + u2Big * (-768 + u2Big * (320 - 175 * u2Big)))
        let bigB = u2Big / 1024 * (256 + u2Big * (-128 + u2Big * (74 - 47 * u2Big)))
        let deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
            - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)))
        return b * bigA * (sigma - deltaSigma)
    }

    @Test("Vincenty's formula gives the reference length of the meridian arc from 43° to 44° N")
    func vincentySanity() {
        // 111,102.486 m: pyproj 3.7.2 `Geod(ellps="WGS84").inv(5, 43, 5, 44)`.
        let d = Self.vincentyDistance(GeoPoint(latitude: 43, longitude: 5), GeoPoint(latitude: 44, longitude: 5))
        #expect(abs(d - 111_102.486) < 1e-3, "got \(d)")
    }

    /// Pairs of points about 10 km apart around Marseille: east–west, north–south and diagonal, through
    /// the origin and offset from it by up to 10 km (where a plain equirectangular mapping errs by 0.15 %).
    static let pairs: [(GeoPoint, GeoPoint)] = [
        (GeoPoint(latitude: 43.2965, longitude: 5.3080), GeoPoint(latitude: 43.2965, longitude: 5.4316)),
        (GeoPoint(latitude: 43.2515, longitude: 5.3698), GeoPoint(latitude: 43.3415, longitude: 5.3698)),
        (GeoPoint(latitude: 43.2650, longitude: 5.3260), GeoPoint(latitude: 43.3280, longitude: 5.4136)),
        (GeoPoint(latitude: 43.3865, longitude: 5.3080), GeoPoint(latitude: 43.3865, longitude: 5.4316)),
        (GeoPoint(latitude: 43.2065, longitude: 5.3698), GeoPoint(latitude: 43.2065, longitude: 5.4934)),
        (GeoPoint(latitude: 43.3865, longitude: 5.4934), GeoPoint(latitude: 43.3150, longitude: 5.4100)),
        (GeoPoint(latitude: 43.2100, longitude: 5.2500), GeoPoint(latitude: 43.2900, longitude: 5.2900)),
    ]

    @Test("distances of about 10 km match the geodesic within 0.1 % (and in fact within 5e-6)", arguments: pairs)
    func distances(p: GeoPoint, q: GeoPoint) {
        let projection = LocalProjection(origin: Self.marseille)
        let a = projection.project(p)
        let b = projection.project(q)
        let planar = ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
        let geodesic = Self.vincentyDistance(p, q)
        #expect(geodesic > 6_000 && geodesic < 14_000)
        let relative = abs(planar - geodesic) / geodesic
        #expect(relative < 1e-3)
        #expect(relative < 5e-6, "relative error \(relative)")
    }

    @Test("the origin projects to (0, 0) and the axes point east and north")
    func axes() {
        let projection = LocalProjection(origin: Self.marseille)
        #expect(projection.project(Self.marseille) == PlanarPoint(x: 0, y: 0))
        let east = projection.project(GeoPoint(latitude: 43.2965, longitude: 5.38))
        let north = projection.project(GeoPoint(latitude: 43.30, longitude: 5.3698))
        // A parallel curves north of the tangent plane's x axis: by about 5 cm at 830 m here.
        #expect(east.x > 820 && east.x < 840 && east.y > 0.04 && east.y < 0.06)
        #expect(north.y > 0 && north.x == 0)
    }

    @Test("round trips are exact to 1e-9° over 60 km around the origin", arguments: [
        Self.marseille, GeoPoint(latitude: 48.8566, longitude: 2.3522), GeoPoint(latitude: -33.87, longitude: 151.21),
    ])
    func roundTrip(origin: GeoPoint) {
        let projection = LocalProjection(origin: origin)
        for dLat in stride(from: -0.3, through: 0.3, by: 0.05) {
            for dLon in stride(from: -0.4, through: 0.4, by: 0.05) {
                let p = GeoPoint(latitude: origin.latitude + dLat, longitude: origin.longitude + dLon)
                let back = projection.unproject(projection.project(p))
                #expect(abs(back.latitude - p.latitude) < 1e-9 && abs(back.longitude - p.longitude) < 1e-9)
            }
        }
    }

    @Test("a geographic point is valid only with a finite latitude in ±90° and longitude in ±180°", arguments: [
        (43.3, 5.4, true), (90.0, 180.0, true), (-90.0, -180.0, true), (90.1, 0.0, false), (0.0, -180.5, false),
        (Double.nan, 0.0, false), (0.0, Double.infinity, false),
    ])
    func validity(latitude: Double, longitude: Double, expected: Bool) {
        #expect(GeoPoint(latitude: latitude, longitude: longitude).isValid == expected)
    }

    @Test("encodes only its origin and decodes to an equal projection")
    func coding() throws {
        let projection = LocalProjection(origin: Self.marseille)
        let data = try JSONEncoder().encode(projection)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["origin"])
        #expect(try JSONDecoder().decode(LocalProjection.self, from: data) == projection)
    }
}
