import Foundation

/// A camera's motion summed up over an hour or a day: the cell by cell maximum of its segments' grids, and
/// what its tracks and changes held. Every figure bounds those of the segments under it, so a search drops
/// a whole day or hour that cannot match without reading its segments.
public struct VideoSummary: Hashable, Sendable {
    public static let hour = 3_600
    public static let day = 86_400

    public var cameraID: Int64
    /// 3600 or 86400 seconds.
    public var level: Int
    /// Seconds since 1970, a multiple of `level`.
    public var start: Int
    public var grid: MotionGrid
    public var movingFrames: Int
    public var largestShare: Double
    /// One bit per 45° sector of the tracks' directions (bit 0: 337.5–22.5°, clockwise).
    public var directions: UInt8
    public var longestDwell: Double
    /// One bit per kind of lasting change (left, removed, changed in `SceneChangeKind`'s order).
    public var changes: UInt8
    /// Whether any track starts in the period.
    public var hasTracks: Bool

    public init(
        cameraID: Int64, level: Int, start: Int, grid: MotionGrid = MotionGrid(), movingFrames: Int = 0, largestShare: Double = 0,
        directions: UInt8 = 0, longestDwell: Double = 0, changes: UInt8 = 0, hasTracks: Bool = false
    ) {
        self.cameraID = cameraID
        self.level = level
        self.start = start
        self.grid = grid
        self.movingFrames = movingFrames
        self.largestShare = largestShare
        self.directions = directions
        self.longestDwell = longestDwell
        self.changes = changes
        self.hasTracks = hasTracks
    }

    public static func sector(of direction: Double) -> Int { Int(((direction + 22.5).truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360) / 45) % 8 }

    public static func bit(of kind: SceneChangeKind) -> UInt8 { 1 << UInt8(SceneChangeKind.allCases.firstIndex(of: kind)!) }

    /// Adds what a batch holds for this camera and period.
    public mutating func add(segment: VideoSegmentRecord) {
        grid.formMaximum(segment.grid)
        movingFrames += segment.movingFrames
        largestShare = max(largestShare, segment.largestShare)
    }

    /// A track is filed under the period it starts in, which its segments may not be: the cells its path
    /// crosses are marked (at the least value) so that a search by zone finds the period.
    public mutating func add(track: VideoTrackRecord) {
        if let direction = track.direction { directions |= 1 << UInt8(Self.sector(of: direction)) }
        longestDwell = max(longestDwell, track.dwell)
        hasTracks = true
        for point in track.points {
            let x = min(MotionGrid.side - 1, max(0, Int(Double(point.x) * Double(MotionGrid.side))))
            let y = min(MotionGrid.side - 1, max(0, Int(Double(point.y) * Double(MotionGrid.side))))
            if grid.cells[y * MotionGrid.side + x] == 0 { grid.cells[y * MotionGrid.side + x] = 1 }
        }
    }

    public mutating func add(change: VideoChangeRecord) { changes |= Self.bit(of: change.kind) }

    public mutating func merge(_ other: VideoSummary) {
        grid.formMaximum(other.grid)
        movingFrames += other.movingFrames
        largestShare = max(largestShare, other.largestShare)
        directions |= other.directions
        longestDwell = max(longestDwell, other.longestDwell)
        changes |= other.changes
        hasTracks = hasTracks || other.hasTracks
    }
}

/// What an operator looks for in recordings. Every filter given must hold.
public struct VideoSearchQuery: Hashable, Sendable {
    /// These cameras; every camera when `nil`.
    public var cameras: [Int64]?
    public var from: Date
    public var to: Date
    /// A zone drawn on the image; the whole image when `nil`.
    public var zone: ImageZone?
    /// The least share of a segment's frames some cell of the zone moved in (0–1).
    public var minimumActivity: Double
    /// Objects moving this way (degrees clockwise from the top of the image), give or take `tolerance`.
    public var direction: Double?
    public var tolerance: Double
    /// Objects that stayed in one place at least this many seconds.
    public var minimumDwell: Double?
    /// Objects left or removed, or other lasting changes.
    public var changes: Set<SceneChangeKind>?
    /// The least mean share of the zone moving over a segment (0–1): density.
    public var minimumDensity: Double?
    public var limit: Int

