import Foundation
import GRDB
import VigieCore

extension SQLiteStore: AlertRepository {
    /// Records new findings in one transaction; a finding already recorded keeps its acknowledgement.
    public func record(_ alerts: [Alert]) throws -> [Alert] {
        try writer.write { db in
            var recorded: [Alert] = []
            for alert in alerts {
                try db.execute(sql: """
                    INSERT INTO alert (kind, day, district_level, district_code, category, observed, expected, p,
                        detected_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (kind, day, district_level, district_code, category) DO NOTHING
                    """, arguments: [alert.kind.rawValue, alert.day.iso, alert.districtLevel ?? "",
                        alert.districtCode ?? "", alert.category.rawValue, alert.observed, alert.expected, alert.p,
                        alert.detectedAt.timeIntervalSince1970])
                if db.changesCount > 0 {
                    var stored = alert
                    stored.id = db.lastInsertedRowID
                    recorded.append(stored)
                }
            }
            return recorded
        }
    }

    /// Alerts, newest day first.
    public func alerts(includeAcknowledged: Bool, limit: Int) throws -> [Alert] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM alert \(includeAcknowledged ? "" : "WHERE acknowledged_at IS NULL")
                ORDER BY day DESC, p, id LIMIT ?
                """, arguments: [limit]).map(Self.alert)
        }
    }

    /// Acknowledges an open alert.
    public func acknowledge(alertID: Int64, by person: String, note: String?, at date: Date) throws {
        try writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT acknowledged_by FROM alert WHERE id = ?", arguments: [alertID])
            else { throw StoreError.unknownAlert(alertID) }
            if let previous = row[0] as String? { throw StoreError.alertAlreadyAcknowledged(alertID, by: previous) }
            try db.execute(
                sql: "UPDATE alert SET acknowledged_at = ?, acknowledged_by = ?, note = ? WHERE id = ?",
                arguments: [date.timeIntervalSince1970, person, note, alertID])
        }
    }

    private static func alert(_ row: Row) -> Alert {
        let level: String = row["district_level"]
        let code: String = row["district_code"]
        return Alert(
            id: row["id"], kind: Alert.Kind(rawValue: row["kind"]) ?? .excess,
            day: CivilDate(iso: row["day"]) ?? CivilDate(dayNumber: 0), districtLevel: level.isEmpty ? nil : level,
            districtCode: code.isEmpty ? nil : code, category: CategoryCode(rawValue: row["category"]),
            observed: row["observed"], expected: row["expected"], p: row["p"],
            detectedAt: Date(timeIntervalSince1970: row["detected_at"]),
            acknowledgedAt: (row["acknowledged_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            acknowledgedBy: row["acknowledged_by"], note: row["note"])
    }
}
