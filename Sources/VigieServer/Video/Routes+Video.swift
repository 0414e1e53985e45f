import Foundation
import Hummingbird
import Logging
import NIOPosix
import ServiceLifecycle
import VigieCore
import VigieVideo

/// Video for the operators who may see it: the cameras, search in the motion index, thumbnails and clips
/// with the privacy masks painted over, the events to decide, the attention queue. Every route is audited
/// with its query (what was searched, which moment was looked at).
extension APIRoutes {
    func addVideoRoutes(to api: RouterGroup<VigieRequestContext>) {
        api.get("cameras", use: authorized(.readVideo, cameraList))
        api.get("video/search", use: authorized(.readVideo, videoSearch))
        api.get("video/thumbnail", use: authorized(.readVideo, videoThumbnail))
        api.get("video/clip", use: authorized(.readVideo, videoClip))
        api.get("video/attention", use: authorized(.readVideo, videoAttention))
        api.get("video/events", use: authorized(.readVideo, videoEventList))
        api.post("video/events/:id/review", use: authorized(.reviewVideoEvents, reviewVideoEvent))
    }

    struct ZoneView: Encodable, Sendable {
        let name: String
        let points: [[Double]]

        init(_ zone: ImageZone) {
            name = zone.name
            points = zone.points.map { [$0.x, $0.y] }
        }
    }

    struct RuleView: Encodable, Sendable {
        let id: Int64
        let kind: String
        let zone: String?
        let direction: Double?
        let threshold: Double
        let legalBasis: String
        let enabledBy: String
        let enabledAt: Date
        let expiresAt: Date
        let running: Bool

        init(_ rule: VideoRule, now: Date) {
            id = rule.id ?? 0
            kind = rule.kind.rawValue
            zone = rule.zone
            direction = rule.direction
            threshold = rule.effectiveThreshold
            legalBasis = rule.legalBasis
            enabledBy = rule.enabledBy
            enabledAt = rule.enabledAt
            expiresAt = rule.expiresAt
            running = rule.isActive(at: now)
        }
    }

    struct CameraView: Encodable, Sendable {
        let name: String
        let title: String
        let latitude: Double?
        let longitude: Double?
        let heading: Double?
        let authorisation: String
        let retentionDays: Int
        let zones: [ZoneView]
        let privacyMasks: Int
        let rules: [RuleView]
    }

