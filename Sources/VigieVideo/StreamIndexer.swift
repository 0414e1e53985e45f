import Foundation
import VigieCore

/// What indexing found, in seconds from the start of the recording and in pixels of the analysed frames.
public struct VideoIndex: Sendable {
    public struct Segment: Sendable, Hashable {
        public var start: Double
        public var end: Double
        public var frames: Int
        public var grid: MotionGrid
        /// Frames with something moving.
        public var movingFrames: Int
        /// The largest share of the frame moving at once.
        public var largestShare: Double
    }

    /// A region that changed and stayed changed: an object left, or one removed.
    public struct Change: Sendable, Hashable {
        public var kind: SceneChangeKind
        /// When the object came to rest (left), or when it went (removed), or the change was first seen.
        public var start: Double
        public var end: Double
        public var box: Blob
    }

    /// An event a camera rule raised.
    public struct Event: Sendable, Hashable {
        public var rule: VideoRule
        public var time: Double
        public var end: Double
        public var x: Double
        public var y: Double
        public var detail: String
    }

    public var width: Int
    public var height: Int
    public var frames: Int
    public var segments: [Segment] = []
    /// Tracks seen in at least the indexer's `minimumTrackFrames` frames.
    public var tracks: [Track] = []
    public var changes: [Change] = []
    public var events: [Event] = []
    /// Times the scene changed as a whole (camera moved, covered, lights switched).
    public var sceneChanges: [Double] = []

    public init(width: Int, height: Int, frames: Int = 0) {
        self.width = width
        self.height = height
        self.frames = frames
    }

    /// When something travelled across the image: the moments of tracks that covered at least
    /// `minimumTravel` of the image width in all, at which they moved more than `minimumMove` of it within a
    /// second either side; merged into spans. A person shifting on the spot or a flickering patch does not
    /// travel; a car or a walker does.
    public func movingSpans(minimumTravel: Double = 0.05, minimumMove: Double = 0.05) -> [ClosedRange<Double>] {
        let (travel, move) = (minimumTravel * Double(width), minimumMove * Double(width))
        var times: [Double] = []
        for track in tracks {
            let points = track.points
            guard let first = points.first, points.contains(where: { hypot($0.x - first.x, $0.y - first.y) >= travel }) else { continue }
            // The points within a second either side, as a window sliding along the track (points are in time order).
            var (lower, upper) = (0, 0)
            for point in points {
                while points[lower].time < point.time - 1 { lower += 1 }
                while upper + 1 < points.count, points[upper + 1].time <= point.time + 1 { upper += 1 }
                if points[lower...upper].contains(where: { hypot($0.x - point.x, $0.y - point.y) > move }) { times.append(point.time) }
            }
        }
        var spans: [ClosedRange<Double>] = []
        for time in times.sorted() {
            if let last = spans.last, time - last.upperBound <= 0.5 {
                spans[spans.count - 1] = last.lowerBound...time
            } else {
                spans.append(time...time)
            }
        }
        return spans
    }

    mutating func append(_ other: VideoIndex) {
        frames += other.frames
        segments += other.segments
        tracks += other.tracks
        changes += other.changes
        events += other.events
        sceneChanges += other.sceneChanges
    }

    /// The index as the store keeps it: absolute times from the recording's start, positions as shares.
    public func batch(recording: VideoRecording, camera: Camera) -> VideoIndexBatch {
        guard let recordingID = recording.id, let cameraID = camera.id else { return VideoIndexBatch() }
        let (w, h) = (Double(width), Double(height))
        func at(_ offset: Double) -> Date { recording.startedAt.addingTimeInterval(offset) }
        return VideoIndexBatch(
            segments: segments.map {
                VideoSegmentRecord(
                    cameraID: cameraID, recordingID: recordingID, start: at($0.start), end: at($0.end), frames: $0.frames,
                    movingFrames: $0.movingFrames, largestShare: $0.largestShare, grid: $0.grid)
            },
            tracks: tracks.map { track in
                VideoTrackRecord(
                    cameraID: cameraID, recordingID: recordingID, start: at(track.firstTime), end: at(track.lastTime), direction: track.direction,
                    speed: track.meanSpeed / w, dwell: track.dwell(radius: w / 40), largestShare: Double(track.largestArea) / (w * h),
                    points: track.points.map { .init(offset: Float($0.time - track.firstTime), x: Float($0.x / w), y: Float($0.y / h)) })
            },
            changes: changes.map {
                VideoChangeRecord(
                    cameraID: cameraID, recordingID: recordingID, kind: $0.kind, start: at($0.start), end: at($0.end),
                    box: ImageBox(minX: Double($0.box.minX) / w, minY: Double($0.box.minY) / h, maxX: Double($0.box.maxX + 1) / w, maxY: Double($0.box.maxY + 1) / h))
            },
            // A rule raises events only for moments within the period it was enabled for: footage indexed
            // afterwards is not judged by a rule enabled later.
            events: events.filter { $0.rule.isActive(at: at($0.time)) }.map {
                VideoEvent(
                    cameraID: cameraID, ruleID: $0.rule.id, recordingID: recordingID, kind: $0.rule.kind, zone: $0.rule.zone, time: at($0.time),
                    end: at($0.end), position: ImagePoint(x: $0.x / w, y: $0.y / h), detail: $0.detail)
            })
    }
}

