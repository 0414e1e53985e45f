import Foundation
import VigieCore

extension Mapping {
    /// Reads a mapping file; every problem names the file, the line and the key.
    public static func load(contentsOf url: URL) throws -> Mapping {
        try parse(yaml: try MappingNode.text(of: url), fileName: url.lastPathComponent)
    }

    /// Parses mapping text; `fileName` names it in messages.
    public static func parse(yaml: String, fileName: String) throws -> Mapping {
        let top = try MappingNode.root(
            yaml: yaml, fileName: fileName,
            allowed: ["source", "register", "format", "reference", "time", "location", "category", "attributes",
                "personal"])
        let sourceName = try top.sourceName()
        let (kind, delimiter, encoding) = try top.format()

        let reference = try top.child("reference", allowed: ["column"])
        let time = try top.requiredChild("time", allowed: ["column", "format", "time_zone", "precision"])
        let timeFormat = try time.timeFormat()
        let zoneName = try time.timeZoneName()
        var precision = timeFormat.impliedPrecision
        if let precisionName = try time.string("precision") {
            guard let value = TimePrecision(rawValue: precisionName) else {
                throw time.error("precision", "'\(precisionName)' is not one of exact, hour, day, month")
            }
            precision = value
        }

        let (location, locationOptional, locationPrecision) = try parseLocation(top, format: kind, fileName: fileName)
        let category = try top.requiredChild("category", allowed: ["column", "map", "default"])
        var categoryMap: [String: CategoryCode] = [:]
        for (label, code, line) in try category.textPairs("map") {
            guard Taxonomy.standard.contains(CategoryCode(rawValue: code)) else {
                throw MappingError(
                    file: fileName, line: line, key: "category.map",
                    message: "'\(label)' maps to '\(code)', which is not a taxonomy code; codes are: "
                        + Taxonomy.standard.categories.map(\.code.rawValue).joined(separator: ", "))
            }
            categoryMap[label] = CategoryCode(rawValue: code)
        }
        let categoryDefault = try category.string("default").map { CategoryCode(rawValue: $0) }
        if let categoryDefault, !Taxonomy.standard.contains(categoryDefault) {
            throw category.error("default", "'\(categoryDefault)' is not a taxonomy code")
        }
        let attributes = try top.textPairs("attributes").map { (name: $0.key, column: $0.value) }
        let personal = try top.stringList("personal")
        for name in personal where !attributes.contains(where: { $0.name == name }) {
            throw top.error("personal", "'\(name)' is not declared under attributes; personal fields are attributes")
        }
        return Mapping(
            sourceName: sourceName, register: try top.register(sourceName: sourceName), format: kind,
            delimiter: delimiter, encoding: encoding, referenceColumn: try reference?.requiredString("column"),
            timeColumn: try time.requiredString("column"), timeFormat: timeFormat, timeZoneIdentifier: zoneName,
            timePrecision: precision, location: location, locationOptional: locationOptional,
            locationPrecisionMeters: locationPrecision, categoryColumn: try category.requiredString("column"),
            categoryMap: categoryMap, categoryDefault: categoryDefault, attributes: attributes,
            personalAttributes: Set(personal), fileName: fileName)
    }

    private static func parseLocation(
        _ top: MappingNode, format: Format, fileName: String
    ) throws -> (LocationSource, Bool, Double?) {
        let node = try top.child(
            "location", allowed: ["latitude", "longitude", "x", "y", "crs", "precision_m", "optional"])
        guard let node else {
            guard format == .geojson else {
                throw MappingError(
                    file: fileName, line: nil, key: "location",
                    message: "is required: give latitude and longitude columns, or x, y and crs: EPSG:2154")
            }
            return (.geometry, false, nil)
        }
        let precision = try node.double("precision_m")
        if let precision, precision < 0 { throw node.error("precision_m", "must be zero or more metres") }
        let optional = try node.bool("optional") ?? false
        if let latitude = try node.string("latitude") {
            return (.latitudeLongitude(latitude: latitude, longitude: try node.requiredString("longitude")),
                optional, precision)
        }
        if let x = try node.string("x") {
            let crs = try node.string("crs") ?? "EPSG:2154"
            switch crs.uppercased() {
            case "EPSG:2154", "LAMBERT-93", "LAMBERT93":
                return (.lambert93(x: x, y: try node.requiredString("y")), optional, precision)
            case "EPSG:4326", "WGS84":
                return (.latitudeLongitude(latitude: try node.requiredString("y"), longitude: x), optional, precision)
            default:
                throw node.error("crs", "'\(crs)' is not supported; use EPSG:2154 (Lambert-93) or EPSG:4326")
            }
        }
        guard format == .geojson else {
            throw node.error("latitude", "give latitude and longitude, or x and y with crs")
        }
        return (.geometry, optional, precision)
    }
}
