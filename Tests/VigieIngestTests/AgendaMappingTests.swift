import Foundation
import Testing
import VigieCore

@testable import VigieIngest

@Suite("Agenda mapping files")
struct AgendaMappingTests {
    static let valid = """
        source: agenda-ville
        register:
          title: Agenda de l'espace public
          owner: Ville de Marseille
          purpose: Planification des moyens
          legal_regime: gdpr
          personal_data: false
          retention_days: 730
        format:
          type: csv
          delimiter: ";"
          encoding: latin1
        reference:
          column: id
        title:
          column: libelle
        kind:
          column: type
          map:
            MARCHE: market
            TRAVAUX: roadworks
          default: event
        time:
          start: debut
          end: fin
          format: yyyy-MM-dd HH:mm
          time_zone: Europe/Paris
        location:
          latitude: lat
          longitude: lon
        attendance:
          column: public_attendu
        organiser:
          column: organisateur
        """

    @Test("a full mapping reads every key")
    func readsEveryKey() throws {
        let mapping = try AgendaMapping.parse(yaml: Self.valid, fileName: "agenda.yml")
        #expect(mapping.sourceName == "agenda-ville" && mapping.register?.owner == "Ville de Marseille")
        #expect(mapping.format == .csv && mapping.delimiter == UInt8(ascii: ";") && mapping.encoding == .latin1)
        #expect(mapping.referenceColumn == "id" && mapping.titleColumn == "libelle")
        #expect(mapping.kindColumn == "type" && mapping.kindMap == ["MARCHE": .market, "TRAVAUX": .roadworks])
        #expect(mapping.defaultKind == .event)
        #expect(mapping.startColumn == "debut" && mapping.endColumn == "fin" && mapping.timeZoneIdentifier == "Europe/Paris")
        #expect(mapping.location == .latitudeLongitude(latitude: "lat", longitude: "lon"))
        #expect(mapping.attendanceColumn == "public_attendu" && mapping.organiserColumn == "organisateur")
        #expect(mapping.columnsRead.map(\.key) == [
            "reference.column", "title.column", "kind.column", "time.start", "time.end", "location.latitude",
            "location.longitude", "attendance.column", "organiser.column",
        ])
    }

    @Test("places come from x and y in Lambert-93, a geometry column, or a GeoJSON feature's own geometry")
    func locations() throws {
        func location(_ block: String, format: String = "csv") throws -> AgendaMapping.Location {
            let yaml = Self.valid.replacingOccurrences(of: "  latitude: lat\n  longitude: lon", with: block)
                .replacingOccurrences(of: "  type: csv", with: "  type: \(format)")
            return try AgendaMapping.parse(yaml: yaml, fileName: "agenda.yml").location
        }
        #expect(try location("  x: X\n  y: Y") == .lambert93(x: "X", y: "Y"))
        #expect(try location("  x: lon\n  y: lat\n  crs: EPSG:4326") == .latitudeLongitude(latitude: "lat", longitude: "lon"))
        #expect(try location("  geometry: geo_shape") == .geometryColumn("geo_shape", lambert93: false))
        #expect(try location("  geometry: wkt\n  crs: EPSG:2154") == .geometryColumn("wkt", lambert93: true))
        let withoutLocation = Self.valid.components(separatedBy: "location:")[0]
            + "attendance:\n  column: public_attendu\n"
        let geojson = withoutLocation.replacingOccurrences(of: "  type: csv", with: "  type: geojson")
        #expect(try AgendaMapping.parse(yaml: geojson, fileName: "agenda.yml").location == .featureGeometry(lambert93: false))
        let error = try #require(throws: MappingError.self) {
            try AgendaMapping.parse(yaml: withoutLocation, fileName: "agenda.yml")
        }
        #expect(error.key == "location" && error.description.contains("geometry column holding GeoJSON or WKT"))
    }

    @Test("a format of dates alone may leave out the end; items then last their day")
    func datesWithoutEnd() throws {
        let yaml = Self.valid.replacingOccurrences(of: "  end: fin\n", with: "")
            .replacingOccurrences(of: "yyyy-MM-dd HH:mm", with: "dd/MM/yyyy")
        let mapping = try AgendaMapping.parse(yaml: yaml, fileName: "agenda.yml")
        #expect(mapping.endColumn == nil && mapping.timeFormat.impliedPrecision == .day)
    }

    @Test("an unknown key names itself, its line and the keys that exist")
    func unknownKey() throws {
        let yaml = Self.valid.replacingOccurrences(of: "organiser:\n", with: "organizer:\n")
        let error = try #require(throws: MappingError.self) { try AgendaMapping.parse(yaml: yaml, fileName: "agenda.yml") }
        #expect(error.line == 33)
        #expect(error.key == "organizer")
        #expect(error.description.hasPrefix("agenda.yml:33: organizer: unknown key 'organizer'"))
        #expect(error.description.contains(
            "source, register, format, reference, title, kind, time, location, attendance, organiser"))
        let nested = Self.valid.replacingOccurrences(of: "  start: debut", with: "  begin: debut")
        let inner = try #require(throws: MappingError.self) { try AgendaMapping.parse(yaml: nested, fileName: "agenda.yml") }
        #expect(inner.line == 24 && inner.key == "time.begin")
        #expect(inner.description.contains("keys allowed here are: start, end, format, time_zone"))
    }

    @Test("mistakes are refused with the file, the line and the key at fault", arguments: [
        ("    TRAVAUX: roadworks", "    TRAVAUX: works", 21, "kind.map", "'TRAVAUX' maps to 'works', which is not a kind; kinds are: event, market"),
        ("  default: event", "  default: fair", 22, "kind.default", "'fair' is not a kind"),
        ("  end: fin\n", "", 24, "time.end", "is required when times have hours"),
        ("  format: yyyy-MM-dd HH:mm", "  format: MM/yyyy", 26, "time.format", "gives no day"),
        ("  time_zone: Europe/Paris", "  time_zone: Paris", 27, "time.time_zone", "not an IANA time zone"),
        ("  longitude: lon", "  longitude: lon\n  geometry: geo", 31, "location.geometry", "give one of latitude and longitude, x and y, or geometry"),
        ("  longitude: lon", "  longitude: lon\n  crs: EPSG:2154", 31, "location.crs", "give Lambert-93 metres as x and y"),
        ("  latitude: lat\n  longitude: lon", "  x: X\n  y: Y\n  crs: EPSG:3857", 31, "location.crs", "'EPSG:3857' is not supported"),
        ("  column: type\n", "", 18, "kind.column", "is required when map is given"),
        ("  retention_days: 730\n", "", 3, "register.retention_days", "is required"),
        ("  type: csv", "  type: xlsx", 10, "format.type", "not a format"),
    ])
    func mistakes(original: String, replacement: String, line: Int, key: String, fragment: String) throws {
        let yaml = Self.valid.replacingOccurrences(of: original, with: replacement)
        #expect(yaml != Self.valid)
        let error = try #require(throws: MappingError.self) { try AgendaMapping.parse(yaml: yaml, fileName: "agenda.yml") }
        #expect(error.file == "agenda.yml")
        #expect(error.line == line, "\(error)")
        #expect(error.key == key, "\(error)")
        #expect(error.description.contains(fragment), "\(error)")
    }

    @Test("a kind block needs a column or a default")
    func kindNeedsColumnOrDefault() throws {
        let yaml = Self.valid.replacingOccurrences(
            of: "  column: type\n  map:\n    MARCHE: market\n    TRAVAUX: roadworks\n  default: event\n", with: "  {}\n")
            .replacingOccurrences(of: "kind:\n  {}", with: "kind: {}")
        let error = try #require(throws: MappingError.self) { try AgendaMapping.parse(yaml: yaml, fileName: "agenda.yml") }
        #expect(error.key == "kind.column" && error.description.contains("unless default gives every item its kind"))
        let everyItem = Self.valid.replacingOccurrences(
            of: "  column: type\n  map:\n    MARCHE: market\n    TRAVAUX: roadworks\n  default: event\n",
            with: "  default: roadworks\n")
        let mapping = try AgendaMapping.parse(yaml: everyItem, fileName: "agenda.yml")
        #expect(mapping.kindColumn == nil && mapping.defaultKind == .roadworks)
    }
}
