import Foundation
import Testing
import VigieCore
import VigieVideo

/// Clips made by ffmpeg during the test, with objects on known paths, then read back through ffmpeg.
@Suite("Recordings read through ffmpeg and indexed", .serialized)
struct FFmpegTests {
    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-video-\(getpid())")

    /// Makes a 320×240 clip, 25 frames a second, of `seconds`: a grey ground, `video` filters after it, and a
    /// white square (24 pixels unless `size` says otherwise) overlaid at `x`, `y` (ffmpeg expressions of `t`;
    /// off-frame to hide it).
    static func clip(_ name: String, seconds: Int, x: String?, y: String = "100", size: String = "24x24", filters: String = "null") throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name + ".mp4").path
        var arguments = ["-y", "-loglevel", "error", "-f", "lavfi", "-i", "color=c=0x606060:s=320x240:r=25:d=\(seconds)"]
        if let x {
            arguments += ["-f", "lavfi", "-i", "color=c=white:s=\(size):r=25:d=\(seconds)", "-filter_complex",
                "[0][1]overlay=x='\(x)':y='\(y)',\(filters)"]
        } else {
            arguments += ["-vf", filters]
        }
        arguments += ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "50", path]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "ffmpeg made \(name)")
        return path
    }

    @Test("a square entering at 4 s is found within a second of it, moving right at its speed")
    func entering() throws {
        let path = try Self.clip("entering", seconds: 12, x: "if(gte(t,4),(t-4)*40,-100)")
        let file = try FFmpegFrames(path: path, width: 320, rate: 5)
        #expect(file.width == 320 && file.height == 240)
        let index = try StreamIndexer(width: file.width, height: file.height).index(frames: file.next)
        #expect(index.frames == 60)
        let track = try #require(index.tracks.first)
        #expect(index.tracks.count == 1, "\(index.tracks.map(\.firstTime))")
        #expect(abs(track.firstTime - 4) <= 1, "entered at \(track.firstTime)")
        #expect(abs((track.direction ?? 0) - 90) < 10 && abs(track.meanSpeed - 40) < 6, "\(track.direction ?? -1)°, \(track.meanSpeed) px/s")
        #expect(index.segments.count == 2 && index.segments[0].movingFrames > 0)
        // The second segment's grid marks the square's row and not the top of the frame.
        let grid = index.segments[1].grid
        #expect(grid.peak(in: (6...8).map { $0 * 16 + 13 }) >= 0.05)
        #expect(grid.peak(in: Array(0..<32)) == 0)
    }

    @Test("a static clip and a noise-only clip give no track and no moving segment")
    func quiet() throws {
        for (name, filters) in [("static", "null"), ("noise", "noise=alls=24:allf=t")] {
            let path = try Self.clip(name, seconds: 10, x: nil, filters: filters)
            let file = try FFmpegFrames(path: path)
            let index = try StreamIndexer(width: file.width, height: file.height).index(frames: file.next)
            #expect(index.tracks.isEmpty, "\(name): \(index.tracks.count) tracks")
            #expect(index.segments.allSatisfy { $0.movingFrames == 0 }, "\(name): \(index.segments.map(\.movingFrames))")
        }
    }

    @Test("a missing file and a file that is no video are refused by name")
    func refused() throws {
        #expect(throws: VideoError.self) { try FFmpegFrames(path: "/nonexistent.mp4") }
        let text = Self.folder.appendingPathComponent("not-a-video.mp4")
        try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
        try Data("hello".utf8).write(to: text)
        #expect(throws: VideoError.self) { try FFmpegFrames(path: text.path) }
    }
}