    func cameraList(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> JSONBody<[CameraView]> {
        let now = Date()
        let rules = try store.videoRules(camera: nil)
        return JSONBody(try store.cameras().map { camera in
            CameraView(
                name: camera.name, title: camera.title, latitude: camera.location?.latitude, longitude: camera.location?.longitude,
                heading: camera.heading, authorisation: camera.authorisation, retentionDays: camera.retentionDays, zones: camera.zones.map(ZoneView.init),
                privacyMasks: camera.privacyMasks.count, rules: rules.filter { $0.cameraID == camera.id }.map { RuleView($0, now: now) })
        })
    }

    /// A registered camera named by a parameter, or a 404 naming it.
    func camera(_ query: Parameters, _ name: String = "camera") throws -> Camera {
        guard let text = query[name[...]], !text.isEmpty else { throw APIError(.badRequest, "bad-parameter", "\(name): give a camera's name") }
        guard let camera = try store.camera(named: String(text)) else {
            throw APIError(.notFound, "not-found", "\(name): there is no camera '\(text.prefix(64))'")
        }
        return camera
    }

    /// A moment given as seconds since 1970 or as a date and time with its offset.
    static func moment(_ query: Parameters, _ name: String) throws -> Date? {
        guard let text = query[name[...]] else { return nil }
        if let seconds = Double(String(text)), seconds.isFinite, abs(seconds) < 1e11 { return Date(timeIntervalSince1970: seconds) }
        if let date = W3CDateTime.parse(String(text)) { return date }
        throw APIError(.badRequest, "bad-parameter", "\(name): '\(text.prefix(40))' is not seconds since 1970 nor a date and time with its offset")
    }

    /// A search as the query gives it: `camera` (repeated), `from`, `to`, `zone` (x,y;x,y;…), `activity`,
    /// `direction`, `tolerance`, `dwell`, `changes` (any, left, removed, changed), `density`, `limit`.
    func videoQuery(_ query: Parameters, now: Date = Date()) throws -> (VideoSearchQuery, [Camera]) {
        let cameras = try query.getAll("camera").filter { !$0.isEmpty }.map { name -> Camera in
            guard let camera = try store.camera(named: String(name)) else {
                throw APIError(.notFound, "not-found", "camera: there is no camera '\(name.prefix(64))'")
            }
            return camera
        }
        let to = try Self.moment(query, "to") ?? now
        let from = try Self.moment(query, "from") ?? to.addingTimeInterval(-86_400)
        var search = VideoSearchQuery(
            cameras: cameras.isEmpty ? nil : cameras.compactMap(\.id), from: from, to: to,
            minimumActivity: try Self.number(query, "activity", 0...1, default: 0.05),
            tolerance: try Self.number(query, "tolerance", 0...180, default: 45), limit: try Self.integer(query, "limit", 1...1_000, default: 100))
        if query["direction"] != nil { search.direction = try Self.number(query, "direction", 0...359.999, default: 0, unit: "degrees") }
        if query["dwell"] != nil { search.minimumDwell = try Self.number(query, "dwell", 0...86_400, default: 0, unit: "seconds") }
        if query["density"] != nil { search.minimumDensity = try Self.number(query, "density", 0...1, default: 0) }
        if let text = query["changes"], !text.isEmpty {
            let kinds = try text.split(separator: ",").filter { $0 != "any" }.map { name -> SceneChangeKind in
                guard let kind = SceneChangeKind(rawValue: String(name)) else {
                    throw APIError(.badRequest, "bad-parameter", "changes: '\(name.prefix(20))' is not any, left, removed or changed")
                }
                return kind
            }
            search.changes = Set(kinds)
        }
        if let text = query["zone"], !text.isEmpty {
            do {
                search.zone = try ImageZone(name: "search", text: String(text))
            } catch let error as ZoneTextError {
                throw APIError(.badRequest, "bad-parameter", "zone: \(error)")
            }
        }
        // A period that ends before it starts holds nothing: it finds nothing rather than failing (the
        // search itself is then not run).
        if search.to <= search.from { search.to = search.from.addingTimeInterval(1) }
        let problems = search.problems()
        guard problems.isEmpty else { throw APIError(.badRequest, "bad-parameter", problems.joined(separator: "; ")) }
        return (search, cameras)
    }

    struct SpanView: Encodable, Sendable {
        let camera: String
        let start: Date
        let end: Date
        let reason: String
        let detail: String
        let x: Double?
        let y: Double?
        let activity: Double
        let thumbnail: String
        let play: String

        init(_ span: VideoSpan, camera: String) {
            self.camera = camera
            start = span.start
            end = span.end
            reason = span.reason.rawValue
            detail = span.detail
            x = span.position?.x
            y = span.position?.y
            activity = span.activity
            let name = camera.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? camera
            thumbnail = "/api/v1/video/thumbnail?camera=\(name)&at=\(Int(span.thumbnailTime.timeIntervalSince1970))"
            // A few seconds before and after, so that the moment is seen coming and going.
            play = "/video/play?camera=\(name)&from=\(Int(span.start.timeIntervalSince1970) - 3)&to=\(Int(span.end.timeIntervalSince1970.rounded(.up)) + 3)"
        }
    }

    struct SearchAnswer: Encodable, Sendable {
        let spans: [SpanView]
        let milliseconds: Double
        let days: Int
        let hours: Int
        let segments: Int
        let tracks: Int
        let changes: Int
        let keyframes: Int?
    }

    /// Runs a search, refined on key frames when asked; the answer names the cameras. `empty` answers at
    /// once with nothing (a period that ends before it starts).
    func runVideoSearch(_ query: VideoSearchQuery, refine: Bool, empty: Bool = false) throws -> SearchAnswer {
        let started = Date()
        var (spans, cost) = empty ? ([], VideoSearchCost()) : try VideoSearch(query).run(on: store)
        var keyframes: Int?
        if refine {
            let refined = try KeyframeRefiner().refine(spans, zone: query.zone, store: store)
            spans = refined.spans
            keyframes = refined.keyframes
        }
        let names = try store.camerasByID().mapValues(\.name)
        return SearchAnswer(
            spans: spans.map { SpanView($0, camera: names[$0.cameraID] ?? "") }, milliseconds: Date().timeIntervalSince(started) * 1000,
            days: cost.days, hours: cost.hours, segments: cost.segments, tracks: cost.tracks, changes: cost.changes, keyframes: keyframes)
    }

    /// Whether the query's period ends before it starts.
    static func isEmptyPeriod(_ parameters: Parameters) -> Bool {
        guard let from = try? moment(parameters, "from"), let to = try? moment(parameters, "to") else { return false }
        return to <= from
    }

    func videoSearch(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> JSONBody<SearchAnswer> {
        let parameters = request.uri.queryParameters
        let empty = Self.isEmptyPeriod(parameters)
        let refine = parameters["refine"] == "1"
        var (query, _) = try videoQuery(parameters)
        if refine {
            // Each span refined costs two short ffmpeg runs: a page of refined spans is kept small.
            query.limit = min(50, try Self.integer(parameters, "limit", 1...1_000, default: 20))
        }
        let search = query
        return JSONBody(try await NIOThreadPool.singleton.runIfActive { try self.runVideoSearch(search, refine: refine, empty: empty) })
    }

    func videoThumbnail(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> Response {
        let query = request.uri.queryParameters
        let camera = try camera(query)
        var at = try Self.moment(query, "at")
        if at == nil, let id = camera.id, let latest = try store.recordings(camera: id).first(where: { FileManager.default.isReadableFile(atPath: $0.path) }) {
            at = latest.startedAt.addingTimeInterval(min(1, latest.endedAt.timeIntervalSince(latest.startedAt) / 2))
        }
        guard let at else { throw APIError(.notFound, "not-found", "camera '\(camera.name)' has no footage to show") }
        do {
            let (media, store) = (self.media, self.store)
            // ffmpeg runs on the thread pool, never on the server's event loops.
            let data = try await NIOThreadPool.singleton.runIfActive { try media.thumbnail(camera: camera, at: at, store: store) }
            return Response(
                status: .ok, headers: [.contentType: "image/jpeg", .cacheControl: "private, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        } catch let error as VideoError {
            throw APIError(.notFound, "not-found", error.description)
        }
    }

    func videoClip(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> Response {
        let query = request.uri.queryParameters
        let camera = try camera(query)
        guard let from = try Self.moment(query, "from") else { throw APIError(.badRequest, "bad-parameter", "from: give the clip's start") }
        let seconds = try Self.integer(query, "seconds", 1...Int(VideoMedia.longestClip), default: 0)
        guard seconds > 0 else { throw APIError(.badRequest, "bad-parameter", "seconds: give the clip's length, 1 to \(Int(VideoMedia.longestClip))") }
        let to = from.addingTimeInterval(TimeInterval(seconds))
        do {
            let (media, store) = (self.media, self.store)
            let data = try await NIOThreadPool.singleton.runIfActive { try Data(contentsOf: media.clip(camera: camera, from: from, to: to, store: store)) }
            return Response(
                status: .ok, headers: [.contentType: "video/mp4", .cacheControl: "private, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        } catch let error as VideoError {
            throw APIError(.notFound, "not-found", error.description)
        }
    }

    struct AttentionView: Encodable, Sendable {
        let camera: String
        let title: String
        let score: Double
        let recent: Double
        let usual: Double
        let pendingEvents: Int
        let lastSeen: Date?
    }

    func attentionQueue() throws -> [AttentionView] {
        try store.attention(now: Date(), window: 120).map {
            AttentionView(
                camera: $0.camera.name, title: $0.camera.title, score: $0.score, recent: $0.recent, usual: $0.usual, pendingEvents: $0.pendingEvents,
                lastSeen: $0.lastSeen)
        }
    }

    func videoAttention(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> JSONBody<[AttentionView]> {
        JSONBody(try attentionQueue())
    }

    struct EventView: Encodable, Sendable {
        let id: Int64
        let camera: String
        let kind: String
        let zone: String?
        let time: Date
        let end: Date
        let x: Double?
        let y: Double?
        let detail: String
        let status: String
        let reviewedBy: String?
        let reviewedAt: Date?
        let note: String?
        let thumbnail: String

        init(_ event: VideoEvent, camera: String) {
            id = event.id ?? 0
            self.camera = camera
            kind = event.kind.rawValue
            zone = event.zone
            time = event.time
            end = event.end
            x = event.position?.x
            y = event.position?.y
            detail = event.detail
            status = event.status.rawValue
            reviewedBy = event.reviewedBy
            reviewedAt = event.reviewedAt
            note = event.note
            thumbnail = "/api/v1/video/thumbnail?camera=\(camera.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? camera)&at=\(Int(event.time.timeIntervalSince1970))"
        }
    }

    func videoEvents(status: VideoEventStatus?, limit: Int) throws -> [EventView] {
        let names = try store.camerasByID().mapValues(\.name)
        return try store.videoEvents(status: status, camera: nil, limit: limit).map { EventView($0, camera: names[$0.cameraID] ?? "") }
    }

    func videoEventList(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> JSONBody<[EventView]> {
        let query = request.uri.queryParameters
        var status: VideoEventStatus?
        if let text = query["status"] {
            guard let parsed = VideoEventStatus(rawValue: String(text)) else {
                throw APIError(.badRequest, "bad-parameter", "status: '\(text.prefix(20))' is not pending, confirmed or dismissed")
            }
            status = parsed
        }
        return JSONBody(try videoEvents(status: status, limit: try Self.integer(query, "limit", 1...500, default: 100)))
    }

    struct Review: Decodable {
        let status: String
        let note: String?
    }

    /// Records an operator's decision on a pending event.
    func decide(event id: Int64, status text: String, note: String?, actor: String) throws -> VideoEvent {
        guard let status = VideoEventStatus(rawValue: text), status != .pending else {
            throw APIError(.badRequest, "bad-parameter", "status: '\(text.prefix(20))' is not confirmed or dismissed")
        }
        if let note, note.count > 2_000 { throw APIError(.badRequest, "bad-parameter", "note: at most 2000 characters") }
        guard let event = try store.videoEvent(id: id) else { throw APIError(.notFound, "not-found", "there is no event \(id)") }
        guard try store.reviewVideoEvent(id: id, status: status, by: actor, note: note.flatMap { $0.isEmpty ? nil : $0 }, at: Date()) else {
            throw APIError(.conflict, "decided", "event \(id) was already \(event.status.rawValue) by \(event.reviewedBy ?? "someone")")
        }
        return try store.videoEvent(id: id) ?? event
    }

    func reviewVideoEvent(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> JSONBody<EventView> {
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw APIError(.notFound, "not-found", "there is no such event") }
        let body = try await Self.body(of: request, limit: 16 * 1024)
        guard let review = try? JSONDecoder().decode(Review.self, from: Data(buffer: body)) else {
            throw APIError(.badRequest, "bad-body", "the body is not {\"status\": \"confirmed\"|\"dismissed\", \"note\": …}")
        }
        let event = try decide(event: id, status: review.status, note: review.note, actor: account.name)
        let camera = try store.cameras().first { $0.id == event.cameraID }?.name ?? ""
        return JSONBody(EventView(event, camera: camera))
    }
}

/// Deletes, every hour, the video index, events, thumbnails, clips and owned footage past each camera's
/// retention (30 days at most).
struct VideoPurger: Service {
    let store: any ServedStore
    let media: VideoMedia
    let logger: Logger
    static let interval: Duration = .seconds(3_600)

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let purge = try VideoRetention.apply(store: store, media: media, now: Date())
                    for path in purge.undeleted { logger.error("\(path) is past its retention but could not be deleted") }
                    if purge.segments + purge.files.count + purge.events > 0 {
                        logger.info("video past retention deleted: \(purge.segments) segments, \(purge.tracks) tracks, \(purge.events) events, \(purge.files.count) files")
                    }
                } catch {
                    logger.error("deleting video past its retention failed: \(error)")
                }
                try await Task.sleep(for: Self.interval)
            }
        }
    }
}
