import Foundation
import GRDB
import Testing
import VigieCore
import VigieTestSupport

@testable import VigieStore

@Suite("The SQLite store")
struct SQLiteStoreTests {
    static let register = Source(
        name: "police-log", title: "Main courante", owner: "Police municipale", purpose: "Suivi",
        legalRegime: .policeJustice, holdsPersonalData: false, retentionDays: 365, isPublic: false)

    func incident(_ sourceID: Int64, _ reference: String, hash: Int64 = 42, number: Int = 1) -> IngestBatch.Record {
        IngestBatch.Record(
            incident: Incident(
                sourceID: sourceID, sourceReference: reference, category: "theft", rawLabel: "VOL",
                occurredAt: Date(timeIntervalSince1970: 1_700_000_000), timePrecision: .exact,
                location: GeoPoint(latitude: 43.3, longitude: 5.4), locationPrecisionMeters: nil),
            contentHash: hash, recordNumber: number, line: number + 1)
    }

    /// Writes records as one run of one file.
    @discardableResult
    func ingest(_ store: SQLiteStore, _ sourceID: Int64, _ records: [IngestBatch.Record],
        quarantined: [QuarantinedRow] = []) throws -> IngestBatchOutcome
    {
        let run = try store.beginIngestRun(sourceID: sourceID, file: "log.csv", startedAt: Date())
        return try store.write(IngestBatch(sourceID: sourceID, runID: run, file: "log.csv", records: records,
            quarantined: quarantined))
    }

