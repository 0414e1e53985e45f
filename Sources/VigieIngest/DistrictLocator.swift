import VigieCore

/// Finds, for a position, the code of the district containing it at every level loaded.
public struct DistrictLocator: Sendable {
    private let levels: [(level: String, index: PolygonIndex<String>)]

    /// Indexes the given districts by level.
    public init(districts: [District]) {
        let byLevel = Dictionary(grouping: districts, by: \.level)
        levels = byLevel.keys.sorted().map { level in
            (level, PolygonIndex(byLevel[level]!.map { (key: $0.code, polygon: $0.outline) }))
        }
    }

    /// Level → code of each district containing the point.
    public func codes(at point: GeoPoint) -> [String: String] {
        var codes: [String: String] = [:]
        for (level, index) in levels {
            if let code = index.locate(x: point.longitude, y: point.latitude) { codes[level] = code }
        }
        return codes
    }
}
