import Foundation
import VigieCore
import Yams

/// A city's own services for citizens, in YAML: what `vigie serve --services FILE` offers instead of the
/// standard catalogue, and what `vigie open311 services` writes to start from.
///
/// ```yaml
/// services:
///   - code: "101"
///     name: {fr: Dépôt sauvage, en: Illegal dumping}
///     description: {fr: Déchets abandonnés., en: Waste left in the street.}
///     group: {fr: Propreté, en: Cleanliness}
///     keywords: déchets,dumping
///     category: street              # the taxonomy's code
///     body: metropolis              # city, metropolis or police
///     type: realtime                # or batch: a token is answered, resolved later
///     publishes_details: true       # false for problems reported at home
///     attributes:
///       - code: volume
///         datatype: singlevaluelist # string, number, datetime, text, singlevaluelist, multivaluelist
///         required: true
///         variable: true            # false: a text shown, never answered
///         description: {fr: Volume, en: Volume}
///         values:
///           - {key: small, fr: Un sac ou deux, en: A bag or two}
/// ```
public enum CitizenServiceFile {
    /// Reads a services file; every problem names the file, the line and the key.
    public static func load(contentsOf url: URL) throws -> CitizenServiceCatalogue {
        try parse(yaml: try MappingNode.text(of: url), fileName: url.lastPathComponent)
    }

    public static func parse(yaml: String, fileName: String) throws -> CitizenServiceCatalogue {
        let top = try MappingNode.root(yaml: yaml, fileName: fileName, allowed: ["services"])
        guard case .sequence(let list)? = top.node("services"), !list.isEmpty else {
            throw top.error("services", "expected a list of at least one service")
        }
        var codes = Set<String>()
        let services = try list.enumerated().map { index, element -> CitizenService in
            let node = try MappingNode(
                element, file: fileName, path: "services[\(index + 1)]",
                allowed: ["code", "name", "description", "group", "keywords", "category", "body", "type", "publishes_details",
                    "attributes"])
            let service = try service(node)
            guard codes.insert(service.code).inserted else { throw node.error("code", "'\(service.code)' is given twice") }
            return service
        }
        return CitizenServiceCatalogue(services: services)
    }

    private static func words(_ node: MappingNode, _ name: String) throws -> (fr: String, en: String) {
        let child = try node.requiredChild(name, allowed: ["fr", "en"])
        let french = try child.requiredString("fr")
        return (french, try child.string("en") ?? french)
    }

