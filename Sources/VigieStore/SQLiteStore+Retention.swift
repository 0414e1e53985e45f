import Foundation
import GRDB
import VigieCore

extension SQLiteStore: RetentionEnforcer {
    /// Removes, source by source and each in one transaction, the incidents that occurred before the
    /// source's cutoff (their districts go with them, and the change log tells analytics), the rows
    /// quarantined before it, the agenda items that ended before it and the days of weather before it; a
    /// source that loses anything has its purge logged. A dry run counts without removing or logging.
    public func enforceRetention(now: Date, dryRun: Bool) throws -> [RetentionPurge] {
        try sources().compactMap { source in
            guard let id = source.id else { return nil }
            let cutoff = now.addingTimeInterval(-Double(source.retentionDays) * 86_400)
            let seconds = cutoff.timeIntervalSince1970
            // Weather days are local days; a day is past when it ends before the cutoff, taken in UTC.
            let lastDay = CivilDate(cutoff.addingTimeInterval(-86_400), in: TimeZone(identifier: "UTC")!).iso
            let statements: [(count: String, delete: String, arguments: StatementArguments)] = [
                ("SELECT count(*) FROM incident WHERE source_id = ? AND occurred_at < ?",
                    "DELETE FROM incident WHERE source_id = ? AND occurred_at < ?", [id, seconds]),
                ("SELECT count(*) FROM quarantine WHERE source_id = ? AND quarantined_at < ?",
                    "DELETE FROM quarantine WHERE source_id = ? AND quarantined_at < ?", [id, seconds]),
                ("SELECT count(*) FROM planned_event WHERE source_id = ? AND ends_at < ?",
                    "DELETE FROM planned_event WHERE source_id = ? AND ends_at < ?", [id, seconds]),
                ("SELECT count(*) FROM weather_day WHERE source_id = ? AND day <= ?",
                    "DELETE FROM weather_day WHERE source_id = ? AND day <= ?", [id, lastDay]),
            ]
            let counts: [Int] = try writer.write { db in
                try statements.map { statement in
                    if dryRun { return try Int.fetchOne(db, sql: statement.count, arguments: statement.arguments) ?? 0 }
                    try db.execute(sql: statement.delete, arguments: statement.arguments)
                    return db.changesCount
                }
            }
            let purge = RetentionPurge(
                sourceID: id, sourceName: source.name, retentionDays: source.retentionDays, cutoff: cutoff,
                incidents: counts[0], quarantined: counts[1], plannedEvents: counts[2], weatherDays: counts[3])
            if !dryRun && purge.total > 0 {
                try writer.write { db in
                    try db.execute(sql: """
                        INSERT INTO retention_purge (source_id, purged_at, retention_days, cutoff, incidents,
                            quarantined, planned_events, weather_days)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [id, now.timeIntervalSince1970, source.retentionDays, seconds, purge.incidents,
                            purge.quarantined, purge.plannedEvents, purge.weatherDays])
                }
            }
            return purge
        }
    }

    /// Purges logged, latest first.
    public func retentionLog(limit: Int) throws -> [(purgedAt: Date, purge: RetentionPurge)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.*, s.name FROM retention_purge p JOIN source s ON s.id = p.source_id
                ORDER BY p.purged_at DESC, p.id DESC LIMIT ?
                """, arguments: [limit]).map { row in
                (Date(timeIntervalSince1970: row["purged_at"]), RetentionPurge(
                    sourceID: row["source_id"], sourceName: row["name"], retentionDays: row["retention_days"],
                    cutoff: Date(timeIntervalSince1970: row["cutoff"]), incidents: row["incidents"],
                    quarantined: row["quarantined"], plannedEvents: row["planned_events"],
                    weatherDays: row["weather_days"]))
            }
        }
    }
}