    public init(
        cameras: [Int64]? = nil, from: Date, to: Date, zone: ImageZone? = nil, minimumActivity: Double = 0.05, direction: Double? = nil,
        tolerance: Double = 45, minimumDwell: Double? = nil, changes: Set<SceneChangeKind>? = nil, minimumDensity: Double? = nil,
        limit: Int = 100
    ) {
        self.cameras = cameras
        self.from = from
        self.to = to
        self.zone = zone
        self.minimumActivity = minimumActivity
        self.direction = direction
        self.tolerance = tolerance
        self.minimumDwell = minimumDwell
        self.changes = changes
        self.minimumDensity = minimumDensity
        self.limit = limit
    }

    /// One message per problem.
    public func problems() -> [String] {
        var problems: [String] = []
        if to <= from { problems.append("the period ends before it starts") }
        if !(0...1).contains(minimumActivity) { problems.append("minimum activity must be a share, 0 to 1") }
        if let direction, !(0..<360).contains(direction) { problems.append("direction must be 0 to 360 degrees") }
        if !(0...180).contains(tolerance) { problems.append("tolerance must be 0 to 180 degrees") }
        if let minimumDwell, !(minimumDwell >= 0) { problems.append("dwell must be seconds, 0 or more") }
        if let minimumDensity, !(0...1).contains(minimumDensity) { problems.append("density must be a share, 0 to 1") }
        if !(1...1_000).contains(limit) { problems.append("limit must be 1 to 1000") }
        if let zone {
            if zone.points.count < 3 { problems.append("the zone needs at least 3 points") }
            if zone.points.contains(where: { !(0...1).contains($0.x) || !(0...1).contains($0.y) }) {
                problems.append("the zone has a point outside the image (x and y are shares, 0 to 1)")
            }
        }
        return problems
    }

    /// The search as the audit log keeps it: what was looked for, where, when and why.
    public func auditDescription(cameras: [String], reason: String?) -> String {
        var parts = ["cameras \(cameras.isEmpty ? "all" : cameras.joined(separator: ","))",
            "from \(Int(from.timeIntervalSince1970)) to \(Int(to.timeIntervalSince1970))"]
        if let zone { parts.append("zone " + zone.points.map { String(format: "%.3f,%.3f", $0.x, $0.y) }.joined(separator: ";")) }
        if let direction { parts.append(String(format: "direction %.0f±%.0f", direction, tolerance)) }
        if let minimumDwell { parts.append(String(format: "dwell ≥ %.0f s", minimumDwell)) }
        if let changes { parts.append("changes " + (changes.isEmpty ? "any" : changes.map(\.rawValue).sorted().joined(separator: ","))) }
        if let minimumDensity { parts.append(String(format: "density ≥ %.2f", minimumDensity)) }
        parts.append(String(format: "activity ≥ %.2f", minimumActivity))
        if let reason, !reason.isEmpty { parts.append("reason: \(reason)") }
        return parts.joined(separator: "; ")
    }

    /// What the results are: moments of activity, objects' paths, or lasting changes.
    public var finds: VideoSpan.Reason {
        if changes != nil { return .change }
        if direction != nil || minimumDwell != nil { return .track }
        return .activity
    }
}

/// A moment a search found: a time span on one camera, with what it found there.
public struct VideoSpan: Hashable, Sendable {
    public enum Reason: String, Hashable, Sendable, Codable {
        case activity, track, change
    }

    public var cameraID: Int64
    public var recordingID: Int64
    public var start: Date
    public var end: Date
    public var reason: Reason
    /// The activity (share of frames) in the zone, or the change's kind, or the track's heading and dwell.
    public var detail: String
    /// Where in the image, as shares, when one place.
    public var position: ImagePoint?
    /// The peak activity in the zone over the span (0–1).
    public var activity: Double

    public init(cameraID: Int64, recordingID: Int64, start: Date, end: Date, reason: Reason, detail: String, position: ImagePoint?, activity: Double) {
        self.cameraID = cameraID
        self.recordingID = recordingID
        self.start = start
        self.end = end
        self.reason = reason
        self.detail = detail
        self.position = position
        self.activity = activity
    }

    /// The moment a thumbnail shows: the middle of a span, or when a track entered or a change began.
    public var thumbnailTime: Date { reason == .activity ? start.addingTimeInterval(end.timeIntervalSince(start) / 2) : start }
}

