import Foundation

/// The components of an iCalendar file (RFC 5545): nested blocks of named properties with parameters.
struct ICalendarComponent {
    struct Property {
        var name: String
        var parameters: [String: String]
        var value: String
        /// The line (of the file as written, before unfolding) where the property starts.
        var line: Int
    }

    var name: String
    var properties: [Property] = []
    var children: [ICalendarComponent] = []
    var line: Int

    func first(_ name: String) -> Property? { properties.first { $0.name == name } }
    func all(_ name: String) -> [Property] { properties.filter { $0.name == name } }
}

/// Why an iCalendar file cannot be read, with the line to look at.
public struct ICalendarError: Error, Equatable, CustomStringConvertible {
    public var line: Int
    public var reason: String

    public var description: String { "line \(line): \(reason)" }
}

/// Reads iCalendar text into components: lines unfolded (a line starting with a space or a tab continues the
/// one before), properties split into name, parameters and value, BEGIN and END matched.
enum ICalendarParser {
    static func parse(_ text: String) throws -> [ICalendarComponent] {
        var logical: [(text: String, line: Int)] = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .enumerated()
        {
            var line = String(raw)
            if line.hasSuffix("\r") { line.removeLast() }
            if let first = line.first, first == " " || first == "\t", !logical.isEmpty {
                logical[logical.count - 1].text += line.dropFirst()
            } else if !line.isEmpty {
                logical.append((line, index + 1))
            }
        }
        var stack: [ICalendarComponent] = []
        var roots: [ICalendarComponent] = []
        for (text, line) in logical {
            let property = try parseProperty(text, line: line)
            switch property.name {
            case "BEGIN":
                stack.append(ICalendarComponent(name: property.value.uppercased(), line: line))
            case "END":
                guard let open = stack.popLast() else {
                    throw ICalendarError(line: line, reason: "END:\(property.value) closes nothing")
                }
                guard open.name == property.value.uppercased() else {
                    throw ICalendarError(line: line, reason: "END:\(property.value) closes BEGIN:\(open.name) of line \(open.line)")
                }
                if stack.isEmpty { roots.append(open) } else { stack[stack.count - 1].children.append(open) }
            default:
                guard !stack.isEmpty else {
                    throw ICalendarError(line: line, reason: "\(property.name) lies outside any BEGIN/END block")
                }
                stack[stack.count - 1].properties.append(property)
            }
        }
        if let open = stack.last {
            throw ICalendarError(line: open.line, reason: "BEGIN:\(open.name) is never closed")
        }
        return roots
    }

    /// `NAME;PARAM=value;PARAM="quoted":value`.
    private static func parseProperty(_ text: String, line: Int) throws -> ICalendarComponent.Property {
        var name = ""
        var parameters: [String: String] = [:]
        var index = text.startIndex
        func readToken(until stops: Set<Character>) -> String {
            var token = ""
            var quoted = false
            while index < text.endIndex {
                let character = text[index]
                if character == "\"" { quoted.toggle() } else if !quoted && stops.contains(character) { break } else {
                    token.append(character)
                }
                index = text.index(after: index)
            }
            return token
        }
        name = readToken(until: [";", ":"]).uppercased()
        while index < text.endIndex && text[index] == ";" {
            index = text.index(after: index)
            let key = readToken(until: ["=", ";", ":"]).uppercased()
            guard index < text.endIndex, text[index] == "=" else {
                throw ICalendarError(line: line, reason: "parameter \(key) of \(name) has no value")
            }
            index = text.index(after: index)
            parameters[key] = readToken(until: [";", ":"])
        }
        guard index < text.endIndex, text[index] == ":", !name.isEmpty else {
            throw ICalendarError(line: line, reason: "'\(text.prefix(60))' is not a property (NAME:value)")
        }
        return ICalendarComponent.Property(
            name: name, parameters: parameters, value: String(text[text.index(after: index)...]), line: line)
    }

    /// A TEXT value with its escapes (\\, \;, \,, \n) undone.
    static func text(_ value: String) -> String {
        var result = ""
        var escaped = false
        for character in value {
            if escaped {
                result.append(character == "n" || character == "N" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
