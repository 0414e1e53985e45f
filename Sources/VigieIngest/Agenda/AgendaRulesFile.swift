import Foundation
import VigieCore
import Yams

/// The agenda's rules as a city writes them in YAML: clash rules, the means rule, the ground of a place.
///
/// ```yaml
/// place_m: 150
/// clashes:                       # replaces the standard list
///   - kinds: [roadworks, event]
///     buffer_m: 150
///     margin_minutes: 60
///     reason: roadworks on an event's access
/// means:                         # each key given replaces the standard value, each kind its own
///   minimum_officers: {protest: 6}
///   officers_per_1000: {event: 2.5}
///   risk_scale: 0.1
///   officers_per_vehicle: 8
///   barriers_per_1000: {event: 5}
///   diversions_per_route: {protest: 2}
///   adequate_share: 0.8
///   officers_per_day: 90
/// ```
public enum AgendaRulesFile {
    /// Reads a rules file; every problem names the file, the line and the key.
    public static func load(contentsOf url: URL) throws -> AgendaRules {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw MappingError(file: url.path, line: nil, key: "", message: "cannot be read as UTF-8 text")
        }
        return try parse(yaml: text, fileName: url.lastPathComponent)
    }

    /// Parses rules text, starting from the standard rules.
    public static func parse(yaml: String, fileName: String) throws -> AgendaRules {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else { return AgendaRules() }
            root = node
        } catch {
            throw MappingError(file: fileName, line: nil, key: "", message: "is not valid YAML: \(error)")
        }
        let top = try MappingNode(root, file: fileName, path: "", allowed: ["place_m", "clashes", "means"])
        var rules = AgendaRules()
        if let place = try top.double("place_m") {
            guard (10...2_000).contains(place) else { throw top.error("place_m", "must lie between 10 and 2,000 metres") }
            rules.placeMeters = place
        }
        if let node = top.node("clashes") {
            guard case .sequence(let sequence) = node else {
                throw top.error("clashes", "expected a list of rules, each with kinds, buffer_m and reason")
            }
            rules.clashRules = try sequence.enumerated().map { index, element in
                try clashRule(MappingNode(
                    element, file: fileName, path: "clashes[\(index + 1)]",
                    allowed: ["kinds", "buffer_m", "margin_minutes", "reason"]))
            }
        }
        if let means = try top.child(
            "means",
            allowed: ["minimum_officers", "officers_per_1000", "risk_scale", "officers_per_vehicle", "barriers_per_1000",
                "diversions_per_route", "adequate_share", "officers_per_day"])
        {
            rules.means = try meansRule(means, over: rules.means)
        }
        return rules
    }

    private static func kind(_ text: String, _ node: MappingNode, _ key: String) throws -> PlannedEventKind {
        guard let kind = PlannedEventKind(rawValue: text) else {
            throw node.error(key, "'\(text)' is not a kind of item; the kinds are \(PlannedEventKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
    }

    private static func clashRule(_ node: MappingNode) throws -> ClashRule {
        let kinds = try node.stringList("kinds")
        guard (1...2).contains(kinds.count) else {
            throw node.error("kinds", "give two kinds, such as [roadworks, event], or one for two items of a kind")
        }
        let first = try kind(kinds[0], node, "kinds")
        let second = try kinds.count == 2 ? kind(kinds[1], node, "kinds") : first
        guard let buffer = try node.double("buffer_m") else { throw node.error("buffer_m", "is required: metres apart at most") }
        guard (0...5_000).contains(buffer) else { throw node.error("buffer_m", "must lie between 0 and 5,000 metres") }
        let margin = try node.double("margin_minutes") ?? 0
        guard (0...1_440).contains(margin) else { throw node.error("margin_minutes", "must lie between 0 and 1,440 minutes") }
        return ClashRule(first, second, bufferMeters: buffer, marginMinutes: margin, reason: try node.requiredString("reason"))
    }

    private static func meansRule(_ node: MappingNode, over standard: MeansRule) throws -> MeansRule {
        var rule = standard
        func numbers(_ key: String) throws -> [PlannedEventKind: Double] {
            var values: [PlannedEventKind: Double] = [:]
            for (label, text, line) in try node.textPairs(key) {
                let kind = try kind(label, node, key)
                guard let value = Double(text), value >= 0, value.isFinite else {
                    throw MappingError(file: node.file, line: line, key: node.key(key), message: "'\(text)' for \(label) is not a number of zero or more")
                }
                values[kind] = value
            }
            return values
        }
        rule.minimumOfficers.merge(try numbers("minimum_officers").mapValues { Int($0.rounded(.up)) }) { $1 }
        rule.officersPerThousand.merge(try numbers("officers_per_1000")) { $1 }
        rule.barriersPerThousand.merge(try numbers("barriers_per_1000")) { $1 }
        rule.diversionsPerRoute.merge(try numbers("diversions_per_route").mapValues { Int($0.rounded(.up)) }) { $1 }
        if let scale = try node.double("risk_scale") {
            guard (0...0.5).contains(scale) else { throw node.error("risk_scale", "must lie between 0 and 0.5") }
            rule.riskScale = scale
        }
        if let officers = try node.double("officers_per_vehicle") {
            guard officers >= 0 else { throw node.error("officers_per_vehicle", "must be zero (no vehicles) or more") }
            rule.officersPerVehicle = officers
        }
        if let share = try node.double("adequate_share") {
            guard (0.1...1).contains(share) else { throw node.error("adequate_share", "must lie between 0.1 and 1 (0.8 is 80 %)") }
            rule.adequateShare = share
        }
        if let capacity = try node.int("officers_per_day") {
            guard capacity > 0 else { throw node.error("officers_per_day", "must be a positive number of officers") }
            rule.officersPerDay = capacity
        }
        return rule
    }

    /// Rules written back as a rules file: what `parse` reads as the same rules.
    public static func yaml(_ rules: AgendaRules) -> String {
        func number(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(value)
        }
        func map<V>(_ values: [PlannedEventKind: V], _ text: (V) -> String) -> String {
            "{" + PlannedEventKind.allCases.compactMap { kind in values[kind].map { "\(kind.rawValue): \(text($0))" } }
                .joined(separator: ", ") + "}"
        }
        var lines = ["place_m: \(number(rules.placeMeters))", "clashes:"]
        for rule in rules.clashRules {
            let kinds = PlannedEventKind.allCases.filter(rule.kinds.contains).map(\.rawValue)
            lines.append("  - kinds: [\(kinds.joined(separator: ", "))]")
            lines.append("    buffer_m: \(number(rule.bufferMeters))")
            if rule.marginMinutes > 0 { lines.append("    margin_minutes: \(number(rule.marginMinutes))") }
            let quoted = rule.reason.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"")
            lines.append("    reason: \"\(quoted)\"")
        }
        let means = rules.means
        lines += [
            "means:",
            "  minimum_officers: \(map(means.minimumOfficers) { String($0) })",
            "  officers_per_1000: \(map(means.officersPerThousand, number))",
            "  risk_scale: \(number(means.riskScale))",
            "  officers_per_vehicle: \(number(means.officersPerVehicle))",
            "  barriers_per_1000: \(map(means.barriersPerThousand, number))",
            "  diversions_per_route: \(map(means.diversionsPerRoute) { String($0) })",
            "  adequate_share: \(number(means.adequateShare))",
        ]
        if let capacity = means.officersPerDay { lines.append("  officers_per_day: \(capacity)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
