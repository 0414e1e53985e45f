/// FNV-1a, 64 bits: a hash that stays the same across runs and machines, unlike Swift's `Hasher`.
struct StableHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
    }

    mutating func combine(_ string: String) {
        var string = string
        string.withUTF8 { combine($0) }
        combine(separator: 0x1F)
    }

    mutating func combine(_ number: Double) {
        withUnsafeBytes(of: number.bitPattern.littleEndian) { combine($0.bindMemory(to: UInt8.self)) }
    }

    mutating func combine(separator: UInt8) {
        value ^= UInt64(separator)
        value = value &* 0x0000_0100_0000_01B3
    }

    var signed: Int64 { Int64(bitPattern: value) }
}