    private static func service(_ node: MappingNode) throws -> CitizenService {
        let code = try node.requiredString("code")
        guard !code.isEmpty, code.count <= 32, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw node.error("code", "'\(code)' must be 1 to 32 letters, digits, '-' or '_' (Open311 clients put it in URLs)")
        }
        let category = CategoryCode(rawValue: try node.requiredString("category"))
        guard Taxonomy.standard.contains(category) else {
            throw node.error("category", "'\(category.rawValue)' is not in the taxonomy; the codes are \(Taxonomy.standard.categories.map(\.code.rawValue).joined(separator: ", "))")
        }
        let bodyText = try node.requiredString("body")
        guard let body = ResponsibleBody(rawValue: bodyText) else {
            throw node.error("body", "'\(bodyText)' is not one of \(ResponsibleBody.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let kindText = try node.string("type") ?? "realtime"
        guard let kind = CitizenService.Kind(rawValue: kindText) else { throw node.error("type", "'\(kindText)' is not realtime or batch") }
        let name = try words(node, "name"), description = try words(node, "description"), group = try words(node, "group")
        var attributes: [ServiceAttribute] = []
        if let list = node.node("attributes") {
            guard case .sequence(let elements) = list else { throw node.error("attributes", "expected a list of questions") }
            for (index, element) in elements.enumerated() {
                let child = try MappingNode(
                    element, file: node.file, path: node.key("attributes[\(index + 1)]"),
                    allowed: ["code", "datatype", "required", "variable", "description", "values"])
                let attribute = try attribute(child)
                guard !attributes.contains(where: { $0.code == attribute.code }) else {
                    throw child.error("code", "'\(attribute.code)' is given twice in this service")
                }
                attributes.append(attribute)
            }
        }
        return CitizenService(
            code: code, nameFR: name.fr, nameEN: name.en, descriptionFR: description.fr, descriptionEN: description.en,
            groupFR: group.fr, groupEN: group.en, keywords: try node.string("keywords") ?? "", category: category, body: body,
            kind: kind, publishesDetails: try node.bool("publishes_details") ?? true, attributes: attributes)
    }

    private static func attribute(_ node: MappingNode) throws -> ServiceAttribute {
        let code = try node.requiredString("code")
        guard !code.isEmpty, code.count <= 64, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw node.error("code", "'\(code)' must be 1 to 64 letters, digits, '-' or '_' (it is sent as attribute[code])")
        }
        let typeText = try node.requiredString("datatype")
        guard let datatype = ServiceAttributeDatatype(rawValue: typeText) else {
            throw node.error("datatype", "'\(typeText)' is not one of \(ServiceAttributeDatatype.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let description = try words(node, "description")
        var values: [ServiceAttribute.Value] = []
        if let list = node.node("values") {
            guard case .sequence(let elements) = list else { throw node.error("values", "expected a list of {key, fr, en}") }
            for (index, element) in elements.enumerated() {
                let value = try MappingNode(element, file: node.file, path: node.key("values[\(index + 1)]"), allowed: ["key", "fr", "en"])
                let key = try value.requiredString("key")
                guard !values.contains(where: { $0.key == key }) else { throw value.error("key", "'\(key)' is given twice") }
                let french = try value.requiredString("fr")
                values.append(.init(key, french, try value.string("en") ?? french))
            }
        }
        let isList = datatype == .singlevaluelist || datatype == .multivaluelist
        guard isList == !values.isEmpty else {
            throw node.error("values", isList ? "a \(datatype.rawValue) needs its values" : "only the two list datatypes take values")
        }
        let variable = try node.bool("variable") ?? true
        let required = try node.bool("required") ?? false
        guard variable || !required else { throw node.error("required", "a text shown (variable: false) cannot be required") }
        return ServiceAttribute(
            code: code, variable: variable, datatype: datatype, required: required, descriptionFR: description.fr,
            descriptionEN: description.en, values: values)
    }

    /// A catalogue written as a services file: what `parse` reads as the same catalogue.
    public static func yaml(_ catalogue: CitizenServiceCatalogue) -> String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        func pair(_ french: String, _ english: String) -> String { "{fr: \(quoted(french)), en: \(quoted(english))}" }
        var lines = ["services:"]
        for service in catalogue.services {
            lines += [
                "  - code: \(quoted(service.code))",
                "    name: \(pair(service.nameFR, service.nameEN))",
                "    description: \(pair(service.descriptionFR, service.descriptionEN))",
                "    group: \(pair(service.groupFR, service.groupEN))",
                "    keywords: \(quoted(service.keywords))",
                "    category: \(service.category.rawValue)",
                "    body: \(service.body.rawValue)",
                "    type: \(service.kind.rawValue)",
                "    publishes_details: \(service.publishesDetails)",
            ]
            if service.attributes.isEmpty { continue }
            lines.append("    attributes:")
            for attribute in service.attributes {
                lines += [
                    "      - code: \(quoted(attribute.code))",
                    "        datatype: \(attribute.datatype.rawValue)",
                    "        required: \(attribute.required)",
                    "        variable: \(attribute.variable)",
                    "        description: \(pair(attribute.descriptionFR, attribute.descriptionEN))",
                ]
                if attribute.values.isEmpty { continue }
                lines.append("        values:")
                for value in attribute.values {
                    lines.append("          - {key: \(quoted(value.key)), fr: \(quoted(value.nameFR)), en: \(quoted(value.nameEN))}")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