/// What the search read to answer, to show how much the summaries spared.
public struct VideoSearchCost: Hashable, Sendable {
    public var days = 0
    public var hours = 0
    public var segments = 0
    public var tracks = 0
    public var changes = 0
    public init() {}
}

/// Where the motion index is read from.
public protocol VideoIndexReader: Sendable {
    /// Summaries of `level` starting in [from, to) for the cameras (all when `nil`), the latest first.
    func videoSummaries(cameras: [Int64]?, level: Int, from: Date, to: Date) throws -> [VideoSummary]
    /// One camera's segments starting in [from, to), the latest first.
    func videoSegments(camera: Int64, from: Date, to: Date) throws -> [VideoSegmentRecord]
    /// One camera's tracks starting in [from, to), the latest first.
    func videoTracks(camera: Int64, from: Date, to: Date) throws -> [VideoTrackRecord]
    /// One camera's lasting changes starting in [from, to), the latest first.
    func videoChanges(camera: Int64, from: Date, to: Date) throws -> [VideoChangeRecord]
}

/// Searches the motion index, the latest first: days whose summary cannot match are dropped whole, then
/// hours, and only the segments, tracks and changes of the hours left are read.
public struct VideoSearch: Sendable {
    public let query: VideoSearchQuery
    private let cells: [Int]?

    public init(_ query: VideoSearchQuery) {
        self.query = query
        cells = query.zone.map(MotionGrid.cells(of:))
    }

    /// The spans found, at most `query.limit`, the latest first; and what was read.
    public func run(on reader: VideoIndexReader) throws -> (spans: [VideoSpan], cost: VideoSearchCost) {
        var cost = VideoSearchCost()
        var spans: [VideoSpan] = []
        let days = try reader.videoSummaries(
            cameras: query.cameras, level: VideoSummary.day, from: Self.floor(query.from, VideoSummary.day), to: query.to)
        // A day at a time, newest first, every camera of it; within it an hour at a time, every camera of
        // it: so once enough is found, nothing later is left unread.
        var index = days.startIndex
        while index < days.endIndex, spans.count < query.limit {
            let dayStart = days[index].start
            var cameras: [Int64] = []
            while index < days.endIndex, days[index].start == dayStart {
                if may(match: days[index]) { cameras.append(days[index].cameraID) }
                index += 1
            }
            guard !cameras.isEmpty else { continue }
            cost.days += cameras.count
            let day = Date(timeIntervalSince1970: TimeInterval(dayStart))
            let hours = try reader.videoSummaries(
                cameras: cameras, level: VideoSummary.hour, from: max(Self.floor(query.from, VideoSummary.hour), day),
                to: min(query.to, day.addingTimeInterval(TimeInterval(VideoSummary.day))))
            var previous: Int?
            for hour in hours where may(match: hour) {
                if hour.start != previous, spans.count >= query.limit { break }
                previous = hour.start
                cost.hours += 1
                let from = max(query.from, Date(timeIntervalSince1970: TimeInterval(hour.start)))
                let to = min(query.to, Date(timeIntervalSince1970: TimeInterval(hour.start + VideoSummary.hour)))
                spans += try find(camera: hour.cameraID, from: from, to: to, reader: reader, cost: &cost)
            }
        }
        spans.sort { $0.start > $1.start }
        return (Array(spans.prefix(query.limit)), cost)
    }

    static func floor(_ date: Date, _ level: Int) -> Date {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        return Date(timeIntervalSince1970: TimeInterval(seconds - ((seconds % level) + level) % level))
    }

    /// Whether anything under a summary may match: each test bounds the segments' own.
    func may(match summary: VideoSummary) -> Bool {
        if summary.movingFrames == 0 && summary.changes == 0 && !summary.hasTracks { return false }
        switch query.finds {
        case .change:
            guard let kinds = query.changes else { return false }
            let wanted = kinds.isEmpty ? UInt8(7) : kinds.reduce(UInt8(0)) { $0 | VideoSummary.bit(of: $1) }
            return summary.changes & wanted != 0
        case .track:
            if let minimumDwell = query.minimumDwell, summary.longestDwell < minimumDwell { return false }
            if let direction = query.direction, summary.directions & sectors(around: direction) == 0 { return false }
            return summary.hasTracks && summary.grid.peak(in: cells) > 0
        case .activity:
            if summary.grid.peak(in: cells) < query.minimumActivity { return false }
            if let density = query.minimumDensity, mean(of: summary.grid) < density { return false }
            return true
        }
    }

