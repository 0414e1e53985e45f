import Foundation
import GRDB
import Testing
import VigieCore
import VigieStore
import VigieTestSupport

@testable import VigieIngest

@Suite("Ingestion behaviour")
struct IngestBehaviourTests {
    static let header = "ref;quand;nature;lat;lon;plaque\n"
    static let mapping = """
        source: police-log
        register:
          title: Main courante
          owner: Police municipale
          purpose: Suivi des interventions
          legal_regime: police-justice
          personal_data: true
          retention_days: 365
          public: false
        format:
          type: csv
          delimiter: ";"
        reference:
          column: ref
        time:
          column: quand
          format: dd/MM/yyyy HH:mm
        location:
          latitude: lat
          longitude: lon
          precision_m: 10
        category:
          column: nature
          map:
            RIXE: assault
            VOL A LA TIRE: theft
        attributes:
          plate: plaque
        personal: [plate]
        """

    /// Lives as long as the test: Swift Testing makes a suite instance per test.
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    func setUp(_ rows: String, mapping: String = mapping, encoding: [UInt8]? = nil) throws -> (URL, URL) {
        let file = try directory.write("log.csv", encoding ?? Array((Self.header + rows).utf8))
        let mappingFile = try directory.write("log.yml", text: mapping)
        return (file, mappingFile)
    }

    @Test("a changed row updates its incident, which keeps its id; an unchanged one is a duplicate")
    func updateKeepsIdentity() async throws {
        let store = try TestStores.empty()
        let (file, mapping) = try setUp("A1;01/03/2025 22:10;RIXE;43.29;5.37;AB-123-CD\nA2;01/03/2025 23:00;RIXE;43.30;5.38;\n")
        let first = try await TestStores.ingest(file, mapping: mapping, into: store)
        #expect(first.accepted == 2)
        #expect(first.registered)
        let source = try #require(try store.source(named: "police-log"))
        let before = try #require(try store.incident(sourceID: source.id!, reference: "A1"))

        try directory.write("log.csv", text: Self.header
            + "A1;01/03/2025 22:10;VOL A LA TIRE;43.29;5.37;AB-123-CD\nA2;01/03/2025 23:00;RIXE;43.30;5.38;\n")
        let second = try await TestStores.ingest(file, mapping: mapping, into: store)
        #expect(second.updated == 1 && second.duplicates == 1 && second.accepted == 0)
        let after = try #require(try store.incident(sourceID: source.id!, reference: "A1"))
        #expect(after.id == before.id)
        #expect(after.category == "theft" && after.rawLabel == "VOL A LA TIRE")
        #expect(try store.incidentCount(sourceID: nil) == 2)
    }

    @Test("personal fields are stored only as keyed pseudonyms, equal values giving equal pseudonyms")
    func pseudonymisation() async throws {
        let store = try TestStores.empty()
        let (file, mapping) = try setUp(
            "A1;01/03/2025 22:10;RIXE;43.29;5.37;AB-123-CD\nA2;02/03/2025 10:00;RIXE;43.30;5.38;AB-123-CD\nA3;02/03/2025 11:00;RIXE;43.30;5.38;ZZ-999-ZZ\n")
        _ = try await TestStores.ingest(file, mapping: mapping, into: store)
        let incidents = try store.incidents(sourceID: nil, limit: 10)
        let plates = incidents.compactMap { $0.attributes["plate"] }
        #expect(plates.count == 3)
        #expect(plates.allSatisfy { $0.hasPrefix("p:") && $0.count == 34 })
        #expect(plates[0] == plates[1] && plates[0] != plates[2])
        #expect(!plates.contains("AB-123-CD"))
        let other = Pseudonymiser(secret: Data("another key, another deployment....".utf8))
        #expect(other.pseudonym("AB-123-CD") != plates[0])
    }

