import VigieCore

/// Bytes of a text file being written, in UTF-8 or Latin-1, with the number formats the demo files use.
struct TextOutput: Sendable {
    /// The character encodings the demo writes.
    enum Encoding: Sendable {
        /// UTF-8.
        case utf8
        /// ISO-8859-1, as many French administrations still export.
        case latin1
    }

    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []
    private let encoding: Encoding

    /// Starts an empty file.
    init(encoding: Encoding = .utf8) {
        self.encoding = encoding
    }

    /// Appends text; in Latin-1 every character must exist in that encoding.
    mutating func append(_ text: String) {
        switch encoding {
        case .utf8:
            bytes.append(contentsOf: text.utf8)
        case .latin1:
            for scalar in text.unicodeScalars {
                precondition(scalar.value < 256, "'\(scalar)' has no Latin-1 byte")
                bytes.append(UInt8(scalar.value))
            }
        }
    }

    /// Appends an integer, left-padded with zeros to `width` digits.
    mutating func append(_ value: Int, width: Int = 0) {
        let digits = String(value)
        if digits.count < width {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count))
        }
        bytes.append(contentsOf: digits.utf8)
    }

    /// Appends a number with exactly `decimals` digits after the point, rounded half away from zero.
    mutating func append(_ value: Double, decimals: Int) {
        var factor = 1
        for _ in 0..<decimals { factor *= 10 }
        let scaled = Int((abs(value) * Double(factor)).rounded())
        if value < 0, scaled != 0 { bytes.append(UInt8(ascii: "-")) }
        append(scaled / factor)
        bytes.append(UInt8(ascii: "."))
        append(scaled % factor, width: decimals)
    }

    /// Appends a JSON string literal (JSON files are UTF-8).
    mutating func appendJSON(_ text: String) {
        JSONText.appendQuoted(text, to: &bytes)
    }
}
