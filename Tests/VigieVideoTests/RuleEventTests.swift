import Foundation
import Testing
import VigieCore
import VigieVideo

/// The decree's events on ffmpeg-made clips whose objects follow known paths: each is found within a second
/// of its true time, and a static or noise-only clip raises none.
@Suite("Event rules on clips with known trajectories", .serialized)
struct RuleEventTests {
    static let right = ImageZone(name: "right", points: [
        ImagePoint(x: 0.5, y: 0), ImagePoint(x: 1, y: 0), ImagePoint(x: 1, y: 1), ImagePoint(x: 0.5, y: 1),
    ])

    static func rule(_ kind: VideoRuleKind, zone: String? = nil, direction: Double? = nil, threshold: Double? = nil) -> VideoRule {
        VideoRule(
            id: Int64(VideoRuleKind.allCases.firstIndex(of: kind)! + 1), cameraID: 1, kind: kind, zone: zone, direction: direction,
            threshold: threshold, legalBasis: "arrêté préfectoral test", enabledBy: "test", enabledAt: .distantPast, expiresAt: .distantFuture)
    }

    static let allRules = [
        rule(.intrusion, zone: "right"), rule(.wrongDirection, direction: 90), rule(.density, threshold: 0.2),
        rule(.objectLeft, threshold: 5), rule(.crowdMovement, threshold: 0.12),
    ]

    static func events(_ path: String, rules: [VideoRule] = allRules) throws -> VideoIndex {
        let file = try FFmpegFrames(path: path, width: 320, rate: 5)
        return try StreamIndexer(width: file.width, height: file.height, rules: rules, zones: [right]).index(frames: file.next)
    }

    @Test("entering a zone: the event is when the object's foot crosses into it")
    func intrusion() throws {
        // The square's centre, its foot's x, reaches x = 160 (the zone) at 2 + 148/40 = 5.7 s.
        let index = try Self.events(try FFmpegTests.clip("intrusion", seconds: 12, x: "if(gte(t,2),(t-2)*40-12,-100)"))
        let events = index.events.filter { $0.rule.kind == .intrusion }
        #expect(events.count == 1, "\(index.events.map { ($0.rule.kind, $0.time) })")
        #expect(abs((events.first?.time ?? -9) - 5.7) <= 1, "at \(events.first?.time ?? -1)")
    }

    @Test("against the set direction: one event when it appears; the permitted way, none")
    func wrongWay() throws {
        let against = try Self.events(try FFmpegTests.clip("against", seconds: 10, x: "if(gte(t,3),320-(t-3)*40,-100)"))
        let events = against.events.filter { $0.rule.kind == .wrongDirection }
        #expect(events.count == 1, "\(against.events.map { ($0.rule.kind, $0.time) })")
        #expect(abs((events.first?.time ?? -9) - 3) <= 1, "at \(events.first?.time ?? -1)")
        let along = try Self.events(try FFmpegTests.clip("along", seconds: 10, x: "if(gte(t,3),(t-3)*40-24,-100)"))
        #expect(!along.events.contains { $0.rule.kind == .wrongDirection })
    }

    @Test("an object that stops and stays: left, from when it stopped")
    func stopAndStay() throws {
        // Moves right from 2 s and stops at x = 136 at 2 + 160/40 = 6 s, then stays to the end.
        let index = try Self.events(try FFmpegTests.clip("stays", seconds: 24, x: "if(gte(t,2),min((t-2)*40-24,136),-100)"))
        let events = index.events.filter { $0.rule.kind == .objectLeft }
        #expect(events.count == 1, "\(index.events.map { ($0.rule.kind, $0.time, $0.detail) })")
        #expect(abs((events.first?.time ?? -9) - 6) <= 1 && events.first?.detail == "left", "at \(events.first?.time ?? -1)")
        let change = try #require(index.changes.first)
        #expect(change.kind == .left && abs(change.start - 6) <= 1, "\(index.changes)")
    }

    @Test("a crowd setting off at once: crowd movement and density, when it starts")
    func crowd() throws {
        // A 160×120 block, a quarter of the image, appears at 8 s and drifts.
        let index = try Self.events(try FFmpegTests.clip("crowd", seconds: 16, x: "if(gte(t,8),60+(t-8)*12,-400)", y: "60", size: "160x120"))
        let crowd = index.events.filter { $0.rule.kind == .crowdMovement }
        let density = index.events.filter { $0.rule.kind == .density }
        #expect(crowd.count == 1 && abs((crowd.first?.time ?? -9) - 8) <= 1, "\(index.events.map { ($0.rule.kind, $0.time) })")
        #expect(density.count == 1 && abs((density.first?.time ?? -9) - 8) <= 1, "\(index.events.map { ($0.rule.kind, $0.time) })")
    }

    @Test("a static clip and a noise-only clip raise no event, every rule running")
    func quiet() throws {
        for (name, filters) in [("static-rules", "null"), ("noise-rules", "noise=alls=24:allf=t")] {
            let index = try Self.events(try FFmpegTests.clip(name, seconds: 16, x: nil, filters: filters))
            #expect(index.events.isEmpty, "\(name): \(index.events.map { ($0.rule.kind, $0.time) })")
            #expect(index.changes.isEmpty, "\(name): \(index.changes)")
        }
    }
}
