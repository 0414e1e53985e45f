import Foundation
import GRDB
import VigieCore

extension SQLiteStore: IncidentRepository {
    /// Opens the record of one ingest of one file.
    public func beginIngestRun(sourceID: Int64, file: String, startedAt: Date) throws -> Int64 {
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO ingest_run (source_id, file, started_at) VALUES (?, ?, ?)",
                arguments: [sourceID, file, startedAt.timeIntervalSince1970])
            return db.lastInsertedRowID
        }
    }

    /// Closes the record of an ingest with its counts.
    public func finishIngestRun(_ runID: Int64, outcome: IngestBatchOutcome, read: Int, finishedAt: Date) throws {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE ingest_run SET finished_at = ?, read = ?, accepted = ?, updated = ?, duplicates = ?,
                    quarantined = ? WHERE id = ?
                """, arguments: [finishedAt.timeIntervalSince1970, read, outcome.accepted, outcome.updated,
                    outcome.duplicates, outcome.quarantined, runID])
        }
    }

    /// Writes a batch in one transaction; the counts it returns are durable once it returns.
    ///
    /// SQLite's per-row foreign-key checks cost more than the rest of an insert (measured: 0.42 against
    /// 1.09 million rows per second for the same rows into the same schema), so the batch runs with
    /// enforcement off and `BatchWriter.verifyReferences` checks every reference it wrote, set-wise, inside
    /// the same transaction: a batch with a dangling reference is rolled back whole.
    public func write(_ batch: IngestBatch) throws -> IngestBatchOutcome {
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            var outcome = IngestBatchOutcome()
            try db.inTransaction {
                var batchWriter = try BatchWriter(db, batch: batch)
                try batchWriter.writeAll()
                try batchWriter.verifyReferences()
                outcome = batchWriter.outcome
                outcome.quarantined += try insertQuarantined(
                    batchWriter.conflicts + batch.quarantined, sourceID: batch.sourceID, db)
                return .commit
            }
            checkpointer?.request()
            return outcome
        }
    }

    /// How many incidents there are, for one source or all.
    public func incidentCount(sourceID: Int64?) throws -> Int {
        try writer.read { db in
            if let sourceID {
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incident WHERE source_id = ?",
                    arguments: [sourceID]) ?? 0
            }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM incident") ?? 0
        }
    }

    /// The incident a source knows by this reference.
    public func incident(sourceID: Int64, reference: String) throws -> Incident? {
        try writer.read { db in
            try fetchIncidents(db, where: "source_id = ? AND source_ref = ?", arguments: [sourceID, reference],
                limit: 1).first
        }
    }

    /// Incidents of a source, or all, ordered by time, at most `limit`.
    public func incidents(sourceID: Int64?, limit: Int) throws -> [Incident] {
        try writer.read { db in
            if let sourceID {
                return try fetchIncidents(db, where: "source_id = ?", arguments: [sourceID], limit: limit)
            }
            return try fetchIncidents(db, where: "1", arguments: [], limit: limit)
        }
    }

    /// The incidents with these ids that exist, in the order of the ids.
    public func incidents(ids: [Int64]) throws -> [Incident] {
        guard !ids.isEmpty else { return [] }
        let found = try writer.read { db in
            try stride(from: 0, to: ids.count, by: 500).flatMap { start in
                let part = Array(ids[start..<min(start + 500, ids.count)])
                return try fetchIncidents(
                    db, where: "id IN (\(databaseQuestionMarks(count: part.count)))", arguments: StatementArguments(part),
                    limit: part.count)
            }
        }
        let byID = Dictionary(found.map { ($0.id!, $0) }) { first, _ in first }
        return ids.compactMap { byID[$0] }
    }

    private func fetchIncidents(
        _ db: Database, where condition: String, arguments: StatementArguments, limit: Int
    ) throws -> [Incident] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, source_id, source_ref, category, raw_label, occurred_at, time_precision, latitude,
                longitude, location_precision_m, attributes
            FROM incident WHERE \(condition) ORDER BY occurred_at, id LIMIT ?
            """, arguments: arguments + [limit])
        var districtsByIncident: [Int64: [String: String]] = [:]
        let ids = rows.map { $0["id"] as Int64 }
        for chunk in stride(from: 0, to: ids.count, by: 500) {
            let part = Array(ids[chunk..<min(chunk + 500, ids.count)])
            let placeholders = databaseQuestionMarks(count: part.count)
            for row in try Row.fetchAll(db, sql: """
                SELECT incident_id, level, code FROM incident_district WHERE incident_id IN (\(placeholders))
                """, arguments: StatementArguments(part)) {
                districtsByIncident[row["incident_id"], default: [:]][row["level"]] = row["code"]
            }
        }
        return rows.map { row in
            let latitude: Double? = row["latitude"]
            let longitude: Double? = row["longitude"]
            let id: Int64 = row["id"]
            return Incident(
                id: id, sourceID: row["source_id"], sourceReference: row["source_ref"],
                category: CategoryCode(rawValue: row["category"]), rawLabel: row["raw_label"],
                occurredAt: Date(timeIntervalSince1970: row["occurred_at"]),
                timePrecision: TimePrecision(rawValue: row["time_precision"]) ?? .exact,
                location: latitude.flatMap { lat in longitude.map { GeoPoint(latitude: lat, longitude: $0) } },
                locationPrecisionMeters: row["location_precision_m"],
                attributes: AttributesJSON.decode(row["attributes"]),
                districts: districtsByIncident[id] ?? [:])
        }
    }
}