    @Test("a file store runs in WAL mode with foreign keys on")
    func walMode() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore.open(path: directory.file("v.sqlite").path)
        let mode = try store.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let keys = try store.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }
        #expect(keys == 1)
        _ = try SQLiteStore.open(path: directory.file("v.sqlite").path)
    }

    @Test("the schema holds one incident per source and reference, whatever the caller does")
    func uniqueReference() throws {
        let store = try SQLiteStore.inMemory()
        let source = try store.register(Self.register)
        #expect(try ingest(store, source.id!, [incident(source.id!, "A")]).accepted == 1)
        #expect(throws: DatabaseError.self) {
            try store.writer.write { db in
                try db.execute(sql: """
                    INSERT INTO incident (source_id, source_ref, category, raw_label, occurred_at, time_precision,
                        content_hash, ingest_run, ingested_at, updated_at) VALUES (?, 'A', 'theft', 'x', 0, 'exact', 1, 1, 0, 0)
                    """, arguments: [source.id!])
            }
        }
    }

    @Test("the schema refuses unknown categories, unknown sources and impossible positions", arguments: [
        "INSERT INTO incident (source_id, source_ref, category, raw_label, occurred_at, time_precision, content_hash, ingest_run, ingested_at, updated_at) VALUES (1, 'B', 'nope', 'x', 0, 'exact', 1, 1, 0, 0)",
        "INSERT INTO incident (source_id, source_ref, category, raw_label, occurred_at, time_precision, content_hash, ingest_run, ingested_at, updated_at) VALUES (99, 'B', 'theft', 'x', 0, 'exact', 1, 1, 0, 0)",
        "INSERT INTO incident (source_id, source_ref, category, raw_label, occurred_at, time_precision, latitude, longitude, content_hash, ingest_run, ingested_at, updated_at) VALUES (1, 'B', 'theft', 'x', 0, 'exact', 91, 5, 1, 1, 0, 0)",
        "INSERT INTO incident (source_id, source_ref, category, raw_label, occurred_at, time_precision, latitude, content_hash, ingest_run, ingested_at, updated_at) VALUES (1, 'B', 'theft', 'x', 0, 'exact', 43, 1, 1, 0, 0)",
        "INSERT INTO source (name, title, owner, purpose, legal_regime, holds_personal_data, retention_days, is_public) VALUES ('Bad Name', 't', 'o', 'p', 'gdpr', 0, 1, 0)",
        "INSERT INTO source (name, title, owner, purpose, legal_regime, holds_personal_data, retention_days, is_public) VALUES ('ok', 't', 'o', 'p', 'gdpr', 0, 0, 0)",
    ])
    func constraints(sql: String) throws {
        let store = try SQLiteStore.inMemory()
        let source = try store.register(Self.register)
        try ingest(store, source.id!, [incident(source.id!, "A")])
        #expect(throws: DatabaseError.self) { try store.writer.write { db in try db.execute(sql: sql) } }
    }

    @Test("a reference claimed twice in one file with other contents keeps the first and quarantines the second, run after run")
    func conflictsWithinARun() throws {
        let store = try SQLiteStore.inMemory()
        let id = try store.register(Self.register).id!
        let records = [incident(id, "A", hash: 1, number: 1), incident(id, "A", hash: 2, number: 2),
            incident(id, "B", hash: 3, number: 3), incident(id, "B", hash: 3, number: 4)]
        let first = try ingest(store, id, records)
        #expect(first == IngestBatchOutcome(accepted: 2, updated: 0, duplicates: 1, quarantined: 1))
        let second = try ingest(store, id, records)
        #expect(second == IngestBatchOutcome(accepted: 0, updated: 0, duplicates: 3, quarantined: 1))
        let kept = try store.quarantinedRows(sourceID: id, limit: 10)
        #expect(kept.count == 1 && kept[0].recordNumber == 2 && kept[0].field == "reference")
        #expect(kept[0].reason.contains("appears earlier in this file"))

        // The export is corrected: record 2 now has its own reference, and its quarantine entry goes.
        var corrected = records
        corrected[1] = incident(id, "C", hash: 2, number: 2)
        let third = try ingest(store, id, corrected)
        #expect(third == IngestBatchOutcome(accepted: 1, updated: 0, duplicates: 3, quarantined: 0))
        #expect(try store.quarantineCount(sourceID: id) == 0)
        // A later run with a changed record updates it in place.
        let fourth = try ingest(store, id, [incident(id, "A", hash: 9, number: 1)])
        #expect(fourth.updated == 1)
    }

    @Test("a batch that refers to a category, district or run that does not exist is rolled back whole")
    func danglingReferences() throws {
        let store = try SQLiteStore.inMemory()
        let id = try store.register(Self.register).id!
        var unknownCategory = incident(id, "B", number: 2)
        unknownCategory.incident.category = "fights"
        #expect(throws: StoreError.self) { try ingest(store, id, [incident(id, "A"), unknownCategory]) }
        var unknownDistrict = incident(id, "C", number: 3)
        unknownDistrict.incident.districts = ["arrondissement": "13299"]
        #expect(throws: StoreError.self) { try ingest(store, id, [incident(id, "A"), unknownDistrict]) }
        #expect(throws: StoreError.self) {
            try store.write(IngestBatch(sourceID: id, runID: 999, file: "log.csv", records: [incident(id, "A")]))
        }
        #expect(try store.incidentCount(sourceID: nil) == 0)
        // Enforcement is back on for every other write.
        #expect(throws: DatabaseError.self) {
            try store.writer.write { db in
                try db.execute(sql: """
                    INSERT INTO incident (source_id, source_ref, category, raw_label, occurred_at, time_precision,
                        content_hash, ingest_run, ingested_at, updated_at) VALUES (?, 'Z', 'fights', 'x', 0, 'exact', 1, 1, 0, 0)
                    """, arguments: [id])
            }
        }
        #expect(try ingest(store, id, [incident(id, "A")]).accepted == 1)
    }

    @Test("records written many per statement get exactly the outcomes of one at a time", arguments: [0, 1, 2])
    func manyPerStatement(seed: Int) throws {
        let store = try SQLiteStore.inMemory()
        let id = try store.register(Self.register).id!
        var model: [String: (hash: Int64, run: Int)] = [:]
        var generator = SystemRandomNumberGenerator()
        for run in 0..<3 {
            // References drawn from a small pool so that chunks hold repeats, conflicts and known rows.
            let records = (0..<(BatchWriter.rowsPerStatement * 3 + 5)).map { number in
                let reference = "R\((number * 7 + seed * 13 + run * 5 + Int.random(in: 0..<3, using: &generator)) % 60)"
                return incident(id, reference, hash: Int64.random(in: 0..<2, using: &generator), number: number + 1)
            }
            var expected = IngestBatchOutcome()
            for record in records {
                let reference = record.incident.sourceReference
                guard let known = model[reference] else {
                    expected.accepted += 1
                    model[reference] = (record.contentHash, run)
                    continue
                }
                if known.run == run {
                    if known.hash == record.contentHash { expected.duplicates += 1 } else { expected.quarantined += 1 }
                } else if known.hash == record.contentHash {
                    expected.duplicates += 1
                    model[reference] = (known.hash, run)
                } else {
                    expected.updated += 1
                    model[reference] = (record.contentHash, run)
                }
            }
            #expect(try ingest(store, id, records) == expected, "run \(run)")
        }
        #expect(try store.incidentCount(sourceID: id) == model.count)
        let hashes = try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT source_ref, content_hash FROM incident").map {
                ($0[0] as String, $0[1] as Int64)
            }
        }
        #expect(Dictionary(uniqueKeysWithValues: hashes) == model.mapValues(\.hash))
    }

    @Test("the register refuses a second entry with the same name and edits in place")
    func register() throws {
        let store = try SQLiteStore.inMemory()
        var source = try store.register(Self.register)
        #expect(throws: StoreError.sourceAlreadyRegistered("police-log")) { try store.register(Self.register) }
        source.retentionDays = 730
        try store.update(source)
        #expect(try store.source(named: "police-log")?.retentionDays == 730)
        #expect(try store.sources().count == 1)
    }

    @Test("importing districts re-assigns the incidents already stored, and replacing a level replaces it")
    func reassignment() throws {
        let store = try SQLiteStore.inMemory()
        let source = try store.register(Self.register)
        try ingest(store, source.id!, [incident(source.id!, "A"), incident(source.id!, "B")])
        let box = { (minX: Double, maxX: Double) in
            Polygon(outer: [
                PlanarPoint(x: minX, y: 43), PlanarPoint(x: maxX, y: 43), PlanarPoint(x: maxX, y: 44),
                PlanarPoint(x: minX, y: 44), PlanarPoint(x: minX, y: 43),
            ])
        }
        #expect(try store.replaceDistricts(level: "zone", with: [District(level: "zone", code: "W", name: "West", outline: box(5, 5.5))]) == 2)
        #expect(try store.incident(sourceID: source.id!, reference: "A")?.districts == ["zone": "W"])
        #expect(try store.replaceDistricts(level: "zone", with: [District(level: "zone", code: "E", name: "East", outline: box(5.5, 6))]) == 0)
        #expect(try store.incident(sourceID: source.id!, reference: "A")?.districts == [:])
        let districts = try store.districts(level: "zone")
        #expect(districts.map(\.code) == ["E"])
        #expect(districts[0].outline == box(5.5, 6))
    }

    @Test("deployment settings and the agenda round-trip")
    func deploymentAndAgenda() throws {
        let store = try SQLiteStore.inMemory()
        #expect(try store.deployment() == .unconfigured)
        let deployment = Deployment(name: "Marseille", area: BoundingBox(minX: 5.2, minY: 43.1, maxX: 5.6, maxY: 43.4))
        try store.save(deployment)
        #expect(try store.deployment() == deployment)

        let source = try store.register(Self.register)
        let start = Date(timeIntervalSince1970: 1_750_000_000)
        let market = PlannedEvent(
            sourceID: source.id!, sourceReference: "M1", kind: .market, title: "Marché",
            startsAt: start, endsAt: start.addingTimeInterval(3600 * 5),
            geometry: .polygon([GeoPoint(latitude: 43.29, longitude: 5.38), GeoPoint(latitude: 43.30, longitude: 5.38),
                GeoPoint(latitude: 43.30, longitude: 5.39)]), expectedAttendance: 2000, organiser: "Ville")
        let saved = try store.save([market])
        let id = try #require(saved.first?.id)
        let stored = try store.writer.read { db in try String.fetchOne(db, sql: "SELECT geometry FROM planned_event") }
        #expect(stored == #"{"coordinates":[[[5.38,43.29],[5.38,43.3],[5.39,43.3],[5.38,43.29]]],"type":"Polygon"}"#)
        #expect(try store.plannedEvent(id: id) == saved.first)
        var moved = market
        moved.title = "Marché déplacé"
        #expect(try store.save([moved]).first?.id == id)
        #expect(try store.plannedEvents(from: start, to: start.addingTimeInterval(60)).map(\.title) == ["Marché déplacé"])
        #expect(try store.plannedEvents(from: start.addingTimeInterval(3600 * 6), to: start.addingTimeInterval(3600 * 7)).isEmpty)
        try store.save([Measure(plannedEventID: id, kind: .officers, planned: 12, deployed: 9)])
        #expect(try store.measures(plannedEventID: id).map(\.deployed) == [9])
    }
}
