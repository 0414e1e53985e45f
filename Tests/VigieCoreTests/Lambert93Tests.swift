import Foundation
import Testing
@testable import VigieCore

@Suite("Lambert conformal conic and Lambert-93")
struct Lambert93Tests {
    // Worked examples ("jeux d'essai") of IGN note NTG_71; the expected figures are IGN's, rounded as published.

    @Test("ALG0001 gives IGN's isometric latitudes", arguments: [
        (0.872664626, 1.00552653649),
        (-0.3, -0.30261690063),
        (0.19998903370, 0.200000000009),
    ])
    func isometricLatitude(phi: Double, expected: Double) {
        let l = LambertConformalConic.isometricLatitude(phi, eccentricity: 0.08199188998)
        #expect(abs(l - expected) < 1e-11)
    }

    @Test("ALG0002 gives IGN's latitudes back from isometric latitudes", arguments: [
        (1.00552653648, 0.87266462600),
        (-0.30261690060, -0.29999999997),
        (0.2, 0.19998903369),
    ])
    func latitudeFromIsometric(isometric: Double, expected: Double) {
        let phi = LambertConformalConic.latitude(fromIsometric: isometric, eccentricity: 0.08199188998)
        #expect(abs(phi - expected) < 1e-11)
    }

    /// The projection of NTG_71's ALG0003 and ALG0004 examples (Lambert I on the Clarke 1880 IGN ellipsoid).
    private static let ignExample = LambertConformalConic(
        eccentricity: 0.0824832568, n: 0.760405966, c: 11_603_796.9767,
        centralMeridian: 0.04079234433, xs: 600_000, ys: 5_657_616.674
    )

    @Test("ALG0003 projects IGN's example to X = 1029705.0818, Y = 272723.8510")
    func projectIGNExample() {
        let p = Self.ignExample.project(longitude: 0.145512099, latitude: 0.872664626)
        #expect(abs(p.x - 1_029_705.0818) < 1e-4)
        #expect(abs(p.y - 272_723.8510) < 1e-4)
    }

    @Test("ALG0004 unprojects IGN's example to λ = 0.14551209925, φ = 0.87266462567")
    func unprojectIGNExample() {
        let g = Self.ignExample.unproject(PlanarPoint(x: 1_029_705.083, y: 272_723.849))
        #expect(abs(g.longitude - 0.14551209925) < 1e-11)
        #expect(abs(g.latitude - 0.87266462567) < 1e-11)
    }

    @Test("ALG0054 gives IGN's constants for a secant projection with a finite origin")
    func secantConstantsFiniteOrigin() {
        let p = LambertConformalConic(
            semiMajorAxis: 6_378_388, eccentricity: 0.081991890,
            originLongitude: 0, originLatitude: 0,
            standardParallel1: -0.575958653, standardParallel2: -0.785398163,
            falseEasting: 0, falseNorthing: 0
        )
        #expect(abs(p.n - -0.63049633) < 1e-8)
        #expect(abs(p.c - -12_453_174.1795) < 1e-3)
        #expect(p.centralMeridian == 0)
        #expect(p.xs == 0)
        #expect(abs(p.ys - -12_453_174.1795) < 1e-3)
    }

    @Test("ALG0054 gives IGN's constants for a secant projection with its origin at the pole")
    func secantConstantsPolarOrigin() {
        let p = LambertConformalConic(
            semiMajorAxis: 6_378_388, eccentricity: 0.081991890,
            originLongitude: 0.07623554539, originLatitude: Double.pi / 2,
            standardParallel1: 0.869755744, standardParallel2: 0.893026801,
            falseEasting: 150_000, falseNorthing: 5_400_000
        )
        #expect(abs(p.n - 0.7716421867) < 1e-9)
        #expect(abs(p.c - 11_565_915.8294) < 1e-3)
        #expect(p.centralMeridian == 0.07623554539)
        #expect(p.xs == 150_000)
        #expect(p.ys == 5_400_000)
    }

    @Test("Lambert-93 constants match IGN's published n, C and Ys")
    func lambert93Constants() {
        let p = Lambert93.projection
        #expect(abs(p.n - 0.7256077650) < 1e-10)
        #expect(abs(p.c - 11_754_255.426) < 1e-3)
        #expect(abs(p.ys - 12_655_612.050) < 1e-3)
        #expect(p.xs == 700_000)
    }

    @Test("the Lambert-93 origin (3° E, 46.5° N) projects to (700000, 6600000)")
    func origin() {
        let p = Lambert93.project(GeoPoint(latitude: 46.5, longitude: 3))
        #expect(p.x == 700_000)
        // Y = Ys − ρ0 with Ys = Y0 + ρ0: the subtraction is exact, but Y0 + ρ0 itself is not representable,
        // so Y lands one unit in the last place (9.3e-10 m) from 6,600,000 — as exact as binary64 allows.
        #expect(abs(p.y - 6_600_000) <= 6_600_000.0.ulp)
        let g = Lambert93.unproject(PlanarPoint(x: 700_000, y: 6_600_000))
        #expect(g.longitude == 3)
        #expect(abs(g.latitude - 46.5) < 1e-12)
    }

