import Foundation

/// A parsed JSON value, keeping numbers apart from booleans.
enum JSONValue: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Parses one JSON document, with a short reason when it is not valid JSON.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, FieldProblem> {
        do {
            return .success(try JSONDecoder().decode(JSONValue.self, from: Data(buffer: bytes)))
        } catch let DecodingError.dataCorrupted(context) {
            let detail = (context.underlyingError as NSError?)?.localizedDescription ?? context.debugDescription
            return .failure(FieldProblem("is not valid JSON: \(detail)"))
        } catch {
            return .failure(FieldProblem("is not valid JSON"))
        }
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
        case .number(let number):
            .text(number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number))
        case .array, .object: .unreadable("holds a list or an object where a single value is expected")
        }
    }
}