/// Indexes frames as they come, from a file or a live stream: motion, tracks, lasting changes, segment grids,
/// and the events of the camera's enabled rules. Whatever is complete is handed back by `process` and
/// `finish`, so a live stream stores its index as it goes.
public final class StreamIndexer {
    public let width: Int
    public let height: Int
    public let segmentSeconds: Double
    public let minimumTrackFrames: Int
    /// Seconds a change must last to be kept.
    public var minimumChangeSeconds = 5.0
    private let detector: MotionDetector
    private let tracker: Tracker
    private var rules: [RuleState]
    private let zones: [ImageZone]
    private var builder: MotionGridBuilder
    private var segment: VideoIndex.Segment
    /// Changes under way, not yet long enough or not yet over.
    private(set) var candidates: [ChangeCandidate] = []
    /// Tracks ended lately, to tell what a change came from.
    private var recentTracks: [Track] = []
    /// The last frame's time and the gap before it, so that the last segment ends with the recording.
    private var lastTime = 0.0
    private var lastGap = 0.0

    /// `rules` are the camera's rules running now, `zones` the camera's zones they name; `ignored` its
    /// privacy masks rasterised at the frame size.
    public init(
        width: Int, height: Int, settings: MotionSettings = MotionSettings(), ignored: [UInt8]? = nil, segmentSeconds: Double = 10,
        minimumTrackFrames: Int = 5, rules: [VideoRule] = [], zones: [ImageZone] = []
    ) {
        self.width = width
        self.height = height
        self.segmentSeconds = max(1, segmentSeconds)
        self.minimumTrackFrames = minimumTrackFrames
        detector = MotionDetector(width: width, height: height, settings: settings, ignored: ignored)
        tracker = Tracker(maximumDistance: Double(width) / 8, maximumMissing: 3)
        builder = MotionGridBuilder(width: width, height: height)
        segment = VideoIndex.Segment(start: 0, end: segmentSeconds, frames: 0, grid: MotionGrid(), movingFrames: 0, largestShare: 0)
        self.zones = zones
        self.rules = []
        update(rules: rules)
    }

    /// Runs these rules from now on (a live stream's rules expire, or are enabled, while it is followed);
    /// a rule that goes on keeps what it was following.
    public func update(rules: [VideoRule]) {
        self.rules = rules.map { rule in
            if let state = self.rules.first(where: { $0.rule == rule }) { return state }
            let zone = rule.zone.flatMap { name in zones.first { $0.name == name } }
            return RuleState(rule: rule, zone: zone.map { ZoneRaster($0, width: width, height: height) })
        }
    }

    /// Takes one frame; returns what it completed.
    public func process(_ frame: GrayFrame) -> VideoIndex {
        var out = VideoIndex(width: width, height: height, frames: 1)
        if frame.time > lastTime { lastGap = frame.time - lastTime }
        lastTime = frame.time
        while frame.time >= segment.end { closeSegment(into: &out) }
        let result = detector.process(frame)
        if result.sceneChange {
            out.sceneChanges.append(frame.time)
            candidates.removeAll()
        }
        builder.add(result.moving)
        segment.frames += 1
        if !result.moving.isEmpty {
            segment.movingFrames += 1
            segment.largestShare = max(segment.largestShare, result.changedShare)
        }
        let ended = tracker.update(result.moving, time: frame.time)
        recentTracks = recentTracks.filter { frame.time - $0.lastTime < 30 } + ended
        out.tracks += ended.filter { $0.points.count >= minimumTrackFrames }
        for track in ended { keepRest(of: track, into: &out) }
        followChanges(result.stationary, time: frame.time, into: &out)
        for state in rules { out.events += state.observe(time: frame.time, result: result, tracks: tracker.current, indexer: self) }
        return out
    }

