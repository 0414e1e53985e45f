import Foundation
import GRDB
import VigieCore

/// Writes the records of one ingest batch inside its transaction, with statements prepared once per batch.
///
/// Statements are stepped directly (`RawStatement`), bypassing GRDB's statement bookkeeping: GRDB's
/// transaction observers are not told of these writes, so whoever needs to follow new incidents must be
/// told by the ingest itself, not by observing the database.
struct BatchWriter {
    /// Records inserted by one statement: per-statement work in SQLite costs as much as a row's own.
    static let rowsPerStatement = 32
    private static let columns = """
        source_id, source_ref, category, raw_label, occurred_at, time_precision, latitude, longitude,
        location_precision_m, attributes, content_hash, ingest_run, ingested_at, updated_at
        """

    private let db: Database
    private let batch: IngestBatch
    private let now: Double
    private let insert: RawStatement
    private let insertMany: RawStatement
    private let lookup: RawStatement
    private let update: RawStatement
    private let touch: RawStatement
    private let clearDistricts: RawStatement
    private let addDistrict: RawStatement
    private let clearQuarantine: RawStatement?
    /// Incidents are numbered upwards: every incident this batch inserts has an id above this one.
    private let lastIDBefore: Int64
    /// Incidents this batch updated in place.
    private var updatedIDs: [Int64] = []
    private(set) var outcome = IngestBatchOutcome()
    /// Records refused because the same run stored their reference with another content.
    private(set) var conflicts: [QuarantinedRow] = []

