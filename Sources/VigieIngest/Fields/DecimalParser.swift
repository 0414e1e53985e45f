/// Reads plain decimals such as `-79.63520172` exactly and fast, leaving anything else to `Double(_:)`.
///
/// With at most 15 significant digits and 22 decimals, the mantissa and the power of ten are both exact
/// doubles, so one division gives the correctly rounded value (Clinger's fast path), the same as strtod.
enum DecimalParser {
    private static let powers: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    static func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { bytes -> Double? in
            var index = 0
            var negative = false
            if index < bytes.count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
                negative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var mantissa: UInt64 = 0
            var significant = 0
            var decimals = 0
            var sawDigit = false
            var sawPoint = false
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: ".") {
                    if sawPoint { return nil }
                    sawPoint = true
                } else if byte >= 48 && byte <= 57 {
                    sawDigit = true
                    if significant > 0 || byte != 48 { significant += 1 }
                    mantissa = mantissa &* 10 &+ UInt64(byte - 48)
                    if sawPoint { decimals += 1 }
                } else {
                    return nil
                }
                index += 1
            }
            guard sawDigit, significant <= 15, decimals <= 22 else { return nil }
            let value = Double(mantissa) / powers[decimals]
            return negative ? -value : value
        }
    }
}
