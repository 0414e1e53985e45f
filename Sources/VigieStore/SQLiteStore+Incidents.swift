import Foundation
import GRDB
import VigieCore

extension SQLiteStore: IncidentRepository {
    /// Writes a batch in one transaction; the counts it returns are durable once it returns.
    ///
    /// A record whose reference is new is inserted; one whose reference exists with another content hash
    /// updates that incident in place (its id is kept); one with the same hash is a duplicate.
    public func write(_ batch: IngestBatch) throws -> IngestBatchOutcome {
        try writer.write { db in
            var outcome = IngestBatchOutcome()
            let now = Date().timeIntervalSince1970
            let insert = try RawStatement(db, sql: """
                INSERT INTO incident (source_id, source_ref, category, raw_label, occurred_at, time_precision,
                    latitude, longitude, location_precision_m, attributes, content_hash, ingested_at, updated_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)
                ON CONFLICT (source_id, source_ref) DO NOTHING
                """)
            let update = try RawStatement(db, sql: """
                UPDATE incident SET category = ?3, raw_label = ?4, occurred_at = ?5, time_precision = ?6,
                    latitude = ?7, longitude = ?8, location_precision_m = ?9, attributes = ?10,
                    content_hash = ?11, updated_at = ?12
                WHERE source_id = ?1 AND source_ref = ?2 AND content_hash <> ?11
                RETURNING id
                """)
            let clearDistricts = try RawStatement(db, sql: "DELETE FROM incident_district WHERE incident_id = ?")
            let addDistrict = try RawStatement(
                db, sql: "INSERT INTO incident_district (incident_id, level, code) VALUES (?, ?, ?)")
            for record in batch.records {
                bind(record, sourceID: batch.sourceID, now: now, to: insert)
                try insert.run(db)
                let incidentID: Int64
                if db.changesCount > 0 {
                    outcome.accepted += 1
                    incidentID = db.lastInsertedRowID
                } else {
                    bind(record, sourceID: batch.sourceID, now: now, to: update)
                    guard let updatedID = try update.run(db) else {
                        outcome.duplicates += 1
                        continue
                    }
                    outcome.updated += 1
                    incidentID = updatedID
                    clearDistricts.bind(1, incidentID)
                    try clearDistricts.run(db)
                }
                for (level, code) in record.incident.districts {
                    addDistrict.bind(1, incidentID)
                    addDistrict.bind(2, level)
                    addDistrict.bind(3, code)
                    try addDistrict.run(db)
                }
            }
            outcome.quarantined = try insertQuarantined(batch.quarantined, sourceID: batch.sourceID, db)
            return outcome
        }
    }

    private func bind(_ record: IngestBatch.Record, sourceID: Int64, now: Double, to statement: RawStatement) {
        let incident = record.incident
        statement.bind(1, sourceID)
        statement.bind(2, incident.sourceReference)
        statement.bind(3, incident.category.rawValue)
        statement.bind(4, incident.rawLabel)
        statement.bind(5, incident.occurredAt.timeIntervalSince1970)
        statement.bind(6, incident.timePrecision.rawValue)
        statement.bind(7, incident.location?.latitude)
        statement.bind(8, incident.location?.longitude)
        statement.bind(9, incident.locationPrecisionMeters)
        statement.bind(10, record.encodedAttributes)
        statement.bind(11, record.contentHash)
        statement.bind(12, now)
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
