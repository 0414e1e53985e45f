import Foundation
import Testing
import VigieTestSupport

@Suite("vigie cameras and vigie video index, as commands")
struct CamerasCommandTests {
    let directory: TemporaryDirectory
    let database: String

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.file("v.sqlite").path
    }

    func vigie(_ arguments: String...) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments + ["--db", database])
    }

    @Test("a camera is registered with its zones and masks; a retention over 30 days and a second of the same name are refused")
    func register() throws {
        let drawing = directory.file("drawing.json")
        try Data(#"{"zones": [{"name": "entrance", "points": [{"x": 0, "y": 0.5}, {"x": 0.5, "y": 0.5}, {"x": 0.5, "y": 1}]}], "privacyMasks": [{"name": "band", "points": [{"x": 0, "y": 0.3}, {"x": 1, "y": 0.3}, {"x": 1, "y": 0.7}, {"x": 0, "y": 0.7}]}]}"#.utf8)
            .write(to: drawing)
        let add = try vigie(
            "cameras", "add", "vieux-port-01", "--title", "Quai des Belges", "--authorisation", "AP 2026-114",
            "--position", "43.2951,5.3743", "--drawing", drawing.path)
        #expect(add.status == 0 && add.output.contains("1 zone(s), 1 privacy mask(s), kept 30 days"), "\(add.error)")
        #expect(try vigie("cameras", "list").output.contains("vieux-port-01"))
        #expect(try vigie("cameras", "show", "vieux-port-01").output.contains("privacy mask band"))
        let long = try vigie("cameras", "add", "other", "--title", "x", "--authorisation", "AP", "--retention-days", "45")
        #expect(long.status != 0 && long.error.contains("retention must be 1 to 30 days"))
        let twice = try vigie("cameras", "add", "vieux-port-01", "--title", "x", "--authorisation", "AP")
        #expect(twice.status != 0 && twice.error.contains("registered already"))

        // A square crossing the frame inside the masked band is never seen; without the camera, it is.
        let clip = directory.file("band.mp4").path
        let ffmpeg = Process()
        ffmpeg.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        ffmpeg.arguments = ["-y", "-loglevel", "error", "-f", "lavfi", "-i", "color=c=0x606060:s=320x240:r=25:d=8", "-f", "lavfi",
            "-i", "color=c=white:s=24x24:r=25:d=8", "-filter_complex", "[0][1]overlay=x='if(gte(t,2),(t-2)*45,-100)':y=108",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", clip]
        try ffmpeg.run()
        ffmpeg.waitUntilExit()
        let open = try vigie("video", "index", clip)
        #expect(open.status == 0 && open.output.contains("1 tracks"), "\(open.output)\(open.error)")
        let masked = try vigie("video", "index", clip, "--camera", "vieux-port-01")
        #expect(masked.status == 0 && masked.output.contains("0 tracks"), "\(masked.output)\(masked.error)")
        #expect(try vigie("video", "index", clip, "--camera", "nowhere").error.contains("no camera 'nowhere'"))
    }

    @Test("a stream followed into the store; a rule enabled under its legal basis; its event reviewed once; a search by direction")
    func followSearchReview() throws {
        let drawing = directory.file("zones.json")
        try Data(#"{"zones": [{"name": "right", "points": [{"x": 0.5, "y": 0}, {"x": 1, "y": 0}, {"x": 1, "y": 1}, {"x": 0.5, "y": 1}]}]}"#.utf8)
            .write(to: drawing)
        #expect(try vigie("cameras", "add", "quai-01", "--title", "Quai", "--authorisation", "AP 2026-17", "--drawing", drawing.path).status == 0)
        let expires = ISO8601DateFormatter().string(from: Date().addingTimeInterval(86_400))
        let blank = try vigie("video", "rules", "enable", "--camera", "quai-01", "--kind", "intrusion", "--zone", "right", "--legal-basis", " ", "--expires", expires)
        #expect(blank.status != 0 && blank.error.contains("legal basis is empty"), "\(blank.error)")
        let far = try vigie("video", "rules", "enable", "--camera", "quai-01", "--kind", "intrusion", "--zone", "right", "--legal-basis", "AP 2026-18",
            "--expires", ISO8601DateFormatter().string(from: Date().addingTimeInterval(400 * 86_400)))
        #expect(far.status != 0 && far.error.contains("a year at most"), "\(far.error)")
        let enabled = try vigie("video", "rules", "enable", "--camera", "quai-01", "--kind", "intrusion", "--zone", "right", "--legal-basis", "AP 2026-18",
            "--expires", expires)
        #expect(enabled.status == 0 && enabled.output.contains("rule 1 enabled"), "\(enabled.error)")
        #expect(try vigie("video", "rules").output.contains("running"))

        let clip = directory.file("cross.mp4").path
        let ffmpeg = Process()
        ffmpeg.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        ffmpeg.arguments = ["-y", "-loglevel", "error", "-f", "lavfi", "-i", "color=c=0x606060:s=320x240:r=25:d=12", "-f", "lavfi",
            "-i", "color=c=white:s=24x24:r=25:d=12", "-filter_complex", "[0][1]overlay=x='if(gte(t,2),(t-2)*40-12,-100)':y=100",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "50", clip]
        try ffmpeg.run()
        ffmpeg.waitUntilExit()
        let footage = directory.file("footage").path
        let follow = try vigie("video", "follow", clip, "--camera", "quai-01", "--footage", footage)
        #expect(follow.status == 0 && follow.output.contains("2 segments") && follow.output.contains("1 events stored"), "\(follow.output)\(follow.error)")
        let files = try FileManager.default.contentsOfDirectory(atPath: footage + "/quai-01")
        #expect(files.contains { $0.hasSuffix(".mp4") } && files.contains { $0.hasSuffix(".csv") }, "\(files)")

        let events = try vigie("video", "events")
        #expect(events.output.contains("intrusion") && events.output.contains("pending"), "\(events.output)")
        #expect(try vigie("video", "events", "review", "1", "--confirm", "--note", "vu").output.contains("event 1 confirmed"))
        let again = try vigie("video", "events", "review", "1", "--dismiss")
        #expect(again.status != 0 && again.error.contains("no pending event 1"))
        #expect(try vigie("video", "events", "--status", "confirmed").output.contains("vu"))

        // A file followed without --real-time starts when the follow starts, and runs ahead of the clock.
        let ahead = ISO8601DateFormatter().string(from: Date().addingTimeInterval(60))
        let east = try vigie("video", "search", "--camera", "quai-01", "--to", ahead, "--direction", "90", "--tolerance", "30", "--reason", "PV 26-1")
        #expect(east.status == 0 && east.output.contains("track"), "\(east.output)\(east.error)")
        let west = try vigie("video", "search", "--camera", "quai-01", "--to", ahead, "--direction", "270", "--tolerance", "30")
        #expect(west.status == 0 && !west.output.contains("track"), "\(west.output)")
        #expect(try vigie("audit").output.contains("PV 26-1"))
        #expect(try vigie("video", "attention").output.contains("quai-01"))
    }
}
