/// Counts, in one pass, the UTF-8 characters of more than one byte and the bytes that cannot be UTF-8.
///
/// When the bytes are a sample cut from a longer text, a sequence cut at their end counts as neither.
struct UTF8Scan {
    private(set) var multibyteCharacters = 0
    private(set) var invalidBytes = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, isSample: Bool = false) {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch byte {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondRange = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; secondRange = 0x80...0x9F
            case 0xF0: length = 4; secondRange = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; secondRange = 0x80...0x8F
            default:
                invalidBytes += 1
                index += 1
                continue
            }
            if index + length > count {
                if !isSample { invalidBytes += 1 }
                return
            }
            var valid = secondRange.contains(bytes[index + 1])
            for offset in 2..<max(length, 2) where bytes[index + offset] & 0xC0 != 0x80 { valid = false }
            if valid {
                multibyteCharacters += 1
                index += length
            } else {
                invalidBytes += 1
                index += 1
            }
        }
    }
}