    /// Ends the recording: the segment under way, the tracks and changes still open.
    public func finish() -> VideoIndex {
        var out = VideoIndex(width: width, height: height)
        if segment.frames > 0 {
            // The recording ends within this segment: so does the segment.
            segment.end = min(segment.end, lastTime + lastGap)
            closeSegment(into: &out)
        }
        let ended = tracker.finish()
        recentTracks += ended
        out.tracks += ended.filter { $0.points.count >= minimumTrackFrames }
        for track in ended { keepRest(of: track, into: &out) }
        for candidate in candidates { keep(candidate, into: &out) }
        candidates.removeAll()
        return out
    }

    /// Indexes a whole recording.
    public func index(frames next: () throws -> GrayFrame?) throws -> VideoIndex {
        var index = VideoIndex(width: width, height: height)
        while let frame = try next() { index.append(process(frame)) }
        index.append(finish())
        index.tracks.sort { $0.firstTime < $1.firstTime }
        return index
    }

    private func closeSegment(into out: inout VideoIndex) {
        segment.grid = builder.grid()
        out.segments.append(segment)
        builder = MotionGridBuilder(width: width, height: height)
        segment = VideoIndex.Segment(
            start: segment.end, end: segment.end + segmentSeconds, frames: 0, grid: MotionGrid(), movingFrames: 0, largestShare: 0)
    }

    // MARK: Changes that stay: objects left or removed

    struct ChangeCandidate {
        var box: Blob
        var first: Double
        var last: Double
        var reported = false
    }

    private func followChanges(_ stationary: [Blob], time: Double, into out: inout VideoIndex) {
        var seen = Set<Int>()
        for blob in stationary where blob.area >= 4 * detector.settings.minimumArea {
            if let index = candidates.indices.first(where: { !seen.contains($0) && Self.overlap(candidates[$0].box, blob) >= 0.3 }) {
                candidates[index].box = blob
                candidates[index].last = time
                seen.insert(index)
            } else {
                candidates.append(ChangeCandidate(box: blob, first: time, last: time))
                seen.insert(candidates.count - 1)
            }
        }
        // A change unseen for 2 s is over.
        var open: [ChangeCandidate] = []
        for candidate in candidates {
            if time - candidate.last > 2 { keep(candidate, into: &out) } else { open.append(candidate) }
        }
        candidates = open
    }

    /// Tracks whose rest became a change, so that the same object is not kept twice once the backgrounds
    /// take it in.
    private var restingTracks = Set<Int>()

    private func keepRest(of track: Track, into out: inout VideoIndex) {
        guard let rest = resting(track, minimum: minimumChangeSeconds), let last = track.points.last else { return }
        restingTracks.insert(track.id)
        let side = max(2, Int(Double(track.largestArea).squareRoot()))
        let box = Blob(
            minX: max(0, Int(last.x) - side / 2), minY: max(0, Int(last.y) - side), maxX: min(width - 1, Int(last.x) + side / 2),
            maxY: min(height - 1, Int(last.y)), area: track.largestArea, centroidX: last.x, centroidY: last.y - Double(side) / 2)
        out.changes.append(VideoIndex.Change(kind: rest.kind, start: rest.start, end: last.time, box: box))
    }

    private func keep(_ candidate: ChangeCandidate, into out: inout VideoIndex) {
        guard candidate.last - candidate.first >= minimumChangeSeconds else { return }
        let (kind, start, track) = origin(of: candidate)
        if let track, restingTracks.contains(track) { return }
        out.changes.append(VideoIndex.Change(kind: kind, start: start, end: candidate.last, box: candidate.box))
    }

