import Foundation

/// The stored form of an incident's attributes: a JSON object with sorted keys.
public enum AttributesJSON {
    /// Encodes attributes; equal dictionaries give equal text.
    public static func encode(_ attributes: [String: String]) -> String {
        if attributes.isEmpty { return "{}" }
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(128)
        for (index, key) in attributes.keys.sorted().enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendQuoted(key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONText.appendQuoted(attributes[key]!, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes attributes, empty when the text is not a JSON object of strings.
    public static func decode(_ text: String) -> [String: String] {
        guard text != "{}", let data = text.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: String]
        else { return [:] }
        return object
    }
}
