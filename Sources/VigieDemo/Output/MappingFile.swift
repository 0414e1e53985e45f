import Foundation
import VigieCore

/// An ingestion mapping file (YAML) telling the engine how to read one source's file.
struct MappingFile: Sendable {
    /// The register entry the mapping names and creates.
    let source: Source
    /// Keys of the `format` block with their YAML values.
    let format: [(key: String, value: String)]
    /// The column holding the source's reference, if any.
    let referenceColumn: String?
    /// Keys of the `time` block with their YAML values.
    let time: [(key: String, value: String)]
    /// Keys of the `location` block with their YAML values; empty to use GeoJSON geometry.
    let location: [(key: String, value: String)]
    /// The column holding the raw label.
    let categoryColumn: String
    /// Every label with its taxonomy code.
    let labels: [(label: String, code: CategoryCode)]
    /// Attributes kept, name then column.
    let attributes: [(name: String, column: String)]
    /// Attributes to pseudonymise.
    let personal: [String]

    /// The YAML text.
    var yaml: String {
        var lines = ["source: \(source.name)", "register:"]
        lines.append("  title: \(MappingFile.quoted(source.title))")
        lines.append("  owner: \(MappingFile.quoted(source.owner))")
        lines.append("  purpose: \(MappingFile.quoted(source.purpose))")
        lines.append("  legal_regime: \(source.legalRegime.rawValue)")
        lines.append("  personal_data: \(source.holdsPersonalData)")
        lines.append("  retention_days: \(source.retentionDays)")
        lines.append("  public: \(source.isPublic)")
        lines.append("format:")
        lines += format.map { "  \($0.key): \($0.value)" }
        if let referenceColumn { lines += ["reference:", "  column: \(referenceColumn)"] }
        lines.append("time:")
        lines += time.map { "  \($0.key): \($0.value)" }
        if !location.isEmpty {
            lines.append("location:")
            lines += location.map { "  \($0.key): \($0.value)" }
        }
        lines += ["category:", "  column: \(categoryColumn)", "  map:"]
        lines += labels.map { "    \(MappingFile.quoted($0.label)): \($0.code.rawValue)" }
        if !attributes.isEmpty {
            lines.append("attributes:")
            lines += attributes.map { "  \($0.name): \($0.column)" }
        }
        if !personal.isEmpty { lines.append("personal: [\(personal.joined(separator: ", "))]") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
