import ArgumentParser
import Foundation
import VigieCore
import VigieStore
import VigieVideo

/// `vigie video`: recordings indexed by motion, searched in seconds, rules and their events; places and
/// times, never people.
struct Video: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Video: index recordings by motion, search them, follow live streams, rules and events (places and times, never people).",
        subcommands: [Index.self, Follow.self, Search.self, Rules.self, Events.self, Attention.self])

    /// A registered camera, or a message naming the way out.
    static func camera(_ name: String, in store: SQLiteStore) throws -> Camera {
        guard let camera = try store.camera(named: name) else { throw CommandError("there is no camera '\(name)'; `vigie cameras list` shows them") }
        return camera
    }

    /// A date and time with its offset, or a message naming the option.
    static func instant(_ text: String, option: String) throws -> Date {
        guard let date = W3CDateTime.parse(text) else {
            throw ValidationError("\(option) '\(text)' is not a date and time with its offset (2026-11-27T18:30:00+01:00 or …Z)")
        }
        return date
    }

    static func time(_ date: Date) -> String { ISO8601DateFormatter.string(from: date, timeZone: .current, formatOptions: [.withInternetDateTime]) }

    struct Index: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Index a recording by motion: per 10 s segment, how much moved and where; the tracks; what was left or removed.",
            discussion: """
                Frames are read small and gray (320 pixels wide, 5 a second by default). With --camera the index is \
                stored for search, the camera's privacy masks are never analysed and its enabled rules raise events; \
                without it the index is only printed.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The recording (any format ffmpeg reads).") var file: String
        @Option(help: "The registered camera the recording comes from (`vigie cameras`).") var camera: String?
        @Option(help: "When the recording starts, with its offset (default: the file's modification time less its length).") var start: String?
        @Option(help: "Width frames are read at, in pixels.") var width = 320
        @Option(help: "Frames read a second.") var rate = 5.0
        @Option(help: "Length of a segment, in seconds.") var segment = 10.0
        @Flag(help: "Print the index as JSON.") var json = false

        func validate() throws {
            guard (1...3_600).contains(segment) else { throw ValidationError("--segment \(segment) is not 1 to 3600 seconds") }
        }

        func run() async throws {
            let started = Date()
            let indexer = RecordingIndexer(width: width, rate: rate, segmentSeconds: segment)
            let index: VideoIndex
            if let camera {
                let store = try store.openExisting()
                let registered = try Video.camera(camera, in: store)
                var startedAt = try start.map { try Video.instant($0, option: "--start") }
                if startedAt == nil {
                    let attributes = try? FileManager.default.attributesOfItem(atPath: file)
                    let length = (try? FFmpegFrames.probe(file))?.duration ?? 0
                    startedAt = (attributes?[.modificationDate] as? Date)?.addingTimeInterval(-length)
                }
                let result = try indexer.index(file: file, camera: registered, startedAt: startedAt ?? Date(), into: store)
                index = result.index
                try store.appendAudit(actor: Users.actor, action: "index", target: "camera:\(registered.name)",
                    detail: "recording \(result.recording.id ?? 0): \(file)", at: Date())
                print("recording \(result.recording.id ?? 0) of \(registered.name), from \(Video.time(result.recording.startedAt)) to \(Video.time(result.recording.endedAt)): stored")
            } else {
                let frames = try FFmpegFrames(path: file, width: width, rate: rate)
                index = try indexer.streamIndexer(camera: nil, rules: [], width: frames.width, height: frames.height).index(frames: frames.next)
            }
            let seconds = Date().timeIntervalSince(started)
            let length = Double(index.frames) / rate
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(VideoIndexDocument(index, seconds: length)), as: UTF8.self))
                return
            }
            print(String(format: "%@: %d frames of %d×%d (%.1f s of video) indexed in %.2f s, %.0f× real time",
                file, index.frames, index.width, index.height, length, seconds, length / max(seconds, 1e-6)))
            for segment in index.segments {
                print(String(format: "  %6.1f–%6.1f s  %3d frames moving, at most %4.1f %% of the frame", segment.start, segment.end,
                    segment.movingFrames, segment.largestShare * 100))
            }
            print("  moving: " + index.movingSpans().map { String(format: "%.1f–%.1f s", $0.lowerBound, $0.upperBound) }.joined(separator: ", "))
            print("  \(index.tracks.count) tracks; scene changes at \(index.sceneChanges.map { String(format: "%.1f s", $0) }.joined(separator: ", "))")
            for track in index.tracks {
                print(String(format: "    track %d: %.1f–%.1f s, %@, %.0f px/s, dwell %.1f s", track.id, track.firstTime, track.lastTime,
                    track.direction.map { String(format: "heading %.0f°", $0) } ?? "in place", track.meanSpeed, track.dwell(radius: Double(index.width) / 40)))
            }
            for change in index.changes {
                print(String(format: "    %@ at %.1f s, until %.1f s", change.kind.rawValue, change.start, change.end))
            }
            for event in index.events {
                print(String(format: "    event %@ at %.1f s: %@", event.rule.kind.rawValue, event.time, event.detail))
            }
        }
    }

    struct VideoIndexDocument: Encodable {
        struct Segment: Encodable { let start: Double; let end: Double; let movingFrames: Int; let largestShare: Double; let grid: [UInt8] }
        struct TrackSummary: Encodable { let id: Int; let start: Double; let end: Double; let direction: Double?; let speed: Double; let dwell: Double; let points: [[Double]] }
        struct Change: Encodable { let kind: String; let start: Double; let end: Double }
        struct Event: Encodable { let kind: String; let zone: String?; let time: Double; let detail: String }
        let width: Int, height: Int, frames: Int, seconds: Double
        let segments: [Segment], tracks: [TrackSummary], changes: [Change], events: [Event], sceneChanges: [Double]
        /// When something travelled across the image, [start, end] in seconds.
        let moving: [[Double]]

        init(_ index: VideoIndex, seconds: Double) {
            width = index.width
            height = index.height
            frames = index.frames
            self.seconds = seconds
            segments = index.segments.map { .init(start: $0.start, end: $0.end, movingFrames: $0.movingFrames, largestShare: $0.largestShare, grid: $0.grid.cells) }
            tracks = index.tracks.map {
                .init(
                    id: $0.id, start: $0.firstTime, end: $0.lastTime, direction: $0.direction, speed: $0.meanSpeed,
                    dwell: $0.dwell(radius: Double(index.width) / 40), points: $0.points.map { [$0.time, $0.x, $0.y] })
            }
            changes = index.changes.map { .init(kind: $0.kind.rawValue, start: $0.start, end: $0.end) }
            events = index.events.map { .init(kind: $0.rule.kind.rawValue, zone: $0.rule.zone, time: $0.time, detail: $0.detail) }
            sceneChanges = index.sceneChanges
            moving = index.movingSpans().map { [$0.lowerBound, $0.upperBound] }
        }
    }

    struct Follow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Follow a camera's live stream (RTSP, or a file played in real time) and store its index as it goes.",
            discussion: "Each 10 s segment, the tracks that ended and the events raised are stored as soon as they are complete. With --footage, the stream is also written as 10-minute MP4 files there, kept for the camera's retention. Times run from when the follow starts: a file followed without --real-time runs ahead of the clock.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The stream's address (rtsp://…) or a file.") var source: String
        @Option(help: "The registered camera.") var camera: String
        @Option(help: "A directory to write the footage in, for thumbnails and playback.") var footage: String?
        @Flag(help: "Play a file at its own pace, as a camera would send it.") var realTime = false
        @Option(help: "Stop after this many seconds of video (default: until the stream ends).") var seconds: Double?
        @Option(help: "Width frames are read at, in pixels.") var width = 320
        @Option(help: "Frames read a second.") var rate = 5.0

        func run() async throws {
            let store = try store.openExisting()
            let registered = try Video.camera(camera, in: store)
            let follower = try LiveFollower(
                camera: registered, source: source, store: store, footage: footage, realTime: realTime, width: width, rate: rate)
            try store.appendAudit(actor: Users.actor, action: "follow", target: "camera:\(registered.name)", detail: FFmpegFrames.redacted(source), at: Date())
            Output.note("following \(registered.name) from \(FFmpegFrames.redacted(source))")
            let summary = try follower.run(limit: seconds)
            print("\(registered.name): \(summary.frames) frames, \(summary.segments) segments, \(summary.tracks) tracks, \(summary.events) events stored")
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search the motion index: moments of activity, objects going a way or staying, objects left or removed.",
            discussion: """
                The index answers first: days and hours that cannot match are dropped whole. --refine then decodes only \
                the key frames of the spans found and keeps those where the zone changes between them. Every search is audited.
                """)
        @OptionGroup var store: StoreOptions
        @Option(help: "Cameras (repeat, or separate with commas); all when none is given.") var camera: [String] = []
        @Option(help: "From, with its offset (default: 24 hours ago).") var from: String?
        @Option(help: "To, with its offset (default: now).") var to: String?
        @Option(help: "A zone drawn on the image: x,y points as shares, separated by ';' (0.1,0.5;0.4,0.5;0.4,0.9).") var zone: String?
        @Option(help: "The least share of a segment's frames the zone moved in (0–1).") var activity = 0.05
        @Option(help: "Objects moving this way: degrees clockwise from the top of the image.") var direction: Double?
        @Option(help: "Give or take, degrees.") var tolerance = 45.0
        @Option(help: "Objects that stayed in one place at least this many seconds.") var dwell: Double?
        @Flag(help: "Objects left or removed.") var changes = false
        @Option(help: "The least mean share of the zone moving over a segment (0–1).") var density: Double?
        @Option(help: "At most this many results.") var limit = 50
        @Flag(help: "Confirm each span on its key frames.") var refine = false
        @Option(help: "Why the search is made (case or requisition reference), kept in the audit log.") var reason: String?

        func run() async throws {
            let store = try store.openExisting()
            let now = Date()
            let cameras = try camera.flatMap { $0.split(separator: ",") }.map { try Video.camera(String($0), in: store) }
            var query = VideoSearchQuery(
                cameras: cameras.isEmpty ? nil : cameras.compactMap(\.id), from: try from.map { try Video.instant($0, option: "--from") } ?? now.addingTimeInterval(-86_400),
                to: try to.map { try Video.instant($0, option: "--to") } ?? now, minimumActivity: activity, direction: direction, tolerance: tolerance,
                minimumDwell: dwell, changes: changes ? [] : nil, minimumDensity: density, limit: limit)
            if let zone {
                do { query.zone = try ImageZone(name: "search", text: zone) } catch let error as ZoneTextError { throw ValidationError("--zone: \(error)") }
            }
            let problems = query.problems()
            guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "; ")) }
            let started = Date()
            var (spans, cost) = try VideoSearch(query).run(on: store)
            let indexTime = Date().timeIntervalSince(started)
            try store.appendAudit(actor: Users.actor, action: "search", target: "video",
                detail: query.auditDescription(cameras: cameras.map(\.name), reason: reason), at: Date())
            var refined = ""
            if refine {
                let before = Date()
                let refiner = KeyframeRefiner()
                let result = try refiner.refine(spans, zone: query.zone, store: store)
                spans = result.spans
                refined = String(format: ", %d key frames decoded in %.2f s", result.keyframes, Date().timeIntervalSince(before))
            }
            let names = try store.camerasByID().mapValues(\.name)
            Output.table(["camera", "from", "to", "found", "detail"], spans.map {
                [names[$0.cameraID] ?? "#\($0.cameraID)", Video.time($0.start), Video.time($0.end), $0.reason.rawValue, $0.detail]
            })
            Output.note(String(format: "%d found in %.1f ms from the index (%d days, %d hours, %d segments, %d tracks, %d changes read)%@",
                spans.count, indexTime * 1000, cost.days, cost.hours, cost.segments, cost.tracks, cost.changes, refined))
        }
    }

    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Event rules (decree 2023-828): each off until enabled on a camera with its legal basis and expiry.",
            subcommands: [ListRules.self, Enable.self, Disable.self], defaultSubcommand: ListRules.self)
    }

    struct ListRules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the rules, running or not.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let store = try store.openExisting()
            let names = try store.camerasByID().mapValues(\.name)
            let now = Date()
            Output.table(["id", "camera", "kind", "zone", "state", "expires", "legal basis", "enabled by"], try store.videoRules(camera: nil).map { rule in
                [String(rule.id ?? 0), names[rule.cameraID] ?? "", rule.kind.rawValue, rule.zone ?? "(whole image)",
                    rule.disabledAt != nil ? "disabled" : (rule.isActive(at: now) ? "running" : "expired"), Video.time(rule.expiresAt), rule.legalBasis, rule.enabledBy]
            })
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a rule on a camera, under a legal basis, until a date.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The camera.") var camera: String
        @Option(help: "intrusion, wrong-direction, density, object-left or crowd-movement.") var kind: String
        @Option(help: "The camera zone it watches (the whole image when none, except for an intrusion).") var zone: String?
        @Option(help: "wrong-direction: the permitted direction, degrees clockwise from the top of the image.") var direction: Double?
        @Option(help: "density, crowd-movement: a share 0–1; object-left: seconds.") var threshold: Double?
        @Option(help: "The legal basis it runs under (order, requisition).") var legalBasis: String
        @Option(help: "When it stops, with its offset (at most a year ahead).") var expires: String

        func run() async throws {
            guard let kind = VideoRuleKind(rawValue: kind) else {
                throw ValidationError("--kind '\(kind)' is not one of \(VideoRuleKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let store = try store.openExisting()
            let registered = try Video.camera(camera, in: store)
            let now = Date()
            let rule = try store.addVideoRule(VideoRule(
                cameraID: registered.id ?? 0, kind: kind, zone: zone, direction: direction, threshold: threshold, legalBasis: legalBasis,
                enabledBy: Users.actor, enabledAt: now, expiresAt: try Video.instant(expires, option: "--expires")))
            try store.appendAudit(actor: Users.actor, action: "enable", target: "video-rule:\(rule.id ?? 0)",
                detail: "\(kind.rawValue) on \(registered.name) under \(legalBasis)", at: now)
            print("rule \(rule.id ?? 0) enabled: \(kind.rawValue) on \(registered.name) until \(Video.time(rule.expiresAt))")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a rule.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The rule's id.") var id: Int64

        func run() async throws {
            let store = try store.openExisting()
            guard try store.disableVideoRule(id: id, at: Date()) else { throw CommandError("there is no rule \(id) still enabled") }
            try store.appendAudit(actor: Users.actor, action: "disable", target: "video-rule:\(id)", detail: "", at: Date())
            print("rule \(id) disabled")
        }
    }

    struct Events: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Events the rules raised, and the operator's decision on each.",
            subcommands: [ListEvents.self, Review.self], defaultSubcommand: ListEvents.self)
    }

    struct ListEvents: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List events, the latest first.")
        @OptionGroup var store: StoreOptions
        @Option(help: "pending, confirmed or dismissed.") var status: String?
        @Option(help: "At most this many.") var limit = 50

        func run() async throws {
            let store = try store.openExisting()
            let wanted = try status.map { text in
                guard let status = VideoEventStatus(rawValue: text) else { throw ValidationError("--status '\(text)' is not pending, confirmed or dismissed") }
                return status
            }
            let names = try store.camerasByID().mapValues(\.name)
            let events = try store.videoEvents(status: wanted, camera: nil, limit: limit)
            try store.appendAudit(actor: Users.actor, action: "read", target: "video-events", detail: "\(events.count) listed", at: Date())
            Output.table(["id", "camera", "kind", "zone", "at", "detail", "status", "by", "note"], events.map { event in
                [String(event.id ?? 0), names[event.cameraID] ?? "", event.kind.rawValue, event.zone ?? "", Video.time(event.time), event.detail,
                    event.status.rawValue, event.reviewedBy ?? "", event.note ?? ""]
            })
        }
    }

    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Confirm or dismiss an event; the decision is kept with who made it.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The event's id.") var id: Int64
        @Flag(help: "It happened as the rule says.") var confirm = false
        @Flag(help: "It did not.") var dismiss = false
        @Option(help: "A note.") var note: String?

        func run() async throws {
            guard confirm != dismiss else { throw ValidationError("give --confirm or --dismiss") }
            let store = try store.openExisting()
            let status: VideoEventStatus = confirm ? .confirmed : .dismissed
            guard try store.reviewVideoEvent(id: id, status: status, by: Users.actor, note: note, at: Date()) else {
                throw CommandError("there is no pending event \(id)")
            }
            try store.appendAudit(actor: Users.actor, action: status.rawValue, target: "video-event:\(id)", detail: note ?? "", at: Date())
            print("event \(id) \(status.rawValue)")
        }
    }

    struct Attention: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cameras ordered by how unusual their activity is now, for the video wall.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The recent window, in seconds.") var window = 120.0

        func run() async throws {
            let store = try store.openExisting()
            Output.table(["camera", "score", "now", "usual", "pending events", "last seen"], try store.attention(now: Date(), window: window).map {
                [$0.camera.name, String(format: "%.1f", $0.score), String(format: "%.0f %%", $0.recent * 100), String(format: "%.0f %%", $0.usual * 100),
                    String($0.pendingEvents), $0.lastSeen.map(Video.time) ?? "never"]
            })
        }
    }
}