    /// Whether a track has rested at least `minimum` seconds at its end: an object left when it came from
    /// elsewhere (from when it stopped); one removed when it never moved and another set off from its place
    /// as it appeared (the ground uncovered); otherwise a change in place.
    func resting(_ track: Track, minimum: Double) -> (kind: SceneChangeKind, start: Double)? {
        guard track.points.count >= minimumTrackFrames, let last = track.points.last else { return nil }
        let radius = Double(width) / 40
        let rest = Self.restTime(of: track, radius: radius)
        guard last.time - rest >= minimum else { return nil }
        if track.points.contains(where: { hypot($0.x - last.x, $0.y - last.y) > radius * 2 }) { return (.left, rest) }
        let first = track.points[0]
        let departed = (recentTracks + tracker.current).contains { other in
            guard other.id != track.id, let start = other.points.first, let end = other.points.last else { return false }
            return abs(other.firstTime - track.firstTime) <= 2 && hypot(start.x - first.x, start.y - first.y) <= 3 * radius
                && hypot(end.x - first.x, end.y - first.y) > 3 * radius
        }
        return (departed ? .removed : .changed, track.firstTime)
    }

    /// Whether a change is an object left (a track came to rest in it), one removed (a track set off from
    /// it), or neither; when that happened; and the track it came from.
    func origin(of candidate: ChangeCandidate) -> (SceneChangeKind, Double, Int?) {
        let margin = Double(width) / 40
        func inside(_ point: Track.Point) -> Bool {
            point.x >= Double(candidate.box.minX) - margin && point.x <= Double(candidate.box.maxX) + margin
                && point.y >= Double(candidate.box.minY) - margin && point.y <= Double(candidate.box.maxY) + margin
        }
        let tracks = recentTracks + tracker.current
        // Arrived: the track's last point is in the box and it ended before the change was seen.
        let arrivals = tracks.filter { track in
            guard let last = track.points.last, track.points.count >= 3 else { return false }
            return inside(last) && track.firstTime <= candidate.first
        }
        if let track = arrivals.max(by: { $0.lastTime < $1.lastTime }) {
            return (.left, Self.restTime(of: track, radius: margin), track.id)
        }
        let departures = tracks.filter { track in
            guard let first = track.points.first, track.points.count >= 3 else { return false }
            return inside(first) && track.firstTime <= candidate.first && track.firstTime >= candidate.first - 30
        }
        if let track = departures.max(by: { $0.firstTime < $1.firstTime }) { return (.removed, track.firstTime, track.id) }
        return (.changed, candidate.first, nil)
    }

    /// When a track came to rest: the start of its last run of points that fits in a square of side
    /// 2 × `radius` (an object taken in by the background shrinks, and its foot drifts a little).
    static func restTime(of track: Track, radius: Double) -> Double {
        guard let last = track.points.last else { return 0 }
        var (minX, maxX, minY, maxY) = (last.x, last.x, last.y, last.y)
        var time = last.time
        for point in track.points.reversed() {
            minX = min(minX, point.x); maxX = max(maxX, point.x)
            minY = min(minY, point.y); maxY = max(maxY, point.y)
            if maxX - minX > 2 * radius || maxY - minY > 2 * radius { break }
            time = point.time
        }
        return time
    }

    /// Intersection over the smaller box.
    static func overlap(_ a: Blob, _ b: Blob) -> Double {
        let w = min(a.maxX, b.maxX) - max(a.minX, b.minX) + 1, h = min(a.maxY, b.maxY) - max(a.minY, b.minY) + 1
        guard w > 0, h > 0 else { return 0 }
        let smaller = min((a.maxX - a.minX + 1) * (a.maxY - a.minY + 1), (b.maxX - b.minX + 1) * (b.maxY - b.minY + 1))
        return Double(w * h) / Double(max(smaller, 1))
    }

}

/// A zone rasterised at the frame size, with its running sums, so that the share of a box inside it costs
/// four reads.
struct ZoneRaster {
    let zone: ImageZone
    let width: Int
    let height: Int
    private let sums: [Int]
    let area: Int

    init(_ zone: ImageZone, width: Int, height: Int) {
        self.zone = zone
        self.width = width
        self.height = height
        let raster = zone.raster(width: width, height: height)
        var sums = [Int](repeating: 0, count: (width + 1) * (height + 1))
        for y in 0..<height {
            var row = 0
            for x in 0..<width {
                row += Int(raster[y * width + x])
                sums[(y + 1) * (width + 1) + x + 1] = sums[y * (width + 1) + x + 1] + row
            }
        }
        self.sums = sums
        area = sums[(width + 1) * (height + 1) - 1]
    }

