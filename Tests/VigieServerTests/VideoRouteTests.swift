import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigieCore
import VigieStore
import VigieTestSupport
import VigieVideo
@testable import VigieServer

/// The video routes on a camera whose footage an ffmpeg-made clip stands for: search, thumbnail and clip
/// (masks painted over), events decided once, refusals and the audit of every read.
@Suite("Video routes: search, thumbnails, clips, events", .serialized)
struct VideoRouteTests {
    /// A store with accounts, a camera with a masked top-left quarter and an intrusion rule on its right
    /// half, and 12 s of footage in which a white square crosses from left to right from 2 s.
    static func store(media: URL) throws -> (SQLiteStore, Date) {
        let store = try ServerTests.store()
        let right = ImageZone(name: "right", points: [
            ImagePoint(x: 0.5, y: 0), ImagePoint(x: 1, y: 0), ImagePoint(x: 1, y: 1), ImagePoint(x: 0.5, y: 1),
        ])
        let mask = ImageZone(name: "windows", points: [ImagePoint(x: 0, y: 0), ImagePoint(x: 0.5, y: 0), ImagePoint(x: 0.5, y: 0.25), ImagePoint(x: 0, y: 0.25)])
        let camera = try store.register(Camera(
            name: "quai-01", title: "Quai", location: nil, heading: nil, authorisation: "AP 2026-17", zones: [right], privacyMasks: [mask]))
        let now = Date()
        _ = try store.addVideoRule(VideoRule(
            cameraID: camera.id ?? 0, kind: .intrusion, zone: "right", legalBasis: "AP 2026-18", enabledBy: "admin",
            enabledAt: now.addingTimeInterval(-3_600), expiresAt: now.addingTimeInterval(86_400)))
        let clip = media.appendingPathComponent("quai.mp4").path
        _ = try FFmpegFrames.run("/usr/bin/ffmpeg", [
            "-y", "-loglevel", "error", "-f", "lavfi", "-i", "color=c=0x606060:s=320x240:r=25:d=12", "-f", "lavfi", "-i",
            "color=c=white:s=24x24:r=25:d=12", "-filter_complex", "[0][1]overlay=x='if(gte(t,2),(t-2)*40-12,-100)':y='100'",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "50", clip,
        ])
        let start = now.addingTimeInterval(-600)
        _ = try RecordingIndexer().index(file: clip, camera: camera, startedAt: start, into: store, now: now)
        return (store, start)
    }

    static func application(_ store: SQLiteStore, media: URL) -> some ApplicationProtocol {
        Application(router: VigieServer.router(store: store, secureCookies: false, media: VideoMedia(directory: media.appendingPathComponent("cache"))))
    }

    @Test("a video operator searches by zone, sees the thumbnail and plays the moment; every read is audited with its query")
    func searchAndPlay() async throws {
        let folder = try TemporaryDirectory()
        let (store, start) = try Self.store(media: folder.url)
        try await Self.application(store, media: folder.url).test(.router) { client in
            let (cookie, _) = try await ServerTests.login(client, .videoOperator)
            let zone = "0.5,0;1,0;1,1;0.5,1"
            let search = "/api/v1/video/search?camera=quai-01&from=\(Int(start.timeIntervalSince1970) - 60)&zone=\(zone)&reason=PV%202026-99"
            let (thumbnail, play): (String, String) = try await client.execute(uri: search, method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let spans = try #require(body?["spans"] as? [[String: Any]])
                #expect(spans.count == 1, "\(spans)")
                return (try #require(spans.first?["thumbnail"] as? String), try #require(spans.first?["play"] as? String))
            }
            try await client.execute(uri: search.replacingOccurrences(of: "zone=\(zone)", with: "zone=0,0.9;0.1,0.9;0.1,1"), method: .get, headers: [.cookie: cookie]) { response in
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect((body?["spans"] as? [Any])?.isEmpty == true, "nothing moved in the bottom-left corner")
            }
            try await client.execute(uri: thumbnail, method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "image/jpeg")
                #expect(Array(Data(buffer: response.body).prefix(2)) == [0xFF, 0xD8])
            }
            // The play page points at the clip, an MP4.
            let clip: String = try await client.execute(uri: play, method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                let start = try #require(html.range(of: "src=\"/api/v1/video/clip?"))
                let end = try #require(html[start.upperBound...].firstIndex(of: "\""))
                return String(html[html.index(start.lowerBound, offsetBy: 5)..<end]).replacingOccurrences(of: "&amp;", with: "&")
            }
            try await client.execute(uri: clip, method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "video/mp4", "\(clip): \(String(buffer: response.body).prefix(300))")
                #expect(String(decoding: Data(buffer: response.body).dropFirst(4).prefix(4), as: UTF8.self) == "ftyp")
            }
            try await client.execute(uri: "/api/v1/video/thumbnail?camera=nowhere", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/video/search?zone=0.1,0.2", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .badRequest && String(buffer: response.body).contains("at least 3 points"))
            }
            // An analyst may not search recordings; the refusal is audited too.
            let (analyst, _) = try await ServerTests.login(client, .analyst)
            try await client.execute(uri: search, method: .get, headers: [.cookie: analyst]) { response in
                #expect(response.status == .forbidden)
            }
        }
        let entries = try store.auditEntries(limit: 50)
        #expect(entries.contains { $0.actor == "video-operator" && $0.target == "GET /api/v1/video/search" && $0.detail.contains("PV%202026-99") })
        #expect(entries.contains { $0.actor == "video-operator" && $0.target == "GET /api/v1/video/clip" })
        #expect(entries.contains { $0.actor == "analyst" && $0.action == "refused" })
    }

    @Test("an event is confirmed once, through the API or the page's form with its CSRF token")
    func review() async throws {
        let folder = try TemporaryDirectory()
        let (store, _) = try Self.store(media: folder.url)
        let events = try store.videoEvents(status: .pending, camera: nil, limit: 10)
        #expect(events.count == 1, "the square entered the right half once: \(events)")
        let id = try #require(events.first?.id)
        try await Self.application(store, media: folder.url).test(.router) { client in
            // A video operator may not open the overview: logging in through the form lands on the wall.
            let (headers, credentials) = WebTests.form("name=video-operator&password=secret-video-operator")
            try await client.execute(uri: "/login", method: .post, headers: headers, body: credentials) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/video")
            }
            let (cookie, csrf) = try await ServerTests.login(client, .videoOperator)
            try await client.execute(uri: "/video/events", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains("/video/events/\(id)/review"))
            }
            try await client.execute(
                uri: "/video/events/\(id)/review", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "status=confirmed&note=vu")
            ) { response in
                #expect(response.status == .forbidden, "no CSRF token")
            }
            try await client.execute(
                uri: "/video/events/\(id)/review", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(csrf)&status=confirmed&note=vu+sur+place")
            ) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(
                uri: "/api/v1/video/events/\(id)/review", method: .post,
                headers: [.cookie: cookie, .contentType: "application/json", .init("X-CSRF-Token")!: csrf],
                body: ServerTests.json(#"{"status": "dismissed"}"#)
            ) { response in
                #expect(response.status == .conflict)
            }
        }
        let decided = try #require(try store.videoEvent(id: id))
        #expect(decided.status == .confirmed && decided.reviewedBy == "video-operator" && decided.note == "vu sur place")
        #expect(try store.auditEntries(limit: 20).contains { $0.action == "confirmed" && $0.target == "POST /video/events/\(id)/review" })
    }
}
