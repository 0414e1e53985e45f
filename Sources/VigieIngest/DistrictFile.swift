import Foundation
import VigieCore

/// Reads districts from a GeoJSON FeatureCollection; features sharing a code are dissolved into one district.
public enum DistrictFile {
    /// Reads one level's districts; every problem names the feature and the property.
    public static func read(
        _ url: URL, level: String, codeField: String, nameField: String, populationField: String? = nil
    ) throws -> [District] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw IngestError.unreadableFile(path: url.path, reason: "no such file or not readable")
        }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw IngestError.invalidDistricts(path: url.path, feature: nil, reason: "not valid JSON: \(error.localizedDescription)")
        }
        guard let collection = root as? [String: Any], let features = collection["features"] as? [Any] else {
            throw IngestError.invalidDistricts(path: url.path, feature: nil, reason: "not a GeoJSON FeatureCollection")
        }
        var order: [String] = []
        var byCode: [String: District] = [:]
        for (index, element) in features.enumerated() {
            guard let feature = element as? [String: Any], let properties = feature["properties"] as? [String: Any]
            else {
                throw IngestError.invalidDistricts(path: url.path, feature: index + 1, reason: "it has no properties")
            }
            guard let code = text(properties[codeField]), !code.isEmpty else {
                throw IngestError.invalidDistricts(
                    path: url.path, feature: index + 1,
                    reason: "it has no '\(codeField)' property (--code-field); it has: \(properties.keys.sorted().joined(separator: ", "))")
            }
            let name = text(properties[nameField]) ?? code
            let population = populationField.flatMap { properties[$0] as? NSNumber }.map(\.intValue)
            let outline: Polygon
            do {
                outline = try Polygon.fromGeoJSONGeometry(feature["geometry"] as Any)
            } catch {
                throw IngestError.invalidDistricts(path: url.path, feature: index + 1, reason: "(\(code)) \(error)")
            }
            if var existing = byCode[code] {
                existing.outline = existing.outline.merging(outline)
                if let population { existing.population = (existing.population ?? 0) + population }
                byCode[code] = existing
            } else {
                order.append(code)
                byCode[code] = District(level: level, code: code, name: name, population: population, outline: outline)
            }
        }
        return order.map { byCode[$0]! }
    }

    private static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: string
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }
}