    /// Zone pixels inside a blob's box.
    func count(in blob: Blob) -> Int {
        let (x0, y0, x1, y1) = (blob.minX, blob.minY, blob.maxX + 1, blob.maxY + 1)
        let stride = width + 1
        return sums[y1 * stride + x1] - sums[y0 * stride + x1] - sums[y1 * stride + x0] + sums[y0 * stride + x0]
    }

    func contains(x: Double, y: Double) -> Bool {
        zone.contains(ImagePoint(x: x / Double(width), y: y / Double(height)))
    }
}

/// One enabled rule following the frames.
final class RuleState {
    let rule: VideoRule
    let zone: ZoneRaster?
    private var reportedTracks = Set<Int>()
    private var reportedChanges: [Blob] = []
    /// Density: when the zone went over the threshold; when it was last over.
    private var overSince: Double?
    private var lastOver = -Double.infinity
    private var armed = true
    /// Crowd movement: the moving share of the zone, frame by frame, over the last seconds.
    private var history: [(time: Double, share: Double)] = []
    private var lastCrowd = -Double.infinity

    init(rule: VideoRule, zone: ZoneRaster?) {
        self.rule = rule
        self.zone = zone
    }

    func observe(time: Double, result: MotionResult, tracks: [Track], indexer: StreamIndexer) -> [VideoIndex.Event] {
        switch rule.kind {
        case .intrusion: return intrusions(tracks)
        case .wrongDirection: return wrongWays(tracks, width: Double(indexer.width))
        case .density: return density(time: time, blobs: result.moving + result.stationary, width: indexer.width, height: indexer.height)
        case .crowdMovement: return crowd(time: time, blobs: result.moving, width: indexer.width, height: indexer.height)
        case .objectLeft: return objectsLeft(time: time, tracks: tracks, indexer: indexer)
        }
    }

    private func inside(_ point: Track.Point) -> Bool { zone?.contains(x: point.x, y: point.y) ?? true }

    /// A track whose last two points are in the zone; the event is when its run inside began.
    private func intrusions(_ tracks: [Track]) -> [VideoIndex.Event] {
        var events: [VideoIndex.Event] = []
        for track in tracks where !reportedTracks.contains(track.id) && track.points.count >= 3 {
            let points = track.points
            guard inside(points[points.count - 1]), inside(points[points.count - 2]) else { continue }
            var first = points.count - 1
            while first > 0, inside(points[first - 1]) { first -= 1 }
            reportedTracks.insert(track.id)
            let entry = points[first]
            events.append(VideoIndex.Event(rule: rule, time: entry.time, end: points[points.count - 1].time, x: entry.x, y: entry.y, detail: "entered"))
        }
        return events
    }

    /// A track going against the permitted direction (more than 120° off it) over a distance of at least
    /// 1/20 of the image width inside the zone; the event is when it entered the zone.
    private func wrongWays(_ tracks: [Track], width: Double) -> [VideoIndex.Event] {
        guard let permitted = rule.direction else { return [] }
        let (px, py) = (sin(permitted * .pi / 180), -cos(permitted * .pi / 180))
        var events: [VideoIndex.Event] = []
        for track in tracks where !reportedTracks.contains(track.id) && track.points.count >= 5 {
            let points = track.points
            guard inside(points[points.count - 1]) else { continue }
            var first = points.count - 1
            while first > 0, inside(points[first - 1]) { first -= 1 }
            let (start, last) = (points[first], points[points.count - 1])
            let (dx, dy) = (last.x - start.x, last.y - start.y)
            let distance = hypot(dx, dy)
            guard distance >= width / 20, (dx * px + dy * py) / distance < -0.5 else { continue }
            reportedTracks.insert(track.id)
            var heading = atan2(dx, -dy) * 180 / .pi
            if heading < 0 { heading += 360 }
            events.append(VideoIndex.Event(
                rule: rule, time: start.time, end: last.time, x: start.x, y: start.y, detail: String(format: "heading %.0f°", heading)))
        }
        return events
    }

