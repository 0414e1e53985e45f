import Foundation
import VigieCore

/// The refine step of a search: for each span the index found, only the footage's key frames are decoded
/// (no other frame depends on them, so ffmpeg skips the rest), and the span is kept if the zone changes
/// between consecutive key frames, narrowed to those key frames. Spans whose footage is gone are kept as
/// the index found them.
public struct KeyframeRefiner: Sendable {
    /// Width key frames are compared at.
    public var width = 160
    /// A pixel changed when its difference, beyond the frame's overall shift, is above this.
    public var pixelThreshold = 25
    /// A key frame pair differs when this share of the zone's pixels changed.
    public var minimumShare = 0.004
    public var ffmpeg = "/usr/bin/ffmpeg"
    public var ffprobe = "/usr/bin/ffprobe"

    public init() {}

    public func refine(_ spans: [VideoSpan], zone: ImageZone?, store: VideoIndexRepository) throws -> (spans: [VideoSpan], keyframes: Int) {
        var kept: [VideoSpan] = []
        var decoded = 0
        let cameras = try store.camerasByID()
        for span in spans {
            guard let recording = try store.recording(id: span.recordingID), FileManager.default.isReadableFile(atPath: recording.path) else {
                kept.append(span)
                continue
            }
            let from = recording.offset(of: span.start), to = recording.offset(of: span.end)
            let frames: [GrayFrame]
            do {
                frames = try keyframes(of: recording.path, from: max(0, from - 10), to: to + 0.5)
            } catch is VideoError {
                // Footage ffmpeg cannot read (truncated, damaged): the span stays as the index found it.
                kept.append(span)
                continue
            }
            decoded += frames.count
            let (width, height) = (frames.first?.width ?? 1, frames.first?.height ?? 1)
            // The pixels compared: the zone's (all without one), never a privacy mask's.
            var mask = zone?.raster(width: width, height: height)
            if let privacy = cameras[span.cameraID]?.maskRaster(width: width, height: height) {
                var allowed = mask ?? [UInt8](repeating: 1, count: width * height)
                for i in allowed.indices where privacy[i] != 0 { allowed[i] = 0 }
                mask = allowed
            }
            var changed: [(Double, Double)] = []
            for (a, b) in zip(frames, frames.dropFirst()) where differs(a, b, mask: mask) {
                // Only pairs that touch the span count.
                if b.time >= from - 0.5 && a.time <= to + 0.5 { changed.append((a.time, b.time)) }
            }
            guard let first = changed.first, let last = changed.last else { continue }
            var narrowed = span
            narrowed.start = recording.startedAt.addingTimeInterval(max(from, first.0))
            narrowed.end = recording.startedAt.addingTimeInterval(min(to, last.1))
            if narrowed.end <= narrowed.start { narrowed.end = span.end }
            kept.append(narrowed)
        }
        return (kept, decoded)
    }

    /// Whether two key frames differ in the mask (everywhere when `nil`).
    func differs(_ a: GrayFrame, _ b: GrayFrame, mask: [UInt8]?) -> Bool {
        var histogram = [Int](repeating: 0, count: 511)
        for i in a.pixels.indices where mask?[i] ?? 1 != 0 { histogram[Int(b.pixels[i]) - Int(a.pixels[i]) + 255] += 1 }
        let total = histogram.reduce(0, +)
        guard total > 0 else { return false }
        var seen = 0, median = 0
        for (value, count) in histogram.enumerated() {
            seen += count
            if seen * 2 >= total { median = value - 255; break }
        }
        var changed = 0
        for i in a.pixels.indices where mask?[i] ?? 1 != 0 {
            if abs(Int(b.pixels[i]) - Int(a.pixels[i]) - median) > pixelThreshold { changed += 1 }
        }
        return Double(changed) >= max(4, minimumShare * Double(total))
    }

    /// The key frames of [from, to] seconds of a file, gray at `width`, each with its time in the file.
    public func keyframes(of path: String, from: Double, to: Double) throws -> [GrayFrame] {
        let interval = String(format: "%.3f%%%.3f", from, to)
        let packets = try FFmpegFrames.run(ffprobe, [
            "-v", "error", "-select_streams", "v:0", "-read_intervals", interval, "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", path,
        ])
        let times = packets.split(separator: "\n").compactMap { line -> Double? in
            let fields = line.split(separator: ",")
            guard fields.count >= 2, fields[1].contains("K"), let time = Double(fields[0]), time >= from - 0.001, time <= to else { return nil }
            return time
        }.sorted()
        guard !times.isEmpty else { return [] }
        let source = try FFmpegFrames.probe(path, ffprobe: ffprobe)
        let height = FFmpegFrames.height(atWidth: width, sourceWidth: source.width, sourceHeight: source.height)
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = [
            "-nostdin", "-loglevel", "error", "-skip_frame", "nokey", "-ss", String(format: "%.3f", max(0, times[0] - 0.001)), "-i", path,
            "-t", String(format: "%.3f", to - times[0] + 0.01), "-an", "-fps_mode", "passthrough", "-vf", "scale=\(width):\(height):flags=area,format=gray",
            "-f", "rawvideo", "pipe:1",
        ]
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let size = width * height
        let bytes = [UInt8](data)
        return (0..<min(times.count, bytes.count / size)).map { n in
            GrayFrame(width: width, height: height, pixels: Array(bytes[(n * size)..<((n + 1) * size)]), time: times[n])
        }
    }
}
