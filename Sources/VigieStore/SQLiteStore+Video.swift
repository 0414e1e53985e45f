import Foundation
import GRDB
import VigieCore

extension SQLiteStore: VideoIndexRepository {
    public func addRecording(_ recording: VideoRecording) throws -> VideoRecording {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO video_recording (camera_id, path, started_at, ended_at, width, height, owned) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [recording.cameraID, recording.path, recording.startedAt.timeIntervalSince1970,
                    recording.endedAt.timeIntervalSince1970, recording.width, recording.height, recording.owned])
            var stored = recording
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    public func extendRecording(id: Int64, to end: Date) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE video_recording SET ended_at = max(ended_at, ?) WHERE id = ?", arguments: [end.timeIntervalSince1970, id])
        }
    }

    public func recording(id: Int64) throws -> VideoRecording? {
        try writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM video_recording WHERE id = ?", arguments: [id]).map(Self.recording) }
    }

    public func recordings(camera: Int64, at time: Date) throws -> [VideoRecording] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM video_recording WHERE camera_id = ? AND started_at <= ? AND ended_at >= ? ORDER BY owned DESC, started_at DESC
                """, arguments: [camera, time.timeIntervalSince1970, time.timeIntervalSince1970]).map(Self.recording)
        }
    }

    public func recordings(camera: Int64) throws -> [VideoRecording] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM video_recording WHERE camera_id = ? ORDER BY started_at DESC", arguments: [camera])
                .map(Self.recording)
        }
    }

    public func store(_ batch: VideoIndexBatch) throws {
        var summaries: [SummaryKey: VideoSummary] = [:]
        func summary(_ camera: Int64, _ time: Date, _ body: (inout VideoSummary) -> Void) {
            for level in [VideoSummary.hour, VideoSummary.day] {
                let seconds = Int(time.timeIntervalSince1970.rounded(.down))
                let start = seconds - ((seconds % level) + level) % level
                let key = SummaryKey(camera: camera, level: level, start: start)
                body(&summaries[key, default: VideoSummary(cameraID: camera, level: level, start: start)])
            }
        }
        for segment in batch.segments { summary(segment.cameraID, segment.start) { $0.add(segment: segment) } }
        for track in batch.tracks { summary(track.cameraID, track.start) { $0.add(track: track) } }
        for change in batch.changes { summary(change.cameraID, change.start) { $0.add(change: change) } }
        try writer.write { db in
            let segment = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO video_segment (camera_id, start, end, recording_id, frames, moving_frames, largest_share, grid)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for record in batch.segments {
                try segment.execute(arguments: [record.cameraID, record.start.timeIntervalSince1970, record.end.timeIntervalSince1970,
                    record.recordingID, record.frames, record.movingFrames, record.largestShare, record.grid.packed])
            }
            let track = try db.cachedStatement(sql: """
                INSERT INTO video_track (camera_id, recording_id, start, end, direction, speed, dwell, largest_share, points)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for record in batch.tracks {
                try track.execute(arguments: [record.cameraID, record.recordingID, record.start.timeIntervalSince1970, record.end.timeIntervalSince1970,
                    record.direction, record.speed, record.dwell, record.largestShare, VideoTrackRecord.pack(record.points)])
            }
            let change = try db.cachedStatement(sql: """
                INSERT INTO video_change (camera_id, recording_id, kind, start, end, min_x, min_y, max_x, max_y) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for record in batch.changes {
                try change.execute(arguments: [record.cameraID, record.recordingID, record.kind.rawValue, record.start.timeIntervalSince1970,
                    record.end.timeIntervalSince1970, record.box.minX, record.box.minY, record.box.maxX, record.box.maxY])
            }
            for event in batch.events { try Self.insert(event, db) }
            let read = try db.cachedStatement(sql: """
                SELECT camera_id, level, start, grid, moving_frames, largest_share, directions, longest_dwell, changes, has_tracks
                FROM video_summary WHERE level = ? AND start = ? AND camera_id = ?
                """)
            let write = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO video_summary
                    (camera_id, level, start, grid, moving_frames, largest_share, directions, longest_dwell, changes, has_tracks)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (key, var summary) in summaries {
                if let row = try Row.fetchOne(read, arguments: [key.level, key.start, key.camera]) { summary.merge(Self.summary(row)) }
                try write.execute(arguments: [summary.cameraID, summary.level, summary.start, summary.grid.packed, summary.movingFrames,
                    summary.largestShare, Int(summary.directions), summary.longestDwell, Int(summary.changes), summary.hasTracks])
            }
        }
    }

    private struct SummaryKey: Hashable {
        let camera: Int64
        let level: Int
        let start: Int
    }

    // The search reads these by the thousand: columns by position, rows through a cursor.

    public func videoSummaries(cameras: [Int64]?, level: Int, from: Date, to: Date) throws -> [VideoSummary] {
        try writer.read { db in
            var sql = """
                SELECT camera_id, level, start, grid, moving_frames, largest_share, directions, longest_dwell, changes, has_tracks
                FROM video_summary WHERE level = ? AND start >= ? AND start < ?
                """
            var arguments: StatementArguments = [level, Int(from.timeIntervalSince1970.rounded(.down)), Int(to.timeIntervalSince1970.rounded(.up))]
            if let cameras {
                sql += " AND camera_id IN (\(cameras.map { _ in "?" }.joined(separator: ",")))"
                arguments += StatementArguments(cameras)
            }
            return try Array(Row.fetchCursor(db, sql: sql + " ORDER BY start DESC, camera_id", arguments: arguments).map(Self.summary))
        }
    }

    public func videoSegments(camera: Int64, from: Date, to: Date) throws -> [VideoSegmentRecord] {
        try writer.read { db in
            try Array(Row.fetchCursor(db, sql: """
                SELECT camera_id, recording_id, start, end, frames, moving_frames, largest_share, grid FROM video_segment
                WHERE camera_id = ? AND start >= ? AND start < ? ORDER BY start DESC
                """, arguments: [camera, from.timeIntervalSince1970, to.timeIntervalSince1970]).map { row in
                VideoSegmentRecord(
                    cameraID: row[0], recordingID: row[1], start: Date(timeIntervalSince1970: row[2]), end: Date(timeIntervalSince1970: row[3]),
                    frames: row[4], movingFrames: row[5], largestShare: row[6], grid: MotionGrid(packed: row[7]))
            })
        }
    }

    public func videoTracks(camera: Int64, from: Date, to: Date) throws -> [VideoTrackRecord] {
        try writer.read { db in
            try Array(Row.fetchCursor(db, sql: """
                SELECT id, camera_id, recording_id, start, end, direction, speed, dwell, largest_share, points FROM video_track
                WHERE camera_id = ? AND start >= ? AND start < ? ORDER BY start DESC
                """, arguments: [camera, from.timeIntervalSince1970, to.timeIntervalSince1970]).map { row in
                VideoTrackRecord(
                    id: row[0], cameraID: row[1], recordingID: row[2], start: Date(timeIntervalSince1970: row[3]),
                    end: Date(timeIntervalSince1970: row[4]), direction: row[5], speed: row[6], dwell: row[7], largestShare: row[8],
                    points: VideoTrackRecord.unpack(row[9]))
            })
        }
    }

    public func videoChanges(camera: Int64, from: Date, to: Date) throws -> [VideoChangeRecord] {
        try writer.read { db in
            try Array(Row.fetchCursor(db, sql: """
                SELECT camera_id, recording_id, kind, start, end, min_x, min_y, max_x, max_y FROM video_change
                WHERE camera_id = ? AND start >= ? AND start < ? ORDER BY start DESC
                """, arguments: [camera, from.timeIntervalSince1970, to.timeIntervalSince1970]).map { row in
                VideoChangeRecord(
                    cameraID: row[0], recordingID: row[1], kind: SceneChangeKind(rawValue: row[2]) ?? .changed,
                    start: Date(timeIntervalSince1970: row[3]), end: Date(timeIntervalSince1970: row[4]),
                    box: ImageBox(minX: row[5], minY: row[6], maxX: row[7], maxY: row[8]))
            })
        }
    }

    // MARK: Rules and events

    public func addVideoRule(_ rule: VideoRule) throws -> VideoRule {
        try writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM camera WHERE id = ?", arguments: [rule.cameraID]) else {
                throw StoreError.invalidCamera("#\(rule.cameraID)", ["there is no such camera"])
            }
            let camera = Self.camera(row)
            let problems = rule.problems(camera: camera)
            guard problems.isEmpty else { throw StoreError.invalidCamera(camera.name, problems) }
            try db.execute(sql: """
                INSERT INTO video_rule (camera_id, kind, zone, direction, threshold, legal_basis, enabled_by, enabled_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [rule.cameraID, rule.kind.rawValue, rule.zone, rule.direction, rule.threshold, rule.legalBasis, rule.enabledBy,
                    rule.enabledAt.timeIntervalSince1970, rule.expiresAt.timeIntervalSince1970])
            var stored = rule
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    public func videoRules(camera: Int64?) throws -> [VideoRule] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM video_rule WHERE ?1 IS NULL OR camera_id = ?1 ORDER BY id", arguments: [camera]).map { row in
                VideoRule(
                    id: row["id"], cameraID: row["camera_id"], kind: VideoRuleKind(rawValue: row["kind"]) ?? .intrusion, zone: row["zone"],
                    direction: row["direction"], threshold: row["threshold"], legalBasis: row["legal_basis"], enabledBy: row["enabled_by"],
                    enabledAt: Date(timeIntervalSince1970: row["enabled_at"]), expiresAt: Date(timeIntervalSince1970: row["expires_at"]),
                    disabledAt: (row["disabled_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
            }
        }
    }

    public func disableVideoRule(id: Int64, at time: Date) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "UPDATE video_rule SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL", arguments: [time.timeIntervalSince1970, id])
            return db.changesCount > 0
        }
    }

    private static func insert(_ event: VideoEvent, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO video_event (camera_id, rule_id, recording_id, kind, zone, time, end, x, y, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [event.cameraID, event.ruleID, event.recordingID, event.kind.rawValue, event.zone, event.time.timeIntervalSince1970,
                event.end.timeIntervalSince1970, event.position?.x, event.position?.y, event.detail])
    }

    public func videoEvents(status: VideoEventStatus?, camera: Int64?, limit: Int) throws -> [VideoEvent] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM video_event WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR camera_id = ?2) ORDER BY time DESC LIMIT ?3
                """, arguments: [status?.rawValue, camera, limit]).map(Self.event)
        }
    }

    public func videoEvent(id: Int64) throws -> VideoEvent? {
        try writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM video_event WHERE id = ?", arguments: [id]).map(Self.event) }
    }

    public func reviewVideoEvent(id: Int64, status: VideoEventStatus, by: String, note: String?, at time: Date) throws -> Bool {
        guard status != .pending else { return false }
        return try writer.write { db in
            try db.execute(sql: """
                UPDATE video_event SET status = ?, reviewed_by = ?, reviewed_at = ?, note = ? WHERE id = ? AND status = 'pending'
                """, arguments: [status.rawValue, by, time.timeIntervalSince1970, note, id])
            return db.changesCount > 0
        }
    }

    // MARK: Attention and retention

    public func attention(now: Date, window: TimeInterval) throws -> [CameraAttention] {
        let cameras = try cameras()
        return try writer.read { db in
            try cameras.compactMap { camera -> CameraAttention? in
                guard let id = camera.id else { return nil }
                let recent = try Row.fetchOne(db, sql: """
                    SELECT avg(CAST(moving_frames AS REAL) / max(frames, 1)), max(end) FROM video_segment
                    WHERE camera_id = ? AND start >= ? AND start < ?
                    """, arguments: [id, now.addingTimeInterval(-window).timeIntervalSince1970, now.timeIntervalSince1970])
                let usual = try Double.fetchOne(db, sql: """
                    SELECT avg(CAST(moving_frames AS REAL) / max(frames, 1)) FROM video_segment WHERE camera_id = ? AND start >= ? AND start < ?
                    """, arguments: [id, now.addingTimeInterval(-86_400 - window).timeIntervalSince1970,
                        now.addingTimeInterval(-window).timeIntervalSince1970])
                let pending = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM video_event WHERE camera_id = ? AND status = 'pending' AND time >= ?
                    """, arguments: [id, now.addingTimeInterval(-max(window, 900)).timeIntervalSince1970]) ?? 0
                let lastSeen = try Double.fetchOne(db, sql: "SELECT max(end) FROM video_segment WHERE camera_id = ?", arguments: [id])
                return CameraAttention(
                    camera: camera, recent: recent?[0] ?? 0, usual: usual ?? 0, pendingEvents: pending,
                    lastSeen: lastSeen.map(Date.init(timeIntervalSince1970:)))
            }
        }.sorted { ($0.score, $0.camera.name) > ($1.score, $1.camera.name) }
    }

    public func purgeVideo(now: Date) throws -> VideoPurge {
        var purge = VideoPurge()
        for camera in try cameras() {
            guard let id = camera.id else { continue }
            let cutoff = now.addingTimeInterval(-Double(camera.retentionDays) * 86_400).timeIntervalSince1970
            try writer.write { db in
                for (table, column, keyPath) in [
                    ("video_segment", "start", \VideoPurge.segments), ("video_track", "start", \.tracks), ("video_change", "start", \.changes),
                    ("video_event", "time", \.events),
                ] as [(String, String, WritableKeyPath<VideoPurge, Int>)] {
                    try db.execute(sql: "DELETE FROM \(table) WHERE camera_id = ? AND \(column) < ?", arguments: [id, cutoff])
                    purge[keyPath: keyPath] += db.changesCount
                }
                // A summary goes once the whole of its period is past.
                try db.execute(sql: "DELETE FROM video_summary WHERE camera_id = ? AND start + level <= ?", arguments: [id, cutoff])
                purge.files += try String.fetchAll(db, sql: """
                    SELECT path FROM video_recording WHERE camera_id = ? AND ended_at < ? AND owned
                    """, arguments: [id, cutoff])
                try db.execute(sql: "DELETE FROM video_recording WHERE camera_id = ? AND ended_at < ?", arguments: [id, cutoff])
                purge.recordings += db.changesCount
            }
        }
        return purge
    }

    // MARK: Rows

    private static func recording(_ row: Row) -> VideoRecording {
        VideoRecording(
            id: row["id"], cameraID: row["camera_id"], path: row["path"], startedAt: Date(timeIntervalSince1970: row["started_at"]),
            endedAt: Date(timeIntervalSince1970: row["ended_at"]), width: row["width"], height: row["height"], owned: row["owned"])
    }

    /// A summary row, its columns in the order `videoSummaries` selects them.
    private static func summary(_ row: Row) -> VideoSummary {
        VideoSummary(
            cameraID: row[0], level: row[1], start: row[2], grid: MotionGrid(packed: row[3]), movingFrames: row[4], largestShare: row[5],
            directions: UInt8(truncatingIfNeeded: row[6] as Int), longestDwell: row[7], changes: UInt8(truncatingIfNeeded: row[8] as Int),
            hasTracks: row[9])
    }

    private static func event(_ row: Row) -> VideoEvent {
        let x: Double? = row["x"], y: Double? = row["y"]
        return VideoEvent(
            id: row["id"], cameraID: row["camera_id"], ruleID: row["rule_id"], recordingID: row["recording_id"],
            kind: VideoRuleKind(rawValue: row["kind"]) ?? .intrusion, zone: row["zone"], time: Date(timeIntervalSince1970: row["time"]),
            end: Date(timeIntervalSince1970: row["end"]), position: x.flatMap { x in y.map { ImagePoint(x: x, y: $0) } }, detail: row["detail"],
            status: VideoEventStatus(rawValue: row["status"]) ?? .pending, reviewedBy: row["reviewed_by"],
            reviewedAt: (row["reviewed_at"] as Double?).map(Date.init(timeIntervalSince1970:)), note: row["note"])
    }
}
