import Foundation
import GRDB
import VigieCore

extension SQLiteStore: AgendaRepository {
    /// Inserts or replaces items by source and reference, keeping the identifier of an item replaced.
    public func save(_ events: [PlannedEvent]) throws -> [PlannedEvent] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try writer.write { db in
            try events.map { event in
                let geometry = String(decoding: try encoder.encode(event.geometry), as: UTF8.self)
                let id = try Int64.fetchOne(db, sql: """
                    INSERT INTO planned_event (source_id, source_ref, kind, title, starts_at, ends_at, all_day,
                        geometry, expected_attendance, organiser)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (source_id, source_ref) DO UPDATE SET kind = excluded.kind, title = excluded.title,
                        starts_at = excluded.starts_at, ends_at = excluded.ends_at, all_day = excluded.all_day,
                        geometry = excluded.geometry, expected_attendance = excluded.expected_attendance,
                        organiser = excluded.organiser
                    RETURNING id
                    """, arguments: [event.sourceID, event.sourceReference, event.kind.rawValue, event.title,
                        event.startsAt.timeIntervalSince1970, event.endsAt.timeIntervalSince1970, event.isAllDay,
                        geometry, event.expectedAttendance, event.organiser])
                var saved = event
                saved.id = id
                return saved
            }
        }
    }

    /// Items overlapping `[start, end)`, ordered by start.
    public func plannedEvents(from start: Date, to end: Date) throws -> [PlannedEvent] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM planned_event WHERE starts_at < ? AND ends_at > ? ORDER BY starts_at, id
                """, arguments: [end.timeIntervalSince1970, start.timeIntervalSince1970]).map(Self.plannedEvent)
        }
    }

    /// The item of an identifier, if there is one.
    public func plannedEvent(id: Int64) throws -> PlannedEvent? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM planned_event WHERE id = ?", arguments: [id]).map(Self.plannedEvent)
        }
    }

    private static func plannedEvent(_ row: Row) throws -> PlannedEvent {
        PlannedEvent(
            id: row["id"], sourceID: row["source_id"], sourceReference: row["source_ref"],
            kind: PlannedEventKind(rawValue: row["kind"]) ?? .event, title: row["title"],
            startsAt: Date(timeIntervalSince1970: row["starts_at"]),
            endsAt: Date(timeIntervalSince1970: row["ends_at"]), isAllDay: row["all_day"],
            geometry: try JSONDecoder().decode(EventGeometry.self, from: Data((row["geometry"] as String).utf8)),
            expectedAttendance: row["expected_attendance"], organiser: row["organiser"])
    }

    /// Inserts or replaces means, one row per planned event and kind.
    public func save(_ measures: [Measure]) throws {
        try writer.write { db in
            for measure in measures {
                try db.execute(sql: """
                    INSERT INTO measure (planned_event_id, kind, planned, deployed) VALUES (?, ?, ?, ?)
                    ON CONFLICT (planned_event_id, kind) DO UPDATE SET planned = excluded.planned,
                        deployed = excluded.deployed
                    """, arguments: [measure.plannedEventID, measure.kind.rawValue, measure.planned,
                        measure.deployed])
            }
        }
    }

    /// Means planned for a planned event, by kind.
    public func measures(plannedEventID: Int64) throws -> [Measure] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM measure WHERE planned_event_id = ? ORDER BY kind",
                arguments: [plannedEventID]).map { row in
                Measure(
                    id: row["id"], plannedEventID: row["planned_event_id"],
                    kind: Measure.Kind(rawValue: row["kind"]) ?? .officers, planned: row["planned"],
                    deployed: row["deployed"])
            }
        }
    }
}
