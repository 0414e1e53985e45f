import Foundation
import VigieCore
import Yams

extension Mapping {
    /// Reads a mapping file; every problem names the file, the line and the key.
    public static func load(contentsOf url: URL) throws -> Mapping {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw MappingError(file: url.path, line: nil, key: "", message: "no such mapping file")
        }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw MappingError(
                file: url.path, line: nil, key: "",
                message: "cannot be read as UTF-8 text: \(error.localizedDescription)")
        }
        return try parse(yaml: text, fileName: url.lastPathComponent)
    }

    /// Parses mapping text; `fileName` names it in messages.
    public static func parse(yaml: String, fileName: String) throws -> Mapping {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw MappingError(file: fileName, line: nil, key: "", message: "the file is empty")
            }
            root = node
        } catch let error as YamlError {
            throw MappingError(file: fileName, line: error.line, key: "", message: "is not valid YAML: \(error)")
        }
        let top = try MappingNode(
            root, file: fileName, path: "",
            allowed: ["source", "register", "format", "reference", "time", "location", "category", "attributes",
                "personal"])
        let sourceName = try top.requiredString("source")
        guard Source.isValidName(sourceName) else {
            throw top.error("source", "'\(sourceName)' must be lowercase letters, digits and '-' (such as toronto-mci)")
        }
        let format = try top.requiredChild("format", allowed: ["type", "delimiter", "encoding"])
        let formatType = try format.requiredString("type")
        guard let kind = Format(rawValue: formatType) else {
            throw format.error("type", "'\(formatType)' is not a format; use csv, ndjson or geojson")
        }
        let delimiter = try parseDelimiter(format)
        let encodingName = try format.string("encoding") ?? "auto"
        guard let encoding = TextEncoding(name: encodingName) else {
            throw format.error("encoding", "'\(encodingName)' is not supported; use auto, utf-8 or latin1")
        }

        let reference = try top.child("reference", allowed: ["column"])
        let time = try top.requiredChild("time", allowed: ["column", "format", "time_zone", "precision"])
        let timeFormatText = try time.requiredString("format")
        let timeFormat: TimeFormat
        do {
            timeFormat = try TimeFormat(pattern: timeFormatText)
        } catch let error as TimeFormat.PatternError {
            throw time.error("format", error.description)
        }
        let zoneName = try time.string("time_zone")
        if let zoneName, TimeZone(identifier: zoneName) == nil {
            throw time.error("time_zone", "'\(zoneName)' is not an IANA time zone (such as Europe/Paris)")
        }
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
            sourceName: sourceName, register: try parseRegister(top, sourceName: sourceName), format: kind,
            delimiter: delimiter, encoding: encoding, referenceColumn: try reference?.requiredString("column"),
            timeColumn: try time.requiredString("column"), timeFormat: timeFormat, timeZoneIdentifier: zoneName,
            timePrecision: precision, location: location, locationOptional: locationOptional,
            locationPrecisionMeters: locationPrecision, categoryColumn: try category.requiredString("column"),
            categoryMap: categoryMap, categoryDefault: categoryDefault, attributes: attributes,
            personalAttributes: Set(personal), fileName: fileName)
    }

    private static func parseDelimiter(_ format: MappingNode) throws -> UInt8 {
        switch try format.string("delimiter") ?? "," {
        case ",": UInt8(ascii: ",")
        case ";": UInt8(ascii: ";")
        case "tab", "\t": UInt8(ascii: "\t")
        case "|": UInt8(ascii: "|")
        case let other: throw format.error("delimiter", "'\(other)' is not supported; use \",\", \";\", \"|\" or tab")
        }
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

    private static func parseRegister(_ top: MappingNode, sourceName: String) throws -> Source? {
        guard let node = try top.child(
            "register",
            allowed: ["title", "owner", "purpose", "legal_regime", "personal_data", "retention_days", "public"])
        else { return nil }
        let regimeName = try node.requiredString("legal_regime")
        guard let regime = LegalRegime(rawValue: regimeName) else {
            throw node.error("legal_regime", "'\(regimeName)' is not gdpr or police-justice")
        }
        guard let retention = try node.int("retention_days") else {
            throw node.error("retention_days", "is required: how many days records are kept")
        }
        guard let personal = try node.bool("personal_data") else {
            throw node.error("personal_data", "is required: true if records hold personal data")
        }
        let source = Source(
            name: sourceName, title: try node.requiredString("title"), owner: try node.requiredString("owner"),
            purpose: try node.requiredString("purpose"), legalRegime: regime, holdsPersonalData: personal,
            retentionDays: retention, isPublic: try node.bool("public") ?? false)
        if let problem = source.problems().first {
            throw MappingError(file: node.file, line: node.mark?.line, key: "register", message: problem)
        }
        return source
    }
}

extension YamlError {
    fileprivate var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line
        default: nil
        }
    }
}
