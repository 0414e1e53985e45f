import Foundation
import Hummingbird

/// A value of an Open311 answer, written as JSON or as XML by the same mechanical mapping (the "Spark
/// convention" the spec's JSON follows): an object is an element per key, a list an element per item.
indirect enum Open311Value: Sendable {
    /// Text; `nil` is JSON `null` and an empty XML element (the spec's "may not be returned").
    case string(String?)
    case number(Double?)
    case bool(Bool)
    case object([(String, Open311Value)])
    /// A list whose XML items are elements named `item`.
    case list(item: String, [Open311Value])
}

/// The two formats, chosen by the resource's suffix.
enum Open311Format: String, Sendable {
    case json, xml

    var contentType: String { self == .json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8" }

    /// Splits `services.json` into `services` and its format; `nil` for any other suffix.
    static func split(_ file: String) -> (name: String, format: Open311Format)? {
        guard let dot = file.lastIndex(of: "."), let format = Open311Format(rawValue: String(file[file.index(after: dot)...]))
        else { return nil }
        return (String(file[..<dot]), format)
    }
}

/// A whole Open311 answer: its XML root element and its value.
struct Open311Document: Sendable {
    let root: String
    let value: Open311Value

    func render(_ format: Open311Format) -> String {
        var out = ""
        switch format {
        case .json:
            Self.json(value, into: &out)
        case .xml:
            out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            Self.xml(root, value, into: &out)
        }
        return out
    }

    func response(_ format: Open311Format, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: format.contentType],
            body: .init(byteBuffer: ByteBuffer(string: render(format))))
    }

    private static func json(_ value: Open311Value, into out: inout String) {
        switch value {
        case .string(let text):
            if let text { jsonString(text, into: &out) } else { out += "null" }
        case .number(let number):
            out += number.map(Self.number) ?? "null"
        case .bool(let flag):
            out += flag ? "true" : "false"
        case .object(let members):
            out += "{"
            for (index, (key, member)) in members.enumerated() {
                if index > 0 { out += "," }
                jsonString(key, into: &out)
                out += ":"
                json(member, into: &out)
            }
            out += "}"
        case .list(_, let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                json(item, into: &out)
            }
            out += "]"
        }
    }

    private static func xml(_ name: String, _ value: Open311Value, into out: inout String) {
        switch value {
        case .string(let text):
            if let text { out += "<\(name)>\(escape(text))</\(name)>" } else { out += "<\(name)/>" }
        case .number(let number):
            if let number { out += "<\(name)>\(Self.number(number))</\(name)>" } else { out += "<\(name)/>" }
        case .bool(let flag):
            out += "<\(name)>\(flag ? "true" : "false")</\(name)>"
        case .object(let members):
            out += "<\(name)>"
            for (key, member) in members { xml(key, member, into: &out) }
            out += "</\(name)>"
        case .list(let item, let items):
            out += "<\(name)>"
            for element in items { xml(item, element, into: &out) }
            out += "</\(name)>"
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    private static func jsonString(_ text: String, into out: inout String) {
        out += "\""
        // Most texts need no escape: they go in whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// Text as XML character data; characters XML 1.0 cannot hold at all are dropped.
    static func escape(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0xEF }) {
            return text
        }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\r" && scalar != "\t": continue
            case _ where scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// An Open311 refusal: an HTTP status and the spec's list of code and description.
struct Open311Error: Error, Sendable {
    let status: HTTPResponse.Status
    let descriptions: [String]
    /// How long to wait, for a 429.
    var retryAfter: Int? = nil

    init(_ status: HTTPResponse.Status, _ descriptions: String...) {
        self.status = status
        self.descriptions = descriptions
    }

    init(_ status: HTTPResponse.Status, descriptions: [String]) {
        self.status = status
        self.descriptions = descriptions
    }

    func response(_ format: Open311Format) -> Response {
        let errors = descriptions.map { description in
            Open311Value.object([("code", .number(Double(status.code))), ("description", .string(description))])
        }
        var response = Open311Document(root: "errors", value: .list(item: "error", errors)).response(format, status: status)
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }
}
