/// Lowercase hexadecimal text of bytes.
public enum Hex {
    /// The sixteen digits as ASCII bytes.
    public static let digits = Array("0123456789abcdef".utf8)

    /// The bytes as text, two digits each.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(32)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
