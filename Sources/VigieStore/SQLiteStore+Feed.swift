import GRDB
import GRDBSQLite
import VigieCore

extension SQLiteStore: IncidentFeed {
    /// Reads new incidents by id and updated or removed ones from the change log, all in one read
    /// transaction; a districts import since the cursor makes it a full reload, since every assignment moved.
    public func readIncidentFeed(
        since cursor: IncidentFeedCursor?, chunkSize: Int, _ consume: (IncidentFeedEvent) throws -> Void
    ) throws -> IncidentFeedCursor {
        try writer.read { db in
            let version = try Int64.fetchOne(db, sql: "SELECT version FROM districts_version WHERE id = 1") ?? 0
            let lastChange = try Int64.fetchOne(db, sql: "SELECT ifnull(max(sequence), 0) FROM incident_change") ?? 0
            let lastID = try Int64.fetchOne(db, sql: "SELECT ifnull(max(id), 0) FROM incident") ?? 0
            var codes: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT level, code FROM district ORDER BY level, code") {
                codes[row[0], default: []].append(row[1])
            }
            let reader = try FeedReader(db, districtCodes: codes)
            if let cursor, cursor.districtsVersion == version {
                let changed = try Int64.fetchSet(db, sql: """
                    SELECT incident_id FROM incident_change WHERE sequence > ? AND incident_id <= ?
                    """, arguments: [cursor.lastChange, cursor.lastIncidentID])
                let remaining = try Int64.fetchSet(db, sql: """
                    SELECT id FROM incident WHERE id IN (SELECT incident_id FROM incident_change
                        WHERE sequence > ? AND incident_id <= ?)
                    """, arguments: [cursor.lastChange, cursor.lastIncidentID])
                try consume(.start(
                    fullReload: false, removedIDs: changed.subtracting(remaining).sorted(), districtCodes: codes))
                try reader.read(ids: remaining.sorted(), chunkSize: chunkSize, consume)
                try reader.read(after: cursor.lastIncidentID, chunkSize: chunkSize, consume)
            } else {
                try consume(.start(fullReload: true, removedIDs: [], districtCodes: codes))
                try reader.read(after: 0, chunkSize: chunkSize, consume)
            }
            return IncidentFeedCursor(lastIncidentID: lastID, lastChange: lastChange, districtsVersion: version)
        }
    }
}

/// The statements of one feed read, stepped directly: a full reload reads every incident.
private struct FeedReader {
    private static let columns = """
        SELECT i.id, i.latitude, i.longitude, i.occurred_at,
            CASE i.time_precision WHEN 'exact' THEN 0 WHEN 'hour' THEN 1 WHEN 'day' THEN 2 ELSE 3 END,
            c.position, i.source_id
        FROM incident i JOIN category c ON c.code = i.category
        """
    private static let precisions: [TimePrecision] = [.exact, .hour, .day, .month]

    let db: Database
    let districtCodes: [String: [String]]
    private let indexOfCode: [String: [String: Int32]]
    private let after: RawStatement
    private let byID: RawStatement
    private let districts: RawStatement

    init(_ db: Database, districtCodes: [String: [String]]) throws {
        self.db = db
        self.districtCodes = districtCodes
        indexOfCode = districtCodes.mapValues { codes in
            Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($0.element, Int32($0.offset)) })
        }
        after = try RawStatement(db, sql: "\(Self.columns) WHERE i.id > ? ORDER BY i.id LIMIT ?")
        byID = try RawStatement(db, sql: "\(Self.columns) WHERE i.id = ?")
        districts = try RawStatement(db, sql: """
            SELECT incident_id, level, code FROM incident_district WHERE incident_id BETWEEN ? AND ?
            ORDER BY incident_id
            """)
    }

    /// Every incident above `id`, in chunks.
    func read(after id: Int64, chunkSize: Int, _ consume: (IncidentFeedEvent) throws -> Void) throws {
        var last = id
        while true {
            var chunk = emptyChunk(capacity: chunkSize)
            try after.bind(1, last)
            try after.bind(2, Int64(chunkSize))
            try after.forEachRow(db) { append($0, to: &chunk) }
            guard let final = chunk.ids.last else { return }
            try assignDistricts(&chunk)
            try consume(.rows(chunk))
            last = final
        }
    }

    /// The incidents of `ids` (increasing), in chunks.
    func read(ids: [Int64], chunkSize: Int, _ consume: (IncidentFeedEvent) throws -> Void) throws {
        for start in stride(from: 0, to: ids.count, by: chunkSize) {
            var chunk = emptyChunk(capacity: chunkSize)
            for id in ids[start..<min(ids.count, start + chunkSize)] {
                try byID.bind(1, id)
                try byID.forEachRow(db) { append($0, to: &chunk) }
            }
            try assignDistricts(&chunk)
            try consume(.rows(chunk))
        }
    }

    private func emptyChunk(capacity: Int) -> IncidentFeedChunk {
        var chunk = IncidentFeedChunk()
        chunk.ids.reserveCapacity(capacity)
        chunk.latitudes.reserveCapacity(capacity)
        chunk.longitudes.reserveCapacity(capacity)
        chunk.occurredAt.reserveCapacity(capacity)
        chunk.timePrecisions.reserveCapacity(capacity)
        chunk.categoryPositions.reserveCapacity(capacity)
        chunk.sourceIDs.reserveCapacity(capacity)
        return chunk
    }

    private func append(_ row: SQLiteStatement, to chunk: inout IncidentFeedChunk) {
        chunk.ids.append(sqlite3_column_int64(row, 0))
        let located = sqlite3_column_type(row, 1) != SQLITE_NULL
        chunk.latitudes.append(located ? sqlite3_column_double(row, 1) : .nan)
        chunk.longitudes.append(located ? sqlite3_column_double(row, 2) : .nan)
        chunk.occurredAt.append(sqlite3_column_double(row, 3))
        chunk.timePrecisions.append(Self.precisions[Int(sqlite3_column_int(row, 4))])
        chunk.categoryPositions.append(UInt8(truncatingIfNeeded: sqlite3_column_int(row, 5)))
        chunk.sourceIDs.append(sqlite3_column_int64(row, 6))
    }

    /// Fills each level's district index for the chunk's incidents from their stored assignments.
    private func assignDistricts(_ chunk: inout IncidentFeedChunk) throws {
        guard let first = chunk.ids.first, let last = chunk.ids.last, !districtCodes.isEmpty else { return }
        var indices = districtCodes.mapValues { _ in [Int32](repeating: -1, count: chunk.count) }
        var position = 0
        try districts.bind(1, first)
        try districts.bind(2, last)
        try districts.forEachRow(db) { row in
            let id = sqlite3_column_int64(row, 0)
            while position < chunk.count && chunk.ids[position] < id { position += 1 }
            guard position < chunk.count, chunk.ids[position] == id else { return }
            let level = String(cString: sqlite3_column_text(row, 1))
            let code = String(cString: sqlite3_column_text(row, 2))
            if let index = indexOfCode[level]?[code] { indices[level]![position] = index }
        }
        chunk.districtIndices = indices
    }
}
