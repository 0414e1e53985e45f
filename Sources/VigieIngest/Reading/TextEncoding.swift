/// How an input file's bytes encode text.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8 unless the first 64 KiB are not valid UTF-8, in which case Latin-1.
    case auto
    /// UTF-8; rows with invalid bytes are quarantined.
    case utf8 = "utf-8"
    /// ISO-8859-1 as Windows writes it (CP1252), common in French administrations' exports.
    case latin1

    /// Accepts the usual spellings (`UTF8`, `iso-8859-1`, `cp1252`).
    public init?(name: String) {
        switch name.lowercased() {
        case "auto": self = .auto
        case "utf-8", "utf8": self = .utf8
        case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "cp1252", "windows-1252": self = .latin1
        default: return nil
        }
    }

    /// Picks UTF-8 or Latin-1 from a file's first bytes; a sample cut inside a character still counts as UTF-8.
    static func detect(sample: UnsafeBufferPointer<UInt8>) -> TextEncoding {
        var index = 0
        let count = sample.count
        while index < count {
            let byte = sample[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            let length: Int
            switch byte {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return .latin1
            }
            if index + length > count { return .utf8 }
            for offset in 1..<length where sample[index + offset] & 0xC0 != 0x80 { return .latin1 }
            index += length
        }
        return .utf8
    }

    private static let cp1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Decodes Latin-1 (CP1252) bytes.
    static func decodeLatin1(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = (0x80...0x9F).contains(byte) ? UInt32(cp1252High[Int(byte) - 0x80]) : UInt32(byte)
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }

    /// Decodes bytes that must be UTF-8, `nil` when they are not.
    static func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        for byte in bytes where byte >= 0x80 { return String(validating: bytes, as: UTF8.self) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes whatever the bytes are, for showing a rejected record to a person.
    static func decodeLeniently(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        decodeUTF8(bytes) ?? decodeLatin1(bytes)
    }
}
