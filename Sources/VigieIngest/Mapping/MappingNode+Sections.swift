import Foundation
import VigieCore
import Yams

/// The parts incident and agenda mappings share: the file, its top level, `source`, `format`, `register`
/// and the time format and zone.
extension MappingNode {
    /// The text of a mapping file; a missing or unreadable file is a `MappingError` naming it.
    static func text(of url: URL) throws -> String {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw MappingError(file: url.path, line: nil, key: "", message: "no such mapping file")
        }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw MappingError(
                file: url.path, line: nil, key: "",
                message: "cannot be read as UTF-8 text: \(error.localizedDescription)")
        }
    }

    /// The top level of mapping text, which may hold only the `allowed` keys.
    static func root(yaml: String, fileName: String, allowed: [String]) throws -> MappingNode {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw MappingError(file: fileName, line: nil, key: "", message: "the file is empty")
            }
            root = node
        } catch let error as YamlError {
            throw MappingError(file: fileName, line: error.line, key: "", message: "is not valid YAML: \(error)")
        }
        return try MappingNode(root, file: fileName, path: "", allowed: allowed)
    }

    /// The `source` key: a register name.
    func sourceName() throws -> String {
        let name = try requiredString("source")
        guard Source.isValidName(name) else {
            throw error("source", "'\(name)' must be lowercase letters, digits and '-' (such as toronto-mci)")
        }
        return name
    }

    /// The `format` block: the file's type, its CSV delimiter and its text encoding.
    func format() throws -> (type: Mapping.Format, delimiter: UInt8, encoding: TextEncoding) {
        let format = try requiredChild("format", allowed: ["type", "delimiter", "encoding"])
        let typeName = try format.requiredString("type")
        guard let type = Mapping.Format(rawValue: typeName) else {
            throw format.error("type", "'\(typeName)' is not a format; use csv, ndjson or geojson")
        }
        let delimiter: UInt8 =
            switch try format.string("delimiter") ?? "," {
            case ",": UInt8(ascii: ",")
            case ";": UInt8(ascii: ";")
            case "tab", "\t": UInt8(ascii: "\t")
            case "|": UInt8(ascii: "|")
            case let other:
                throw format.error("delimiter", "'\(other)' is not supported; use \",\", \";\", \"|\" or tab")
            }
        let encodingName = try format.string("encoding") ?? "auto"
        guard let encoding = TextEncoding(name: encodingName) else {
            throw format.error("encoding", "'\(encodingName)' is not supported; use auto, utf-8 or latin1")
        }
        return (type, delimiter, encoding)
    }

    /// The optional `register` block: the register entry to create when the source is missing.
    func register(sourceName: String) throws -> Source? {
        guard let node = try child(
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
            throw MappingError(file: node.file, line: node.mark?.line, key: key("register"), message: problem)
        }
        return source
    }

    /// The `format` key of a time block.
    func timeFormat() throws -> TimeFormat {
        let text = try requiredString("format")
        do {
            return try TimeFormat(pattern: text)
        } catch let error as TimeFormat.PatternError {
            throw self.error("format", error.description)
        }
    }

    /// The `time_zone` key of a time block: an IANA name, `nil` for the deployment's zone.
    func timeZoneName() throws -> String? {
        let name = try string("time_zone")
        if let name, TimeZone(identifier: name) == nil {
            throw error("time_zone", "'\(name)' is not an IANA time zone (such as Europe/Paris)")
        }
        return name
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
