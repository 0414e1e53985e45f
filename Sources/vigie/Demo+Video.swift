import Foundation
import VigieCore
import VigieStore
import VigieVideo

extension Demo {
    /// A demo camera: its entry, and what moves in its synthetic footage (ffmpeg overlay expressions of t
    /// for boxes of a size and grey level).
    struct DemoCamera {
        let camera: Camera
        let movers: [(x: String, y: String, size: String, level: String)]
        let rule: (kind: VideoRuleKind, zone: String?, direction: Double?)?
    }

    static var demoCameras: [DemoCamera] {
        func zone(_ name: String, _ points: [(Double, Double)]) -> ImageZone {
            ImageZone(name: name, points: points.map { ImagePoint(x: $0.0, y: $0.1) })
        }
        return [
            DemoCamera(
                camera: Camera(
                    name: "vieux-port-01", title: "Quai du Port", location: GeoPoint(latitude: 43.2952, longitude: 5.3740), heading: 200,
                    authorisation: "AP 13-2026-0142 (démo)", zones: [zone("quai", [(0, 0.6), (1, 0.6), (1, 1), (0, 1)])],
                    privacyMasks: [zone("fenêtres", [(0.75, 0), (1, 0), (1, 0.25), (0.75, 0.25)])]),
                movers: [("mod(t*60,760)-60", "250", "24x56", "white"), ("620-mod(t*45,720)", "150", "20x48", "0xd0d0d0"),
                    ("if(gte(t,70),min((t-70)*50-40,300),-100)", "290", "30x30", "0xf0f0a0")],
                rule: (.intrusion, "quai", nil)),
            DemoCamera(
                camera: Camera(
                    name: "canebiere-02", title: "La Canebière", location: GeoPoint(latitude: 43.2976, longitude: 5.3800), heading: 90,
                    authorisation: "AP 13-2026-0143 (démo)", zones: [zone("voie", [(0, 0.45), (1, 0.45), (1, 0.8), (0, 0.8)])]),
                movers: [("mod(t*110,900)-120", "200", "90x40", "0x303030"), ("mod(t*80+300,900)-120", "220", "80x36", "0xe8e8e8"),
                    ("if(gte(t,55),700-(t-55)*90,-200)", "190", "90x40", "0xb0b0b0")],
                rule: (.wrongDirection, "voie", 90)),
            DemoCamera(
                camera: Camera(
                    name: "gare-st-charles-03", title: "Parvis de la gare Saint-Charles", location: GeoPoint(latitude: 43.3030, longitude: 5.3806),
                    heading: 180, authorisation: "AP 13-2026-0144 (démo)"),
                movers: [("100+mod(t*30,400)", "120+mod(t*20,150)", "18x40", "white"), ("500-mod(t*35,420)", "260", "18x42", "0xe0e0e0"),
                    ("if(gte(t,90),300+(t-90)*120,-100)", "100", "18x40", "white")],
                rule: nil),
        ]
    }

    /// Registers three cameras, makes two minutes of synthetic footage for each ending now (boxes moving
    /// over a still street, with sensor noise), indexes it, and enables two rules under a demo legal basis,
    /// so that the video pages have something to show. Returns the line to print.
    static func cameras(_ store: SQLiteStore, directory: URL, now: Date) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg") else {
            return "no camera footage: ffmpeg is missing (apt-get install ffmpeg)"
        }
        let seconds = 120
        var tracks = 0, events = 0
        for demo in demoCameras {
            let camera = try store.register(demo.camera)
            if let rule = demo.rule {
                _ = try store.addVideoRule(VideoRule(
                    cameraID: camera.id ?? 0, kind: rule.kind, zone: rule.zone, direction: rule.direction,
                    legalBasis: "Démonstration : aucun arrêté réel", enabledBy: "demo", enabledAt: now.addingTimeInterval(-3_600),
                    expiresAt: now.addingTimeInterval(30 * 86_400)))
            }
            let folder = directory.appendingPathComponent("footage/\(camera.name)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("demo.mp4")
            // A still street: a grey ground, a road, building fronts; then the moving boxes; then noise.
            var inputs = ["-f", "lavfi", "-i", "color=c=0x6a6a6a:s=640x360:r=12.5:d=\(seconds)"]
            var graph = "[0]drawbox=x=0:y=180:w=640:h=120:color=0x4a4a4a:t=fill,drawbox=x=20:y=20:w=180:h=120:color=0x8a8070:t=fill,"
                + "drawbox=x=420:y=10:w=200:h=130:color=0x7a7a8a:t=fill[s0]"
            for (n, mover) in demo.movers.enumerated() {
                inputs += ["-f", "lavfi", "-i", "color=c=\(mover.level):s=\(mover.size):r=12.5:d=\(seconds)"]
                graph += ";[s\(n)][\(n + 1)]overlay=x='\(mover.x)':y='\(mover.y)'[s\(n + 1)]"
            }
            graph += ";[s\(demo.movers.count)]noise=alls=4:allf=t[out]"
            _ = try FFmpegFrames.run("/usr/bin/ffmpeg", ["-y", "-loglevel", "error"] + inputs + [
                "-filter_complex", graph, "-map", "[out]", "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-pix_fmt", "yuv420p", file.path,
            ])
            let (_, index) = try RecordingIndexer().index(
                file: file.path, camera: camera, startedAt: now.addingTimeInterval(-Double(seconds)), into: store, now: now, owned: true)
            tracks += index.tracks.count
            events += index.events.count
        }
        return "\(demoCameras.count) cameras with two minutes of synthetic footage each: \(tracks) tracks and \(events) events to review (two rules under a demo legal basis)"
    }
}