    /// The sectors a direction ± tolerance touches.
    func sectors(around direction: Double) -> UInt8 {
        var bits: UInt8 = 0
        var angle = direction - query.tolerance
        while angle <= direction + query.tolerance {
            bits |= 1 << UInt8(VideoSummary.sector(of: angle))
            angle += 5
        }
        return bits | 1 << UInt8(VideoSummary.sector(of: direction + query.tolerance))
    }

    /// The mean share of the zone's cells.
    func mean(of grid: MotionGrid) -> Double {
        let region = cells ?? Array(0..<MotionGrid.cellCount)
        guard !region.isEmpty else { return 0 }
        return Double(region.reduce(0) { $0 + Int(grid.cells[$1]) }) / Double(region.count) / 255
    }

    private func find(camera: Int64, from: Date, to: Date, reader: VideoIndexReader, cost: inout VideoSearchCost) throws -> [VideoSpan] {
        switch query.finds {
        case .activity:
            let segments = try reader.videoSegments(camera: camera, from: from, to: to)
            cost.segments += segments.count
            return activitySpans(segments)
        case .track:
            let tracks = try reader.videoTracks(camera: camera, from: from, to: to)
            cost.tracks += tracks.count
            return tracks.compactMap(span(of:))
        case .change:
            let changes = try reader.videoChanges(camera: camera, from: from, to: to)
            cost.changes += changes.count
            return changes.compactMap(span(of:))
        }
    }

    /// Segments that match, consecutive ones merged into one span (input and output the latest first).
    func activitySpans(_ segments: [VideoSegmentRecord]) -> [VideoSpan] {
        var spans: [VideoSpan] = []
        for segment in segments {
            let activity = segment.grid.peak(in: cells)
            guard activity >= query.minimumActivity, activity > 0 else { continue }
            if let density = query.minimumDensity, mean(of: segment.grid) < density { continue }
            if var last = spans.last, last.recordingID == segment.recordingID, abs(last.start.timeIntervalSince(segment.end)) < 0.5 {
                last.start = segment.start
                last.activity = max(last.activity, activity)
                last.detail = String(format: "%.0f %%", last.activity * 100)
                spans[spans.count - 1] = last
            } else {
                spans.append(VideoSpan(
                    cameraID: segment.cameraID, recordingID: segment.recordingID, start: segment.start, end: segment.end, reason: .activity,
                    detail: String(format: "%.0f %%", activity * 100), position: nil, activity: activity))
            }
        }
        return spans
    }

    func span(of track: VideoTrackRecord) -> VideoSpan? {
        if let minimumDwell = query.minimumDwell, track.dwell < minimumDwell { return nil }
        if let direction = query.direction {
            guard let heading = track.direction else { return nil }
            let difference = abs((heading - direction + 540).truncatingRemainder(dividingBy: 360) - 180)
            if difference > query.tolerance { return nil }
        }
        var start = track.start
        var position = track.points.first.map { ImagePoint(x: Double($0.x), y: Double($0.y)) }
        if let zone = query.zone {
            guard let entry = track.points.first(where: { zone.contains(ImagePoint(x: Double($0.x), y: Double($0.y))) }) else { return nil }
            start = track.start.addingTimeInterval(Double(entry.offset))
            position = ImagePoint(x: Double(entry.x), y: Double(entry.y))
        }
        var detail = track.direction.map { String(format: "%.0f°", $0) } ?? "—"
        if track.dwell >= 1 { detail += String(format: ", %.0f s", track.dwell) }
        return VideoSpan(
            cameraID: track.cameraID, recordingID: track.recordingID, start: start, end: track.end, reason: .track, detail: detail,
            position: position, activity: 1)
    }

    func span(of change: VideoChangeRecord) -> VideoSpan? {
        if let kinds = query.changes, !kinds.isEmpty, !kinds.contains(change.kind) { return nil }
        if let zone = query.zone, !zone.contains(change.box.centre) { return nil }
        return VideoSpan(
            cameraID: change.cameraID, recordingID: change.recordingID, start: change.start, end: change.end, reason: .change,
            detail: change.kind.rawValue, position: change.box.centre, activity: 1)
    }
}