    /// The share of the zone (or image) that moving and resting regions cover.
    private func occupancy(_ blobs: [Blob], width: Int, height: Int) -> Double {
        var covered = 0.0
        for blob in blobs {
            let box = Double((blob.maxX - blob.minX + 1) * (blob.maxY - blob.minY + 1))
            let inZone = zone.map { Double($0.count(in: blob)) } ?? box
            covered += Double(blob.area) * inZone / max(box, 1)
        }
        return min(1, covered / Double(max(zone?.area ?? width * height, 1)))
    }

    /// The zone occupied above the threshold for 2 s; once raised, it is raised again only after 10 s below.
    private func density(time: Double, blobs: [Blob], width: Int, height: Int) -> [VideoIndex.Event] {
        let share = occupancy(blobs, width: width, height: height)
        let threshold = rule.effectiveThreshold
        if share >= threshold {
            if overSince == nil { overSince = time }
            lastOver = time
        } else if share < 0.8 * threshold {
            overSince = nil
            if time - lastOver >= 10 { armed = true }
        }
        guard armed, let since = overSince, time - since >= 2 else { return [] }
        armed = false
        return [VideoIndex.Event(
            rule: rule, time: since, end: time, x: Double(width) / 2, y: Double(height) / 2, detail: String(format: "%.0f %% occupied", share * 100))]
    }

    /// The moving share of the zone jumping over the threshold within 3 s from under a third of it.
    private func crowd(time: Double, blobs: [Blob], width: Int, height: Int) -> [VideoIndex.Event] {
        let share = occupancy(blobs, width: width, height: height)
        history.append((time, share))
        history.removeAll { time - $0.time > 8 }
        let threshold = rule.effectiveThreshold
        let recent = history.filter { time - $0.time <= 1 }
        let before = history.filter { time - $0.time >= 5 }
        guard time - lastCrowd > 30, !before.isEmpty, !recent.isEmpty else { return [] }
        let now = recent.map(\.share).reduce(0, +) / Double(recent.count)
        let earlier = before.map(\.share).reduce(0, +) / Double(before.count)
        guard now >= threshold, earlier < threshold / 3 else { return [] }
        lastCrowd = time
        let start = history.first { $0.time > before.last!.time && $0.share >= threshold / 2 }?.time ?? time
        return [VideoIndex.Event(
            rule: rule, time: start, end: time, x: Double(width) / 2, y: Double(height) / 2,
            detail: String(format: "%.0f %% of the zone set moving", now * 100))]
    }

    /// An object resting longer than the threshold in the zone, left or removed: first while it is still
    /// followed as a track, then as a change the backgrounds keep; the event is when it came to rest.
    private func objectsLeft(time: Double, tracks: [Track], indexer: StreamIndexer) -> [VideoIndex.Event] {
        var events: [VideoIndex.Event] = []
        let threshold = rule.effectiveThreshold
        for track in tracks where !reportedTracks.contains(track.id) {
            guard let rest = indexer.resting(track, minimum: threshold), rest.kind != .changed, let last = track.points.last, inside(last) else { continue }
            reportedTracks.insert(track.id)
            events.append(VideoIndex.Event(rule: rule, time: rest.start, end: time, x: last.x, y: last.y, detail: rest.kind.rawValue))
        }
        // A change once reported and now gone frees its place.
        reportedChanges.removeAll { box in !indexer.candidates.contains { StreamIndexer.overlap($0.box, box) >= 0.3 } }
        for candidate in indexer.candidates where time - candidate.first >= 2 {
            let box = candidate.box
            guard !reportedChanges.contains(where: { StreamIndexer.overlap($0, box) >= 0.3 }) else { continue }
            guard zone.map({ $0.contains(x: Double(box.minX + box.maxX) / 2, y: Double(box.minY + box.maxY) / 2) }) ?? true else { continue }
            let (kind, start, track) = indexer.origin(of: candidate)
            if let track, reportedTracks.contains(track) { continue }
            guard kind != .changed, time - start >= threshold else { continue }
            reportedChanges.append(box)
            events.append(VideoIndex.Event(
                rule: rule, time: start, end: time, x: Double(box.minX + box.maxX) / 2, y: Double(box.minY + box.maxY) / 2, detail: kind.rawValue))
        }
        return events
    }
}
