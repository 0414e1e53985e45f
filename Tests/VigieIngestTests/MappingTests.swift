import Foundation
import Testing
import VigieCore
import VigieTestSupport

@testable import VigieIngest

@Suite("Mapping files")
struct MappingTests {
    static let valid = """
        source: demo-log
        format:
          type: csv
          delimiter: ";"
        time:
          column: when
          format: dd/MM/yyyy HH:mm
        location:
          latitude: lat
          longitude: lon
        category:
          column: what
          map:
            RIXE: assault
        """

    @Test("every example mapping loads", arguments: ["toronto-mci.yml", "barcelona-accidents.yml", "paris-dansmarue.yml"])
    func examplesLoad(name: String) throws {
        let mapping = try Mapping.load(contentsOf: ProjectFiles.exampleMapping(name))
        #expect(mapping.register != nil)
        #expect(!mapping.categoryMap.isEmpty)
    }

    @Test("a valid mapping reads its defaults")
    func defaults() throws {
        let mapping = try Mapping.parse(yaml: Self.valid, fileName: "m.yml")
        #expect(mapping.delimiter == UInt8(ascii: ";"))
        #expect(mapping.encoding == .auto)
        #expect(mapping.timeZoneIdentifier == nil, "the deployment's time zone applies")
        #expect(mapping.timePrecision == .exact)
        #expect(mapping.referenceColumn == nil)
    }

    @Test("an unknown key names itself, its line and the keys that exist")
    func unknownKey() throws {
        let yaml = Self.valid.replacingOccurrences(of: "  format: dd/MM/yyyy HH:mm", with: "  formt: dd/MM/yyyy HH:mm")
        let error = try #require(throws: MappingError.self) { try Mapping.parse(yaml: yaml, fileName: "m.yml") }
        #expect(error.line == 7)
        #expect(error.key == "time.formt")
        #expect(error.description.contains("unknown key 'formt'"))
        #expect(error.description.contains("column, format, time_zone, precision"))
    }

    @Test("mistakes are refused with the key at fault", arguments: [
        ("  map:\n    RIXE: assault", "  map:\n    RIXE: fights", "category.map", "not a taxonomy code"),
        ("  delimiter: \";\"", "  delimiter: \"#\"", "format.delimiter", "not supported"),
        ("  type: csv", "  type: xlsx", "format.type", "not a format"),
        ("  format: dd/MM/yyyy HH:mm", "  format: dd/MM/yyyy HH:mi", "time.format", "not a pattern letter"),
        ("source: demo-log", "source: Demo Log", "source", "lowercase"),
        ("  latitude: lat\n  longitude: lon", "  x: X\n  y: Y\n  crs: EPSG:3857", "location.crs", "not supported"),
    ])
    func mistakes(original: String, replacement: String, key: String, fragment: String) throws {
        let yaml = Self.valid.replacingOccurrences(of: original, with: replacement)
        #expect(yaml != Self.valid)
        let error = try #require(throws: MappingError.self) { try Mapping.parse(yaml: yaml, fileName: "m.yml") }
        #expect(error.key == key, "\(error)")
        #expect(error.description.contains(fragment), "\(error)")
    }

    @Test("a missing section is named")
    func missingSection() throws {
        let yaml = Self.valid.components(separatedBy: "category:")[0]
        let error = try #require(throws: MappingError.self) { try Mapping.parse(yaml: yaml, fileName: "m.yml") }
        #expect(error.key == "category")
    }

    @Test("a personal field must be an attribute")
    func personalMustBeAttribute() throws {
        let error = try #require(throws: MappingError.self) {
            try Mapping.parse(yaml: Self.valid + "\npersonal: [plate]", fileName: "m.yml")
        }
        #expect(error.key == "personal")
    }
}
