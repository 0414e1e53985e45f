/// A 64-bit hash that stays the same across runs and machines, unlike Swift's `Hasher`, and reads eight
/// bytes per step (words are read little-endian, so the value is the same on every platform).
struct StableHash {
    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    private mutating func mix(_ word: UInt64) {
        value = (value ^ word) &* Self.multiplier
        value ^= value >> 29
    }

    mutating func combine(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else {
            mix(0)
            return
        }
        var index = 0
        while index + 8 <= bytes.count {
            mix(UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)))
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(base[index]) << shift
            shift += 8
            index += 1
        }
        mix(tail ^ (UInt64(bytes.count) << 56))
    }

    mutating func combine(_ string: String) {
        var string = string
        string.withUTF8 { combine($0) }
    }

    mutating func combine(_ number: Double) { mix(number.bitPattern) }

    var signed: Int64 { Int64(bitPattern: value) }
}
