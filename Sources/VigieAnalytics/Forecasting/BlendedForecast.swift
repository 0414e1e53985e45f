import Foundation
import VigieCore

/// A weighted blend of methods, each risk surface scaled to sum to 1 first: the long-run count says where
/// incidents keep happening, a short-term density where they have just happened.
public struct BlendedForecast: ForecastMethod {
    public let name: String
    public let components: [(method: any ForecastMethod, weight: Double)]

    public init(name: String, components: [(method: any ForecastMethod, weight: Double)]) {
        self.name = name
        self.components = components
    }

    /// The blend the evaluation retained: the long-run count with the decaying density at half its
    /// weight (chosen on Toronto's July–September 2019 burglaries, before the period the README reports).
    public static let countAndRecent = BlendedForecast(
        name: "blend", components: [(LongRunCount(), 1), (DecayingKDE(), 0.5)])

    public func risk(_ request: ForecastRequest) throws -> [Double] {
        var blended = [Double](repeating: 0, count: request.grid.count)
        for (method, weight) in components {
            let risk = try method.risk(request)
            let total = risk.reduce(0, +)
            guard total > 0 else { continue }
            for cell in risk.indices { blended[cell] += weight * risk[cell] / total }
        }
        return blended
    }
}
