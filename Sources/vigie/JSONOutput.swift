/// A JSON value built by hand, for outputs whose keys depend on the query (GeoJSON properties, groups).
enum JSONOutput: Encodable {
    case string(String)
    case number(Double)
    case integer(Int)
    case null
    case array([JSONOutput])
    case object([String: JSONOutput])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .array(let values): try container.encode(values)
        case .object(let members): try container.encode(members)
        }
    }
}
