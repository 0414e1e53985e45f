import Foundation
import VigieCore

/// A place that draws incidents of some kinds: a station, a nightlife district, a housing estate, a hill.
enum Attractor: Sendable {
    case gareSaintCharles, vieuxPort, canebiere, noailles, coursJulien, castellane, velodrome, joliette
    case pradoBeaches, laCastellane, flamants, busserine, felixPyat
    case etoileHills, calanques, estaqueHills, marseilleveyre

    /// Where it is.
    var centre: GeoPoint {
        switch self {
        case .gareSaintCharles: GeoPoint(latitude: 43.3027, longitude: 5.3806)
        case .vieuxPort: GeoPoint(latitude: 43.2951, longitude: 5.3740)
        case .canebiere: GeoPoint(latitude: 43.2978, longitude: 5.3800)
        case .noailles: GeoPoint(latitude: 43.2966, longitude: 5.3794)
        case .coursJulien: GeoPoint(latitude: 43.2936, longitude: 5.3838)
        case .castellane: GeoPoint(latitude: 43.2861, longitude: 5.3835)
        case .velodrome: GeoPoint(latitude: 43.2698, longitude: 5.3959)
        case .joliette: GeoPoint(latitude: 43.3046, longitude: 5.3663)
        case .pradoBeaches: GeoPoint(latitude: 43.2606, longitude: 5.3750)
        case .laCastellane: GeoPoint(latitude: 43.3617, longitude: 5.3525)
        case .flamants: GeoPoint(latitude: 43.3365, longitude: 5.4026)
        case .busserine: GeoPoint(latitude: 43.3500, longitude: 5.3900)
        case .felixPyat: GeoPoint(latitude: 43.3116, longitude: 5.3804)
        case .etoileHills: GeoPoint(latitude: 43.3620, longitude: 5.4300)
        case .calanques: GeoPoint(latitude: 43.2220, longitude: 5.4400)
        case .estaqueHills: GeoPoint(latitude: 43.3650, longitude: 5.3100)
        case .marseilleveyre: GeoPoint(latitude: 43.2200, longitude: 5.3750)
        }
    }

    /// The standard deviation of the spread around the centre, in metres.
    var spreadMetres: Double {
        switch self {
        case .noailles: 100
        case .gareSaintCharles, .canebiere, .coursJulien, .castellane, .laCastellane, .flamants, .busserine,
            .felixPyat:
            150
        case .vieuxPort, .joliette: 200
        case .velodrome: 250
        case .pradoBeaches: 300
        case .estaqueHills: 600
        case .etoileHills, .marseilleveyre: 800
        case .calanques: 1200
        }
    }

    /// How much more it draws on a given day of the year: the beaches fill up in summer.
    func seasonalWeight(dayOfYear: Int) -> Double {
        guard self == .pradoBeaches else { return 1 }
        return 1 + 0.9 * cos(2 * Double.pi * Double(dayOfYear - 200) / 365.25)
    }
}
