/// A parsed JSON value, keeping numbers apart from booleans.
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    /// A number as written, so that long identifiers keep every digit.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses one JSON document, with a short reason when it is not valid JSON.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, FieldProblem> {
        JSONParser.parse(bytes)
    }

    /// The value at a dotted path of nested objects (`address.city`).
    func lookup(_ path: String) -> JSONValue? {
        if case .object(let members) = self, let direct = members[path] { return direct }
        var current = self
        for part in path.split(separator: ".") {
            guard case .object(let members) = current, let next = members[String(part)] else { return nil }
            current = next
        }
        return current
    }

    /// The value as a field of a record.
    var fieldValue: FieldValue {
        switch self {
        case .null: .absent
        case .string(let text): .text(text)
        case .bool(let flag): .text(flag ? "true" : "false")
        case .number(let literal): .text(literal)
        case .array, .object: .unreadable("holds a list or an object where a single value is expected")
        }
    }
}
