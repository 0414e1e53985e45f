import Foundation

/// The French Lambert-93 projection (EPSG:2154) of RGF93 geographic coordinates.
///
/// RGF93 is taken equal to WGS84: the two frames differ by well under a metre in mainland France,
/// far below the accuracy of the positions Vigie handles.
public enum Lambert93 {
    /// GRS80 semi-major axis, in metres.
    public static let semiMajorAxis = 6_378_137.0
    /// GRS80 inverse flattening.
    public static let inverseFlattening = 298.257_222_101
    /// GRS80 first eccentricity.
    public static let eccentricity: Double = {
        let f = 1 / inverseFlattening
        return (f * (2 - f)).squareRoot()
    }()

    /// The projection constants, derived by ALG0054 from the EPSG:2154 definition.
    public static let projection = LambertConformalConic(
        semiMajorAxis: semiMajorAxis,
        eccentricity: eccentricity,
        originLongitude: 3 * Double.pi / 180,
        originLatitude: 46.5 * Double.pi / 180,
        standardParallel1: 44 * Double.pi / 180,
        standardParallel2: 49 * Double.pi / 180,
        falseEasting: 700_000,
        falseNorthing: 6_600_000
    )

    /// Projects a WGS84 (taken as RGF93) position to Lambert-93 metres.
    public static func project(_ p: GeoPoint) -> PlanarPoint {
        projection.project(longitude: p.longitude * Double.pi / 180, latitude: p.latitude * Double.pi / 180)
    }

    /// Converts Lambert-93 metres back to a WGS84 (taken as RGF93) position.
    public static func unproject(_ p: PlanarPoint) -> GeoPoint {
        let radians = projection.unproject(p)
        return GeoPoint(latitude: radians.latitude * 180 / Double.pi, longitude: radians.longitude * 180 / Double.pi)
    }
}