    init(_ db: Database, batch: IngestBatch) throws {
        self.db = db
        self.batch = batch
        now = Date().timeIntervalSince1970
        insert = try RawStatement(db, sql: """
            INSERT INTO incident (\(Self.columns))
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)
            ON CONFLICT (source_id, source_ref) DO NOTHING
            """)
        let rows = (0..<Self.rowsPerStatement).map { row in
            "(" + (1...13).map { "?\(row * 13 + $0)" }.joined(separator: ", ") + ", ?\(row * 13 + 13))"
        }
        insertMany = try RawStatement(db, sql: """
            INSERT INTO incident (\(Self.columns)) VALUES \(rows.joined(separator: ", "))
            ON CONFLICT (source_id, source_ref) DO NOTHING
            """)
        lookup = try RawStatement(
            db, sql: "SELECT id, content_hash, ingest_run FROM incident WHERE source_id = ? AND source_ref = ?")
        update = try RawStatement(db, sql: """
            UPDATE incident SET category = ?3, raw_label = ?4, occurred_at = ?5, time_precision = ?6,
                latitude = ?7, longitude = ?8, location_precision_m = ?9, attributes = ?10,
                content_hash = ?11, ingest_run = ?12, updated_at = ?13
            WHERE source_id = ?1 AND source_ref = ?2
            """)
        touch = try RawStatement(db, sql: "UPDATE incident SET ingest_run = ? WHERE id = ?")
        // SQLite keeps bindings across resets: what is the same for the whole batch is bound once.
        for statement in [insert, update] {
            try statement.bind(1, batch.sourceID)
            try statement.bind(12, batch.runID)
            try statement.bind(13, now)
        }
        for row in 0..<Int32(Self.rowsPerStatement) {
            try insertMany.bind(row * 13 + 1, batch.sourceID)
            try insertMany.bind(row * 13 + 12, batch.runID)
            try insertMany.bind(row * 13 + 13, now)
        }
        try touch.bind(1, batch.runID)
        clearDistricts = try RawStatement(db, sql: "DELETE FROM incident_district WHERE incident_id = ?")
        addDistrict = try RawStatement(
            db, sql: "INSERT INTO incident_district (incident_id, level, code) VALUES (?, ?, ?)")
        lastIDBefore = try Int64.fetchOne(db, sql: "SELECT ifnull(max(id), 0) FROM incident") ?? 0
        let hasQuarantine = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM quarantine WHERE source_id = ? AND file = ?)",
            arguments: [batch.sourceID, batch.file]) ?? false
        clearQuarantine = hasQuarantine
            ? try RawStatement(db, sql: "DELETE FROM quarantine WHERE source_id = ? AND file = ? AND record_number = ?")
            : nil
    }

    /// Writes every record of the batch, most of them `rowsPerStatement` at a time.
    mutating func writeAll() throws {
        let records = batch.records
        var highestID = lastIDBefore
        var start = 0
        while records.count - start >= Self.rowsPerStatement {
            let chunk = records[start..<(start + Self.rowsPerStatement)]
            for (row, record) in chunk.enumerated() { try bindFields(record, to: insertMany, offset: Int32(row * 13)) }
            try insertMany.run(db)
            if db.changesCount == Self.rowsPerStatement {
                // No row conflicted: SQLite numbered them in order, ending at the last inserted id.
                let firstID = db.lastInsertedRowID - Int64(Self.rowsPerStatement) + 1
                for (row, record) in chunk.enumerated() { try accepted(record, incidentID: firstID + Int64(row)) }
                highestID = db.lastInsertedRowID
            } else {
                // Ids above the highest before the statement were inserted by it, each by the first record
                // of the chunk with that reference; every other record meets a row that already existed.
                var claimed = Set<String>()
                for record in chunk {
                    let existing = try stored(record)
                    if existing.id > highestID && claimed.insert(record.incident.sourceReference).inserted {
                        try accepted(record, incidentID: existing.id)
                    } else {
                        try resolve(record, against: existing)
                    }
                }
                highestID = try Int64.fetchOne(db, sql: "SELECT ifnull(max(id), 0) FROM incident") ?? highestID
            }
            start += Self.rowsPerStatement
        }
        for record in records[start...] { try write(record) }
    }

    private mutating func write(_ record: IngestBatch.Record) throws {
        try bindFields(record, to: insert, offset: 0)
        try insert.run(db)
        if db.changesCount > 0 {
            try accepted(record, incidentID: db.lastInsertedRowID)
        } else {
            try resolve(record, against: try stored(record))
        }
    }

    private mutating func accepted(_ record: IngestBatch.Record, incidentID: Int64) throws {
        outcome.accepted += 1
        try addDistricts(record, incidentID: incidentID)
        try clearQuarantine(of: record)
    }

    /// The stored row with the record's reference.
    private func stored(_ record: IngestBatch.Record) throws -> (id: Int64, hash: Int64, run: Int64) {
        try lookup.bind(1, batch.sourceID)
        try lookup.bind(2, record.incident.sourceReference)
        guard let existing = try lookup.row(db) else {
            throw StoreError.vanishedIncident(reference: record.incident.sourceReference)
        }
        return existing
    }

    /// A record whose reference is already stored: a duplicate, an update, or a conflict within this run.
    private mutating func resolve(_ record: IngestBatch.Record, against existing: (id: Int64, hash: Int64, run: Int64))
        throws
    {
        let (incidentID, storedHash, storedRun) = existing
        if storedRun == batch.runID {
            if storedHash == record.contentHash {
                outcome.duplicates += 1
            } else {
                conflicts.append(conflict(record))
                return
            }
        } else if storedHash == record.contentHash {
            outcome.duplicates += 1
            try touch.bind(2, incidentID)
            try touch.run(db)
        } else {
            try bindFields(record, to: update, offset: 0)
            try update.run(db)
            outcome.updated += 1
            updatedIDs.append(incidentID)
            try clearDistricts.bind(1, incidentID)
            try clearDistricts.run(db)
            try addDistricts(record, incidentID: incidentID)
        }
        try clearQuarantine(of: record)
    }

    private func clearQuarantine(of record: IngestBatch.Record) throws {
        if let clearQuarantine {
            try clearQuarantine.bind(1, batch.sourceID)
            try clearQuarantine.bind(2, batch.file)
            try clearQuarantine.bind(3, Int64(record.recordNumber))
            try clearQuarantine.run(db)
        }
    }

    /// Checks, set-wise, every reference the batch wrote: its source and run, the category of each incident
    /// it inserted or updated, and the district of each district assignment. Throws on the first dangling one.
    func verifyReferences() throws {
        for (table, id) in [("source", batch.sourceID), ("ingest_run", batch.runID)] {
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE id = ?)", arguments: [id]) == true
            else { throw StoreError.danglingReference("\(table) \(id) does not exist") }
        }
        let written = "(incident_id > \(lastIDBefore) OR incident_id IN (SELECT value FROM json_each(?)))"
        let changedIDs = "[" + updatedIDs.map(String.init).joined(separator: ",") + "]"
        if let category = try String.fetchOne(db, sql: """
            SELECT category FROM incident
            WHERE (id > ? OR id IN (SELECT value FROM json_each(?)))
                AND NOT EXISTS (SELECT 1 FROM category WHERE code = incident.category)
            LIMIT 1
            """, arguments: [lastIDBefore, changedIDs]) {
            throw StoreError.danglingReference("category '\(category)' is not in the taxonomy")
        }
        if let row = try Row.fetchOne(db, sql: """
            SELECT level, code FROM incident_district
            WHERE \(written)
                AND NOT EXISTS (SELECT 1 FROM district d WHERE d.level = incident_district.level
                    AND d.code = incident_district.code)
            LIMIT 1
            """, arguments: [changedIDs]) {
            throw StoreError.danglingReference("district \(row[0] as String) \(row[1] as String) does not exist")
        }
    }

    /// Binds a record's own values to parameters 2 to 11 after `offset` (the others are the batch's).
    private func bindFields(_ record: IngestBatch.Record, to statement: RawStatement, offset: Int32) throws {
        let incident = record.incident
        try statement.bind(offset + 2, incident.sourceReference)
        try statement.bind(offset + 3, incident.category.rawValue)
        try statement.bind(offset + 4, incident.rawLabel)
        try statement.bind(offset + 5, incident.occurredAt.timeIntervalSince1970)
        try statement.bind(offset + 6, incident.timePrecision.rawValue)
        try statement.bind(offset + 7, incident.location?.latitude)
        try statement.bind(offset + 8, incident.location?.longitude)
        try statement.bind(offset + 9, incident.locationPrecisionMeters)
        try statement.bind(offset + 10, record.encodedAttributes)
        try statement.bind(offset + 11, record.contentHash)
    }

    private func addDistricts(_ record: IngestBatch.Record, incidentID: Int64) throws {
        for (level, code) in record.incident.districts {
            try addDistrict.bind(1, incidentID)
            try addDistrict.bind(2, level)
            try addDistrict.bind(3, code)
            try addDistrict.run(db)
        }
    }

    private func conflict(_ record: IngestBatch.Record) -> QuarantinedRow {
        let incident = record.incident
        let position = incident.location.map { "\($0.latitude),\($0.longitude)" } ?? "-"
        return QuarantinedRow(
            sourceID: batch.sourceID, file: batch.file, recordNumber: record.recordNumber, line: record.line,
            field: "reference",
            reason: "reference '\(incident.sourceReference)' appears earlier in this file with other content; the first record is kept: correct the export or give each record its own reference",
            rawRecord: "reference=\(incident.sourceReference) time=\(incident.occurredAt.formatted(.iso8601)) label=\(incident.rawLabel) position=\(position) attributes=\(record.encodedAttributes)",
            quarantinedAt: Date(timeIntervalSince1970: now))
    }
}
