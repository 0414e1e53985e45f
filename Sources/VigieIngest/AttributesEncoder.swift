import VigieCore

/// Encodes a mapping's attributes as `AttributesJSON.encode` does (keys sorted, the same escaping), from the
/// values of one record in slot order, with each key's JSON written once for the whole file.
struct AttributesEncoder {
    /// Positions of the attributes in key order.
    private let order: [Int]
    /// `"key":` for each position.
    private let prefixes: [[UInt8]]

    init(names: [String]) {
        order = names.indices.sorted { names[$0] < names[$1] }
        prefixes = names.map { name in
            var prefix: [UInt8] = []
            JSONText.appendQuoted(name, to: &prefix)
            prefix.append(UInt8(ascii: ":"))
            return prefix
        }
    }

    /// The JSON object of the values present.
    func encode(_ values: [String?]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(128)
        for position in order {
            guard let value = values[position] else { continue }
            if out.count > 1 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: prefixes[position])
            JSONText.appendQuoted(value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
