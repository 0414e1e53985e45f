import Foundation
import GRDB
import VigieCore

extension SQLiteStore: QuarantineRepository {
    /// Keeps rows in quarantine; the same record of the same file quarantined again replaces its entry.
    func insertQuarantined(_ rows: [QuarantinedRow], sourceID: Int64, _ db: Database) throws -> Int {
        for row in rows {
            try db.execute(sql: """
                INSERT INTO quarantine (source_id, file, record_number, line, field, reason, raw_record,
                    quarantined_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source_id, file, record_number) DO UPDATE SET line = excluded.line,
                    field = excluded.field, reason = excluded.reason, raw_record = excluded.raw_record,
                    quarantined_at = excluded.quarantined_at
                """, arguments: [sourceID, row.file, row.recordNumber, row.line, row.field, row.reason,
                    row.rawRecord, row.quarantinedAt.timeIntervalSince1970])
        }
        return rows.count
    }

    /// Quarantined rows, for one source or all, newest first.
    public func quarantinedRows(sourceID: Int64?, limit: Int) throws -> [QuarantinedRow] {
        try writer.read { db in
            let condition = sourceID == nil ? "1" : "source_id = ?"
            let arguments: StatementArguments = sourceID.map { [$0, limit] } ?? [limit]
            return try Row.fetchAll(db, sql: """
                SELECT * FROM quarantine WHERE \(condition) ORDER BY quarantined_at DESC, file, line LIMIT ?
                """, arguments: arguments).map { row in
                QuarantinedRow(
                    id: row["id"], sourceID: row["source_id"], file: row["file"],
                    recordNumber: row["record_number"], line: row["line"],
                    field: row["field"], reason: row["reason"], rawRecord: row["raw_record"],
                    quarantinedAt: Date(timeIntervalSince1970: row["quarantined_at"]))
            }
        }
    }

    /// How many rows are in quarantine, for one source or all.
    public func quarantineCount(sourceID: Int64?) throws -> Int {
        try writer.read { db in
            if let sourceID {
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quarantine WHERE source_id = ?",
                    arguments: [sourceID]) ?? 0
            }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quarantine") ?? 0
        }
    }
}
