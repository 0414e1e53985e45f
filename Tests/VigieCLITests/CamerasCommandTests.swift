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
}
