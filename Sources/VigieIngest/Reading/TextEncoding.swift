/// How an input file's bytes encode text.
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8, unless the file's first 64 KiB hold bytes that are not UTF-8 and no UTF-8 character: Latin-1.
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

    /// Picks UTF-8 or Latin-1 from a file's first bytes. One real UTF-8 character decides for UTF-8 (a few
    /// stray bytes then go to quarantine row by row); only bytes that are never UTF-8 decide for Latin-1.
    static func detect(sample: [UInt8]) -> TextEncoding {
        let scan = sample.withUnsafeBufferPointer { UTF8Scan($0, isSample: true) }
        return scan.multibyteCharacters == 0 && scan.invalidBytes > 0 ? .latin1 : .utf8
    }

    private static let cp1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Decodes Latin-1 (CP1252) bytes, transcoding them to UTF-8 in one buffer.
    static func decodeLatin1(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            if byte < 0x80 {
                utf8.append(byte)
                continue
            }
            let value = (0x80...0x9F).contains(byte) ? UInt32(cp1252High[Int(byte) - 0x80]) : UInt32(byte)
            utf8.append(contentsOf: Unicode.Scalar(value)!.utf8)
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Decodes bytes that must be UTF-8, `nil` when they are not.
    static func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        isValidUTF8(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// Whether the bytes are UTF-8, without building a string.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        UTF8Scan(bytes).invalidBytes == 0
    }

    /// Decodes whatever the bytes are, for showing a rejected record to a person.
    static func decodeLeniently(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        decodeUTF8(bytes) ?? decodeLatin1(bytes)
    }
}
