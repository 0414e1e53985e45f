import Testing

@testable import VigieIngest

@Suite("Fast decimal reading")
struct DecimalParserTests {
    @Test("plain decimals read exactly as the standard library reads them", arguments: [
        "43.60588661", "-79.55036665", "0", "-0.5", "+2.3519153588611577", "6246800.12", "893456", "1.", ".5",
        "48.887203215806565", "0.1", "123456789012345",
    ])
    func agreesWithStandardLibrary(text: String) {
        if let fast = DecimalParser.parse(text) { #expect(fast == Double(text), "\(text)") }
    }

    @Test("a million generated coordinates read bit for bit as the standard library reads them")
    func generated() {
        var state: UInt64 = 0x1234_5678
        var mismatches = 0
        var fastPathUsed = 0
        for _ in 0..<1_000_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let degrees = Double(Int64(bitPattern: state >> 20) % 180_000_000_000) / 1e9
            let text = String(degrees)
            if let fast = DecimalParser.parse(text) {
                fastPathUsed += 1
                if fast.bitPattern != Double(text)!.bitPattern { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
        #expect(fastPathUsed > 900_000)
    }

    @Test("anything but a plain decimal is left to the slow path", arguments: ["", "-", ".", "+.", "1e5", "1,5", "abc", "1.2.3", "1234567890123456"])
    func refuses(text: String) {
        #expect(DecimalParser.parse(text) == nil)
    }
}
