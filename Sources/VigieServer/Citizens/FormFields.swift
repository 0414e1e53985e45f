import Foundation

/// Why a form body or query cannot be read: the field it concerns and what is wrong with it.
struct FormProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The field's name, "body" for the body as a whole, or "field N" when the name itself cannot be read.
    var field: String
    /// What is wrong, as an English phrase.
    var reason: String

    /// "form field 'x': reason", or "form body: reason".
    var description: String {
        field == "body" ? "form body: \(reason)" : "form field '\(field)': \(reason)"
    }
}

/// Fields of an application/x-www-form-urlencoded body or query, in order; names may repeat.
struct FormFields: Sendable, Hashable {
    /// One decoded `name=value` pair.
    struct Field: Sendable, Hashable {
        /// The decoded name.
        var name: String
        /// The decoded value, possibly empty.
        var value: String
    }

    /// The fields in the order they were sent.
    var fields: [Field]

    /// Fields already decoded (from a multipart body, for instance).
    init(_ fields: [Field] = []) {
        self.fields = fields
    }

    /// Decodes `text` (without a leading "?"): pairs separated by "&", "+" is a space, "%XX" are UTF-8 bytes.
    /// A pair without "=" has an empty value; empty pairs ("a=1&&b=2") are skipped.
    init(parsing text: String) throws(FormProblem) {
        var fields: [Field] = []
        var bytes = Array(text.utf8)
        bytes.append(UInt8(ascii: "&"))  // closes the last pair
        var pairStart = 0
        var equals: Int?
        var ordinal = 0
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "="):
                if equals == nil { equals = index }
            case UInt8(ascii: "&"):
                if index > pairStart {
                    ordinal += 1
                    let nameEnd = equals ?? index
                    let rawName = bytes[pairStart..<nameEnd]
                    let name: String
                    do {
                        name = try Self.decode(rawName)
                    } catch {
                        throw FormProblem(field: "field \(ordinal)", reason: "its name \(Self.quoted(rawName)) \(error.reason)")
                    }
                    let rawValue = equals.map { bytes[$0 + 1..<index] } ?? []
                    do {
                        fields.append(Field(name: name, value: try Self.decode(rawValue)))
                    } catch {
                        throw FormProblem(field: name, reason: "its value \(error.reason)")
                    }
                }
                pairStart = index + 1
                equals = nil
            default:
                break
            }
        }
        self.fields = fields
    }

    /// The first non-empty value of `name`; nil when absent. An empty value counts as absent (Open311: "an empty
    /// parameter behaves exactly like an absent one").
    func first(_ name: String) -> String? {
        fields.first { $0.name == name && !$0.value.isEmpty }?.value
    }

    /// Every non-empty value of `name`, in order.
    func all(_ name: String) -> [String] {
        fields.compactMap { $0.name == name && !$0.value.isEmpty ? $0.value : nil }
    }

    /// Open311 attributes: `attribute[CODE]=v` and `attribute[CODE][]=v` (multi-value), as code → values in order;
    /// empty values are dropped, and a code with only empty values is absent.
    var attributes: [String: [String]] {
        var result: [String: [String]] = [:]
        for field in fields where !field.value.isEmpty {
            guard let code = Self.attributeCode(field.name) else { continue }
            result[code, default: []].append(field.value)
        }
        return result
    }

    /// CODE in `attribute[CODE]` or `attribute[CODE][]`; nil for any other name or an empty code.
    private static func attributeCode(_ name: String) -> String? {
        let prefix = "attribute["
        guard name.hasPrefix(prefix) else { return nil }
        var rest = name.dropFirst(prefix.count)
        if rest.hasSuffix("][]") {
            rest = rest.dropLast(3)
        } else if rest.hasSuffix("]") {
            rest = rest.dropLast(1)
        } else {
            return nil
        }
        guard !rest.isEmpty, !rest.contains("["), !rest.contains("]") else { return nil }
        return String(rest)
    }

    /// Why a name or value cannot be decoded, as the end of a sentence.
    private struct DecodingError: Error {
        var reason: String
    }

    /// Decodes "+" and "%XX" escapes, then the bytes as UTF-8.
    private static func decode(_ raw: ArraySlice<UInt8>) throws(DecodingError) -> String {
        guard raw.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else {
            return String(decoding: raw, as: UTF8.self)  // `raw` comes from a String: already valid UTF-8
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            if byte == UInt8(ascii: "+") {
                decoded.append(UInt8(ascii: " "))
                index += 1
            } else if byte == UInt8(ascii: "%") {
                guard index + 3 <= raw.endIndex,
                    let high = hexValue(raw[index + 1]), let low = hexValue(raw[index + 2])
                else {
                    let escape = String(decoding: raw[index..<min(index + 3, raw.endIndex)], as: UTF8.self)
                    throw DecodingError(
                        reason: "has a bad percent escape \"\(escape)\" at character \(index - raw.startIndex + 1): "
                            + "'%' must be followed by two hex digits (write %25 for a literal '%')")
                }
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(byte)
                index += 1
            }
        }
        guard let text = utf8String(decoded) else {
            throw DecodingError(reason: "is not valid UTF-8 once its percent escapes are decoded")
        }
        return text
    }

    /// `bytes` as a String when they are valid UTF-8, nil otherwise (no replacement characters are made up).
    /// Works on every deployment target, unlike `String(validating:as:)`.
    static func utf8String<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return String(decoding: bytes, as: UTF8.self)
            case .error: return nil
            }
        }
    }

    /// The value of one hex digit, nil for any other byte.
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The raw bytes in quotes for a message, shortened when long.
    private static func quoted(_ raw: ArraySlice<UInt8>) -> String {
        let text = String(decoding: raw.prefix(40), as: UTF8.self)
        return "\"\(text)\(raw.count > 40 ? "…" : "")\""
    }
}
