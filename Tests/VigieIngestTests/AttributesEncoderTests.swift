import Testing
import VigieCore

@testable import VigieIngest

@Suite("Attributes encoding at ingest")
struct AttributesEncoderTests {
    @Test("the ingest encoder writes exactly what AttributesJSON writes for the same attributes")
    func sameAsAttributesJSON() {
        let names = ["zone", "premises_type", "a", "note", "Plate", "é", "neighbourhood"]
        let encoder = AttributesEncoder(names: names)
        var random = SeededGenerator(seed: 4, stream: 1)
        let samples = ["", "House", #"a "quoted" \ value"#, "Château", "tab\there", "line\nbreak", "x"]
        for _ in 0..<500 {
            let values: [String?] = names.map { _ in random.chance(0.3) ? nil : random.element(of: samples) }
            var dictionary: [String: String] = [:]
            for (name, value) in zip(names, values) { dictionary[name] = value }
            #expect(encoder.encode(values) == AttributesJSON.encode(dictionary))
        }
        #expect(encoder.encode(names.map { _ in nil }) == "{}")
    }
}
