import Foundation
import Testing
import VigieCore
import VigieStore
import VigieTestSupport
import VigieVideo

/// Recordings indexed into the store, searched through the summaries, refined on key frames, their events
/// reviewed, and purged with the camera's retention.
@Suite("The motion index in the store: search, refine, rules, review, retention", .serialized)
struct IndexStoreTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)
    static let corner = ImageZone(name: "corner", points: [
        ImagePoint(x: 0, y: 0), ImagePoint(x: 0.2, y: 0), ImagePoint(x: 0.2, y: 0.2), ImagePoint(x: 0, y: 0.2),
    ])

    static func camera(_ store: SQLiteStore, retention: Int = 30) throws -> Camera {
        try store.register(Camera(
            name: "quai-01", title: "Quai", location: nil, heading: nil, authorisation: "AP 2026-17", retentionDays: retention,
            zones: [RuleEventTests.right]))
    }

    static func rule(_ camera: Camera, _ kind: VideoRuleKind, zone: String? = nil, direction: Double? = nil, legalBasis: String = "AP 2026-18",
        expires: TimeInterval = 30 * 86_400) -> VideoRule
    {
        VideoRule(
            cameraID: camera.id ?? 0, kind: kind, zone: zone, direction: direction, legalBasis: legalBasis, enabledBy: "chef",
            enabledAt: start.addingTimeInterval(-3_600), expiresAt: start.addingTimeInterval(expires))
    }

    @Test("a rule needs its legal basis, a zone the camera has, and an end within a year")
    func ruleChecks() throws {
        let store = try TestStores.empty()
        let camera = try Self.camera(store)
        #expect(throws: StoreError.self) { try store.addVideoRule(Self.rule(camera, .intrusion, zone: "right", legalBasis: "  ")) }
        #expect(throws: StoreError.self) { try store.addVideoRule(Self.rule(camera, .intrusion, zone: "nowhere")) }
        #expect(throws: StoreError.self) { try store.addVideoRule(Self.rule(camera, .intrusion, zone: nil)) }
        #expect(throws: StoreError.self) { try store.addVideoRule(Self.rule(camera, .wrongDirection, zone: "right")) }
        #expect(throws: StoreError.self) { try store.addVideoRule(Self.rule(camera, .density, expires: 400 * 86_400)) }
        let rule = try store.addVideoRule(Self.rule(camera, .intrusion, zone: "right"))
        #expect(rule.isActive(at: Self.start) && !rule.isActive(at: Self.start.addingTimeInterval(31 * 86_400)))
        #expect(try store.disableVideoRule(id: rule.id ?? 0, at: Self.start))
        #expect(try !store.disableVideoRule(id: rule.id ?? 0, at: Self.start))
        #expect(try RecordingIndexer.activeRules(of: camera, in: store, now: Self.start).isEmpty)
    }

    @Test("indexed clips are found by zone, direction, dwell and what stayed; events are reviewed once")
    func searchAndReview() throws {
        let store = try TestStores.empty()
        let camera = try Self.camera(store)
        _ = try store.addVideoRule(Self.rule(camera, .intrusion, zone: "right"))
        let indexer = RecordingIndexer()
        // Three recordings an hour apart: one entering the right half, one going left, one that stops and stays.
        let clips = [
            try FFmpegTests.clip("store-entering", seconds: 12, x: "if(gte(t,2),(t-2)*40-12,-100)"),
            try FFmpegTests.clip("store-against", seconds: 10, x: "if(gte(t,3),320-(t-3)*40,-100)"),
            try FFmpegTests.clip("store-stays", seconds: 24, x: "if(gte(t,2),min((t-2)*40-24,136),-100)"),
        ]
        for (n, clip) in clips.enumerated() {
            _ = try indexer.index(file: clip, camera: camera, startedAt: Self.start.addingTimeInterval(Double(n) * 3_600), into: store, now: Self.start)
        }
        func search(_ configure: (inout VideoSearchQuery) -> Void) throws -> [VideoSpan] {
            var query = VideoSearchQuery(from: Self.start.addingTimeInterval(-60), to: Self.start.addingTimeInterval(4 * 3_600))
            configure(&query)
            #expect(query.problems().isEmpty)
            return try VideoSearch(query).run(on: store).spans
        }
        let anything = try search { _ in }
        #expect(anything.count == 3 && anything.map(\.recordingID) == anything.map(\.recordingID).sorted(by: >), "the latest first")
        #expect(try search { $0.zone = Self.corner }.isEmpty, "nothing moved in the top corner")
        // The square that stays stops short of the right half (its right edge at x = 160 of 320).
        let right = try search { $0.zone = RuleEventTests.right }
        #expect(right.count == 2 && !right.contains { $0.recordingID == anything[0].recordingID }, "\(right)")
        let westward = try search { $0.direction = 270; $0.tolerance = 30 }
        #expect(westward.count == 1 && abs(westward[0].start.timeIntervalSince(Self.start.addingTimeInterval(3_600 + 3))) <= 1, "\(westward)")
        // Entering the right half, by the track: when its foot crossed into it (5.7 s).
        let entering = try search { $0.direction = 90; $0.tolerance = 30; $0.zone = RuleEventTests.right }
        #expect(entering.contains { abs($0.start.timeIntervalSince(Self.start.addingTimeInterval(5.7))) <= 1 }, "\(entering)")
        let stayed = try search { $0.minimumDwell = 8 }
        #expect(stayed.count == 1 && stayed[0].recordingID == anything[0].recordingID, "\(stayed)")
        let left = try search { $0.changes = [.left] }
        #expect(left.count == 1 && abs(left[0].start.timeIntervalSince(Self.start.addingTimeInterval(7_200 + 6))) <= 1, "\(left)")
        #expect(try search { $0.changes = [.removed] }.isEmpty)
        // A period with nothing: no day or hour read past the summaries.
        let (none, cost) = try VideoSearch(VideoSearchQuery(from: Self.start.addingTimeInterval(-86_400 * 3), to: Self.start.addingTimeInterval(-86_400)))
            .run(on: store)
        #expect(none.isEmpty && cost.hours == 0 && cost.segments == 0)

        // The intrusion rule raised one event per clip that entered the right half; each is decided once.
        let events = try store.videoEvents(status: .pending, camera: camera.id, limit: 10)
        #expect(events.count >= 2 && events.allSatisfy { $0.kind == .intrusion }, "\(events)")
        let first = try #require(events.first?.id)
        #expect(try store.reviewVideoEvent(id: first, status: .confirmed, by: "opérateur", note: "vérifié", at: Self.start))
        #expect(try !store.reviewVideoEvent(id: first, status: .dismissed, by: "autre", note: nil, at: Self.start))
        let reviewed = try #require(try store.videoEvent(id: first))
        #expect(reviewed.status == .confirmed && reviewed.reviewedBy == "opérateur" && reviewed.note == "vérifié")
    }

    @Test("the refine step keeps spans whose key frames change in the zone and drops the others")
    func refine() throws {
        let store = try TestStores.empty()
        let camera = try Self.camera(store)
        let moving = try FFmpegTests.clip("refine-moving", seconds: 12, x: "if(gte(t,2),(t-2)*25,-100)")
        let still = try FFmpegTests.clip("refine-still", seconds: 12, x: nil)
        let indexer = RecordingIndexer()
        let a = try indexer.index(file: moving, camera: camera, startedAt: Self.start, into: store).recording
        let b = try indexer.index(file: still, camera: camera, startedAt: Self.start.addingTimeInterval(60), into: store).recording
        let spans = [a, b].map { recording in
            VideoSpan(
                cameraID: camera.id ?? 0, recordingID: recording.id ?? 0, start: recording.startedAt, end: recording.endedAt, reason: .activity,
                detail: "", position: nil, activity: 1)
        }
        let result = try KeyframeRefiner().refine(spans, zone: nil, store: store)
        #expect(result.spans.map(\.recordingID) == [a.id], "\(result.spans)")
        // GOP 50 at 25 fps: a key frame every 2 s, at most 6 or 7 in each 12 s clip, and no other frame decoded.
        #expect(result.keyframes >= 8 && result.keyframes <= 14, "\(result.keyframes)")
        // In a zone the square never reaches, the moving clip is dropped too.
        #expect(try KeyframeRefiner().refine(spans, zone: Self.corner, store: store).spans.isEmpty)
    }

    @Test("the purge removes what is past the camera's retention, summaries once their whole period is past")
    func purge() throws {
        let store = try TestStores.empty()
        let camera = try Self.camera(store, retention: 7)
        let clip = try FFmpegTests.clip("purge", seconds: 12, x: "if(gte(t,2),(t-2)*40,-100)")
        let recording = try RecordingIndexer().index(file: clip, camera: camera, startedAt: Self.start, into: store).recording
        #expect(try store.purgeVideo(now: Self.start.addingTimeInterval(6 * 86_400)).segments == 0)
        let purge = try store.purgeVideo(now: Self.start.addingTimeInterval(8 * 86_400))
        #expect(purge.recordings == 1 && purge.segments == 2 && purge.tracks >= 1, "\(purge)")
        #expect(purge.files.isEmpty, "a file indexed afterwards belongs to the recorder")
        #expect(try store.recording(id: recording.id ?? 0) == nil)
        #expect(try store.videoSummaries(cameras: nil, level: VideoSummary.day, from: .distantPast, to: .distantFuture).isEmpty)
    }

    @Test("the attention queue puts the camera busier than usual first")
    func attention() throws {
        let store = try TestStores.empty()
        let quiet = try Self.camera(store)
        let busy = try store.register(Camera(name: "gare-02", title: "Gare", location: nil, heading: nil, authorisation: "AP 2026-17"))
        let now = Self.start
        for camera in [quiet, busy] {
            let recording = try store.addRecording(VideoRecording(
                cameraID: camera.id ?? 0, path: "/nvr/\(camera.name).mp4", startedAt: now.addingTimeInterval(-86_400), endedAt: now, width: 320, height: 180))
            // A day of segments at 10 % activity; the last two minutes at 10 % for one, 80 % for the other.
            var segments: [VideoSegmentRecord] = []
            for n in 0..<8_640 {
                let start = now.addingTimeInterval(-86_400 + Double(n) * 10)
                let recent = start >= now.addingTimeInterval(-120)
                let moving = recent && camera.name == busy.name ? 40 : 5
                segments.append(VideoSegmentRecord(
                    cameraID: camera.id ?? 0, recordingID: recording.id ?? 0, start: start, end: start.addingTimeInterval(10), frames: 50,
                    movingFrames: moving, largestShare: 0.05, grid: MotionGrid()))
            }
            try store.store(VideoIndexBatch(segments: segments))
        }
        let queue = try store.attention(now: now, window: 120)
        #expect(queue.map(\.camera.name) == ["gare-02", "quai-01"], "\(queue.map { ($0.camera.name, $0.score) })")
        #expect(abs(queue[0].recent - 0.8) < 0.01 && abs(queue[0].usual - 0.1) < 0.01)
    }

    @Test("a track filed under an hour whose segments are all in the hour before is still found, by direction and by zone")
    func trackAcrossAnHour() throws {
        let store = try TestStores.empty()
        let camera = try Self.camera(store)
        let hour = Date(timeIntervalSince1970: 1_795_003_200)  // a whole hour
        let recording = try store.addRecording(VideoRecording(
            cameraID: camera.id ?? 0, path: "/nvr/quai.mp4", startedAt: hour.addingTimeInterval(-9.5), endedAt: hour.addingTimeInterval(0.5),
            width: 320, height: 240))
        var grid = MotionGrid()
        grid.cells[8 * 16 + 12] = 200
        try store.store(VideoIndexBatch(
            segments: [VideoSegmentRecord(
                cameraID: camera.id ?? 0, recordingID: recording.id ?? 0, start: hour.addingTimeInterval(-9.5), end: hour.addingTimeInterval(0.5),
                frames: 50, movingFrames: 10, largestShare: 0.01, grid: grid)],
            tracks: [VideoTrackRecord(
                cameraID: camera.id ?? 0, recordingID: recording.id ?? 0, start: hour.addingTimeInterval(0.1), end: hour.addingTimeInterval(0.4),
                direction: 90, speed: 0.1, dwell: 0, largestShare: 0.01,
                points: [.init(offset: 0, x: 0.70, y: 0.5), .init(offset: 0.2, x: 0.75, y: 0.5), .init(offset: 0.3, x: 0.78, y: 0.5)])]))
        var query = VideoSearchQuery(from: hour.addingTimeInterval(-3_600), to: hour.addingTimeInterval(3_600), direction: 90, tolerance: 20)
        #expect(try VideoSearch(query).run(on: store).spans.count == 1)
        query.zone = RuleEventTests.right
        #expect(try VideoSearch(query).run(on: store).spans.count == 1)
        query.zone = Self.corner
        #expect(try VideoSearch(query).run(on: store).spans.isEmpty)
    }

    @Test("a file is indexed once; a rule enabled after the footage raises nothing on it; no image past retention is cut")
    func safeguards() throws {
        let store = try TestStores.empty()
        let camera = try Self.camera(store, retention: 7)
        let clip = try FFmpegTests.clip("safeguards", seconds: 12, x: "if(gte(t,2),(t-2)*40-12,-100)")
        // The rule is enabled an hour after the footage was recorded: it does not judge it.
        _ = try store.addVideoRule(VideoRule(
            cameraID: camera.id ?? 0, kind: .intrusion, zone: "right", legalBasis: "AP 2026-18", enabledBy: "chef",
            enabledAt: Self.start.addingTimeInterval(3_600), expiresAt: Self.start.addingTimeInterval(86_400)))
        let (_, index) = try RecordingIndexer().index(file: clip, camera: camera, startedAt: Self.start, into: store, now: Self.start.addingTimeInterval(7_200))
        #expect(!index.events.isEmpty, "the indexer saw the square enter")
        #expect(try store.videoEvents(status: nil, camera: nil, limit: 10).isEmpty, "but no event is stored outside the rule's period")
        #expect(throws: VideoError.self) {
            try RecordingIndexer().index(file: clip, camera: camera, startedAt: Self.start, into: store)
        }
        let media = VideoMedia(directory: FileManager.default.temporaryDirectory.appendingPathComponent("vigie-media-\(UUID().uuidString)"))
        #expect(throws: VideoError.self) {
            try media.thumbnail(camera: camera, at: Self.start.addingTimeInterval(5), store: store, now: Self.start.addingTimeInterval(8 * 86_400))
        }
        #expect(try media.thumbnail(camera: camera, at: Self.start.addingTimeInterval(5), store: store, now: Self.start).prefix(2) == Data([0xFF, 0xD8]))
        #expect(FFmpegFrames.redacted("rtsp://agent:secret@10.0.0.7:554/stream1") == "rtsp://10.0.0.7:554/stream1")
        #expect(FFmpegFrames.redacted("/nvr/quai.mp4") == "/nvr/quai.mp4")
    }
}