    /// Lambert-93 coordinates computed with pyproj 3.7.2 (PROJ 9.5.1):
    /// `Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True).transform(lon, lat)`, printed to 1 µm.
    static let references: [(name: String, longitude: Double, latitude: Double, x: Double, y: Double)] = [
        ("Marseille, Vieux-Port", 5.3740, 43.2951, 892_735.770717, 6_246_889.938333),
        ("Paris, Notre-Dame", 2.3499, 48.8530, 652_296.973146, 6_861_636.358515),
        ("Brest", -4.4861, 48.3904, 146_632.978528, 6_836_262.326656),
        ("Strasbourg", 7.7521, 48.5734, 1_050_362.695358, 6_840_899.647188),
        ("Nice", 7.2620, 43.7102, 1_043_410.159722, 6_299_400.042973),
        ("Lille", 3.0573, 50.6292, 704_061.145891, 7_059_136.589459),
        ("Bayonne", -1.4748, 43.4929, 338_093.535810, 6_276_236.596662),
        ("Ajaccio", 8.7369, 41.9192, 1_176_526.602261, 6_108_263.022637),
        ("Bastia", 9.4509, 42.6977, 1_228_640.507250, 6_199_171.710601),
        ("Bonifacio", 9.1590, 41.3874, 1_216_133.106397, 6_051_867.842332),
        ("Dunkerque", 2.3768, 51.0343, 656_187.429349, 7_104_461.774449),
        ("Perpignan", 2.8948, 42.6887, 691_368.107061, 6_176_570.588477),
        ("Pointe de Corsen", -4.7953, 48.4131, 124_098.647741, 6_840_984.692442),
        ("Lauterbourg", 8.1786, 48.9756, 1_078_833.702154, 6_887_500.204934),
        ("Menton", 7.4975, 43.7764, 1_061_946.762171, 6_307_797.359450),
    ]

    @Test("Lambert-93 projection agrees with PROJ within 1 cm", arguments: references)
    func forward(reference: (name: String, longitude: Double, latitude: Double, x: Double, y: Double)) {
        let p = Lambert93.project(GeoPoint(latitude: reference.latitude, longitude: reference.longitude))
        #expect(abs(p.x - reference.x) < 0.01, "\(reference.name): x off by \(p.x - reference.x) m")
        #expect(abs(p.y - reference.y) < 0.01, "\(reference.name): y off by \(p.y - reference.y) m")
    }

    @Test("Lambert-93 unprojection of PROJ's coordinates agrees within 1e-8°", arguments: references)
    func inverseOfReference(reference: (name: String, longitude: Double, latitude: Double, x: Double, y: Double)) {
        let g = Lambert93.unproject(PlanarPoint(x: reference.x, y: reference.y))
        #expect(abs(g.longitude - reference.longitude) < 1e-8, "\(reference.name)")
        #expect(abs(g.latitude - reference.latitude) < 1e-8, "\(reference.name)")
    }

    /// Geographic positions computed with pyproj 3.7.2 (PROJ 9.5.1):
    /// `Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True).transform(x, y)`, printed to 1e-12°.
    static let inverseReferences: [(x: Double, y: Double, longitude: Double, latitude: Double)] = [
        (700_000, 6_600_000, 3.000000000000, 46.500000000000),
        (150_000, 6_800_000, -4.395010671407, 48.068419692236),
        (1_200_000, 6_100_000, 9.010871731777, 41.829506139858),
        (1_050_000, 7_100_000, 7.968019247519, 50.897037925205),
        (400_000, 6_200_000, -0.666842058447, 42.836774865598),
        (650_000, 7_120_000, 2.286796839765, 51.173167838396),
        (1_230_000, 6_050_000, 9.321995240726, 41.360855466067),
    ]

    @Test("Lambert-93 unprojection agrees with PROJ within 1e-8°", arguments: inverseReferences)
    func inverse(reference: (x: Double, y: Double, longitude: Double, latitude: Double)) {
        let g = Lambert93.unproject(PlanarPoint(x: reference.x, y: reference.y))
        #expect(abs(g.longitude - reference.longitude) < 1e-8)
        #expect(abs(g.latitude - reference.latitude) < 1e-8)
    }

    @Test("round trips stay within 1 mm over mainland France and Corsica")
    func roundTrips() {
        var worst = 0.0
        // Every 0.25° over 41.3°–51.1° N and 5.2° W–9.6° E: mainland France, Corsica and their surroundings.
        for latitude in stride(from: 41.3, through: 51.1, by: 0.25) {
            for longitude in stride(from: -5.2, through: 9.6, by: 0.25) {
                let projected = Lambert93.project(GeoPoint(latitude: latitude, longitude: longitude))
                let unprojected = Lambert93.unproject(projected)
                let back = Lambert93.project(unprojected)
                worst = max(worst, abs(back.x - projected.x), abs(back.y - projected.y))
                #expect(abs(unprojected.latitude - latitude) < 1e-9 && abs(unprojected.longitude - longitude) < 1e-9)
            }
        }
        #expect(worst < 0.001, "worst planar round-trip error \(worst) m")
    }
}