    @Test("personal fields without a configured key stop the ingest before anything is stored")
    func missingKey() async throws {
        let store = try TestStores.empty()
        let (file, mapping) = try setUp("A1;01/03/2025 22:10;RIXE;43.29;5.37;AB-123-CD\n")
        let ingestor = Ingestor(store: store, pseudonymiser: nil)
        await #expect(throws: IngestError.missingPseudonymisationKey(fields: ["plate"])) {
            try await ingestor.ingest(file: file, mapping: try Mapping.load(contentsOf: mapping))
        }
        #expect(try store.incidentCount(sourceID: nil) == 0)
    }

    @Test("an unregistered source is refused with the command that registers it")
    func unregistered() async throws {
        let store = try TestStores.empty()
        let unregisteredMapping = Self.mapping.replacingOccurrences(
            of: #"register:\n(  .*\n)+"#, with: "", options: .regularExpression)
        #expect(!unregisteredMapping.contains("register:") && unregisteredMapping.contains("format:\n  type: csv"))
        let (file, mapping) = try setUp("A1;01/03/2025 22:10;RIXE;43.29;5.37;\n", mapping: unregisteredMapping)
        let error = await #expect(throws: IngestError.self) {
            try await TestStores.ingest(file, mapping: mapping, into: store)
        }
        #expect(error?.description.contains("vigie sources add police-log") == true)
        #expect(try store.sources().isEmpty)
    }

    @Test("a column the file lacks is named with the columns it has")
    func missingColumn() async throws {
        let store = try TestStores.empty()
        let (file, mapping) = try setUp("", mapping: Self.mapping.replacingOccurrences(of: "column: quand", with: "column: date"))
        let error = await #expect(throws: IngestError.self) {
            try await TestStores.ingest(file, mapping: mapping, into: store)
        }
        #expect(error?.description.contains("column 'date' (time.column in log.yml) is not in the file") == true)
        #expect(error?.description.contains("'quand'") == true)
    }

    @Test("an unreadable file is an error naming it")
    func unreadable() async throws {
        let store = try TestStores.empty()
        let (_, mapping) = try setUp("")
        let missing = directory.file("nope.csv")
        await #expect(throws: IngestError.unreadableFile(path: missing.path, reason: "No such file or directory")) {
            try await TestStores.ingest(missing, mapping: mapping, into: store)
        }
    }

    @Test("a Latin-1 export is detected and its accents read right; --encoding latin1 reads it too")
    func latin1() async throws {
        let latin1 = Array(Self.header.utf8) + Array("A1;01/03/2025 22:10;RIXE;43.29;5.37;".utf8) + [0xC9, 0x54, 0xC9]
            + Array("\nA2;01/03/2025 23:10;RIXE;43.29;5.37;".utf8) + [0x80, 0x9C] + [10]
        let store = try TestStores.empty()
        let plain = Self.mapping.replacingOccurrences(of: "personal: [plate]", with: "")
        let (file, mapping) = try setUp("", mapping: plain, encoding: latin1)
        let summary = try await TestStores.ingest(file, mapping: mapping, into: store)
        #expect(summary.encoding == "latin1")
        #expect(summary.accepted == 2)
        let plates = try store.incidents(sourceID: nil, limit: 5).compactMap { $0.attributes["plate"] }
        #expect(plates == ["ÉTÉ", "€œ"])
    }

    @Test("NDJSON with Lambert-93 coordinates and ISO 8601 times")
    func ndjsonLambert() async throws {
        // Marseille Vieux-Port in Lambert-93 (x 893 000 m, y 6 246 800 m, about 43.295°N 5.37°E).
        let file = try directory.write("fire.ndjson", text: """
            {"id":"F1","t":"2025-03-04T21:17:00+01:00","motif":"INC - Feu de poubelle","pos":{"x":893000.0,"y":6246800.0}}

            {"id":"F2","t":"2025-03-04T22:00:00Z","motif":"SAP","pos":{"x":"893100","y":"6246900"}}
            {"id":"F3","t":"2025-03-04T22:00:00Z","motif":"SAP","pos":{"x":120,"y":5}}
            not json
            """)
        let mapping = try directory.write("fire.yml", text: """
            source: fire
            register: {title: Interventions, owner: Marins-pompiers, purpose: Secours, legal_regime: gdpr, personal_data: false, retention_days: 365}
            format: {type: ndjson}
            reference: {column: id}
            time: {column: t, format: iso8601}
            location: {x: pos.x, y: pos.y, crs: EPSG:2154}
            category: {column: motif, map: {"INC - Feu de poubelle": damage, SAP: rescue}}
            """)
        let store = try TestStores.empty()
        let summary = try await TestStores.ingest(file, mapping: mapping, into: store)
        #expect(summary.read == 4 && summary.accepted == 2 && summary.quarantined == 2)
        let incident = try #require(try store.incident(sourceID: 1, reference: "F1"))
        #expect(incident.occurredAt == Date(timeIntervalSince1970: 1_741_119_420))
        let location = try #require(incident.location)
        #expect(abs(location.latitude - 43.295) < 0.01 && abs(location.longitude - 5.37) < 0.01)
        #expect(abs(Lambert93.project(location).x - 893_000) < 0.001)
        let lines = Set(try store.quarantinedRows(sourceID: nil, limit: 10).map(\.line))
        #expect(lines == [4, 5])
    }

    @Test("GeoJSON features with Point geometries, streamed feature by feature")
    func geojson() async throws {
        var features: [String] = []
        for index in 0..<300 {
            features.append(#"{"type":"Feature","properties":{"ref":"C\#(index)","created":"2025-03-04T10:12:00Z","type":"Dépôt sauvage","note":"a \"quoted\" } brace"},"geometry":{"type":"Point","coordinates":[5.37,43.29]}}"#)
        }
        features.append(#"{"type":"Feature","properties":{"ref":"BAD","created":"2025-03-04T10:12:00Z","type":"Dépôt sauvage"},"geometry":{"type":"LineString","coordinates":[[5.37,43.29],[5.38,43.3]]}}"#)
        let file = try directory.write("reports.geojson", text: """
            {"type": "FeatureCollection", "name": "x", "crs": {"type": "name"},
             "features": [
            \(features.joined(separator: ",\n"))
            ]}
            """)
        let mapping = try directory.write("reports.yml", text: """
            source: reports
            register: {title: Signalements, owner: Ville, purpose: Suivi, legal_regime: gdpr, personal_data: false, retention_days: 365, public: true}
            format: {type: geojson}
            reference: {column: ref}
            time: {column: created, format: iso8601}
            category: {column: type, map: {"Dépôt sauvage": street}}
            attributes: {note: note}
            """)
        let store = try TestStores.empty()
        var ingestor = Ingestor(store: store, pseudonymiser: nil)
        ingestor.batchSize = 7
        let summary = try await ingestor.ingest(file: file, mapping: try Mapping.load(contentsOf: mapping))
        #expect(summary.read == 301 && summary.accepted == 300 && summary.quarantined == 1)
        #expect(try store.incident(sourceID: 1, reference: "C299")?.attributes["note"] == #"a "quoted" } brace"#)
        let rejected = try #require(try store.quarantinedRows(sourceID: nil, limit: 1).first)
        #expect(rejected.line == 303)
        #expect(rejected.reason.contains("feature 301") && rejected.reason.contains("LineString"))
    }

    @Test("rows without a reference get a stable hash, so a second ingest finds them again")
    func rowHashReference() async throws {
        let store = try TestStores.empty()
        let noReference = Self.mapping.replacingOccurrences(of: "reference:\n  column: ref\n", with: "")
            .replacingOccurrences(of: "personal: [plate]", with: "")
        let (file, mapping) = try setUp("A1;01/03/2025 22:10;RIXE;43.29;5.37;\nA2;01/03/2025 22:10;RIXE;43.29;5.37;\n",
            mapping: noReference)
        let first = try await TestStores.ingest(file, mapping: mapping, into: store)
        let second = try await TestStores.ingest(file, mapping: mapping, into: store)
        #expect(first.accepted == 2 && second.duplicates == 2)
        let references = try store.incidents(sourceID: nil, limit: 5).map(\.sourceReference)
        #expect(references.allSatisfy { $0.hasPrefix("h:") && $0.count == 34 })
    }

    @Test("districts are assigned at ingest, at every level loaded")
    func districtsAtIngest() async throws {
        let store = try TestStores.empty()
        let square = Polygon(outer: [
            PlanarPoint(x: 5.3, y: 43.2), PlanarPoint(x: 5.4, y: 43.2), PlanarPoint(x: 5.4, y: 43.35),
            PlanarPoint(x: 5.3, y: 43.35), PlanarPoint(x: 5.3, y: 43.2),
        ])
        try store.replaceDistricts(level: "zone", with: [District(level: "zone", code: "Z1", name: "Zone", outline: square)])
        let (file, mapping) = try setUp("A1;01/03/2025 22:10;RIXE;43.29;5.37;\nA2;01/03/2025 22:10;RIXE;43.29;5.47;\n",
            mapping: Self.mapping.replacingOccurrences(of: "personal: [plate]", with: ""))
        _ = try await TestStores.ingest(file, mapping: mapping, into: store)
        #expect(try store.incident(sourceID: 1, reference: "A1")?.districts == ["zone": "Z1"])
        #expect(try store.incident(sourceID: 1, reference: "A2")?.districts == [:])
    }

    @Test("every element of a GeoJSON features array is counted: non-features and a truncated tail are quarantined")
    func geojsonOddElements() async throws {
        let file = try directory.write("odd.geojson", text: """
            {"type":"FeatureCollection","features":[
            [1, [2]], null, "text",
            {"type":"Feature","properties":{"ref":"A","t":"2025-03-04","c":"x"},"geometry":{"type":"Point","coordinates":[5.37,43.29]}},
            {"type":"Feature","properties":{"ref":"B","t":"2025-03-04","c":"x"},"geometry":{"type":"Point","coordinates":[5.37,43.29]}},
            {"type":"Feature","properties":{"ref":"C","t":"2025-03-
            """)
        let mapping = try directory.write("odd.yml", text: """
            source: odd
            register: {title: T, owner: O, purpose: P, legal_regime: gdpr, personal_data: false, retention_days: 30}
            format: {type: geojson}
            reference: {column: ref}
            time: {column: t, format: iso8601}
            category: {column: c, map: {x: other}}
            """)
        let store = try TestStores.empty()
        let summary = try await TestStores.ingest(file, mapping: mapping, into: store)
        #expect(summary.read == 6 && summary.accepted == 2 && summary.quarantined == 4)
        let reasons = try store.quarantinedRows(sourceID: nil, limit: 10).sorted { $0.recordNumber < $1.recordNumber }
        #expect(reasons.map(\.recordNumber) == [1, 2, 3, 6])
        #expect(reasons.last?.reason.contains("truncated") == true)
        // A date alone is known to the day, whatever the mapping says.
        #expect(try store.incident(sourceID: 1, reference: "A")?.timePrecision == .day)
    }

    @Test("a UTF-8 file with one stray Latin-1 byte stays UTF-8: only that row is quarantined")
    func strayLatin1Byte() async throws {
        let rows = Array("A1;01/03/2025 22:10;RIXE;43.29;5.37;Montée\n".utf8) + Array("A2;01/03/2025 22:10;RIXE;43.29;5.37;Mont".utf8)
            + [0xE9, 0x0A] + Array("A3;01/03/2025 22:10;RIXE;43.29;5.37;Château\n".utf8)
        let (file, mapping) = try setUp("", mapping: Self.mapping.replacingOccurrences(of: "personal: [plate]", with: ""),
            encoding: Array(Self.header.utf8) + rows)
        let store = try TestStores.empty()
        let summary = try await TestStores.ingest(file, mapping: mapping, into: store)
        #expect(summary.encoding == "utf-8" && summary.accepted == 2 && summary.quarantined == 1)
        #expect(try store.incident(sourceID: 1, reference: "A3")?.attributes["plate"] == "Château")
    }

    @Test("long numeric references in JSON keep every digit")
    func longJSONReferences() async throws {
        let file = try directory.write("ids.ndjson", text: """
            {"id":9007199254740993,"t":"2025-03-04T10:00:00Z","c":"x","lat":43.29,"lon":5.37}
            {"id":9007199254740992,"t":"2025-03-04T10:00:00Z","c":"x","lat":43.29,"lon":5.37}
            """)
        let mapping = try directory.write("ids.yml", text: """
            source: ids
            register: {title: T, owner: O, purpose: P, legal_regime: gdpr, personal_data: false, retention_days: 30}
            format: {type: ndjson}
            reference: {column: id}
            time: {column: t, format: iso8601}
            location: {latitude: lat, longitude: lon}
            category: {column: c, map: {x: other}}
            """)
        let store = try TestStores.empty()
        let summary = try await TestStores.ingest(file, mapping: mapping, into: store)
        #expect(summary.accepted == 2)
        #expect(try store.incident(sourceID: 1, reference: "9007199254740993") != nil)
    }

    @Test("a file that cannot be read registers nothing")
    func nothingWrittenOnFailure() async throws {
        let store = try TestStores.empty()
        let (_, mapping) = try setUp("", mapping: Self.mapping.replacingOccurrences(of: "column: quand", with: "column: date"))
        await #expect(throws: IngestError.self) {
            try await TestStores.ingest(directory.file("log.csv"), mapping: mapping, into: store)
        }
        #expect(try store.sources().isEmpty)
    }
}
