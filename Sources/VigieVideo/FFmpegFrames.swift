import Foundation

/// Why a video could not be read.
public struct VideoError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A recording read through Debian's ffmpeg as small gray frames at a steady rate: ffmpeg decodes and
/// scales, Vigie reads exactly width × height bytes per frame from its output.
public final class FFmpegFrames {
    public let path: String
    public let width: Int
    public let height: Int
    /// Frames a second handed over (ffmpeg drops or repeats frames to keep this rate).
    public let rate: Double
    /// The source's own size and length, as ffprobe reads them.
    public let sourceWidth: Int
    public let sourceHeight: Int
    public let duration: Double?
    private let process = Process()
    private let output: FileHandle
    private var index = 0
    private var buffer = Data()

    /// Opens `path` to be read at `width` pixels wide (the height keeps the aspect, even) and `rate` frames
    /// a second. `ffmpeg` and `ffprobe` are looked for in /usr/bin unless given.
    public init(path: String, width: Int = 320, rate: Double = 5, ffmpeg: String = "/usr/bin/ffmpeg", ffprobe: String = "/usr/bin/ffprobe") throws {
        guard FileManager.default.isExecutableFile(atPath: ffmpeg), FileManager.default.isExecutableFile(atPath: ffprobe) else {
            throw VideoError("\(ffmpeg) or \(ffprobe) is missing: apt-get install ffmpeg")
        }
        guard FileManager.default.isReadableFile(atPath: path) else { throw VideoError("\(path): no such file, or not readable") }
        guard (16...1_920).contains(width), rate > 0, rate <= 60 else {
            throw VideoError("a width of 16 to 1920 pixels and a rate of up to 60 frames a second are read")
        }
        let probe = try Self.run(ffprobe, [
            "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height:format=duration", "-of",
            "default=noprint_wrappers=1", path,
        ])
        var values: [String: String] = [:]
        for line in probe.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
        }
        guard let sourceWidth = values["width"].flatMap(Int.init), let sourceHeight = values["height"].flatMap(Int.init),
            sourceWidth > 0, sourceHeight > 0
        else { throw VideoError("\(path): ffprobe finds no video stream") }
        self.path = path
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
        self.duration = values["duration"].flatMap(Double.init)
        self.width = width
        self.height = max(2, Int((Double(width) * Double(sourceHeight) / Double(sourceWidth) / 2).rounded()) * 2)
        self.rate = rate
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = [
            "-nostdin", "-loglevel", "error", "-i", path, "-an", "-vf",
            "fps=\(rate),scale=\(width):\(height):flags=area,format=gray", "-f", "rawvideo", "pipe:1",
        ]
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        output = pipe.fileHandleForReading
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// The next frame, `nil` at the end of the video.
    public func next() throws -> GrayFrame? {
        let size = width * height
        while buffer.count < size {
            let chunk = output.readData(ofLength: max(size - buffer.count, 65_536))
            if chunk.isEmpty {
                process.waitUntilExit()
                if buffer.isEmpty || buffer.count < size {
                    if process.terminationStatus != 0 && index == 0 {
                        throw VideoError("\(path): ffmpeg could not decode it (status \(process.terminationStatus))")
                    }
                    return nil
                }
                break
            }
            buffer.append(chunk)
        }
        let pixels = [UInt8](buffer.prefix(size))
        buffer.removeFirst(size)
        defer { index += 1 }
        return GrayFrame(width: width, height: height, pixels: pixels, time: Double(index) / rate)
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw VideoError("\(tool) failed on \(arguments.last ?? "")") }
        return String(decoding: data, as: UTF8.self)
    }
}

/// What indexing a recording found: per segment, where and how much it moved; and every track.
public struct VideoIndex: Sendable {
    public struct Segment: Sendable, Hashable {
        /// Seconds from the start of the recording.
        public var start: Double
        public var end: Double
        public var grid: ActivityGrid
        /// Frames with something moving.
        public var movingFrames: Int
        /// The largest share of the frame moving at once.
        public var largestShare: Double
    }

    public var width: Int
    public var height: Int
    public var frames: Int
    public var segments: [Segment]
    /// Tracks seen in at least `minimumTrackFrames` frames.
    public var tracks: [Track]
    /// Times the scene changed as a whole (camera moved, covered, lights switched).
    public var sceneChanges: [Double]
}

/// Reads frames through motion and tracking into an index.
public enum VideoIndexer {
    /// Indexes a sequence of frames: motion per frame, tracks, `segmentSeconds` activity grids.
    public static func index(
        frames next: () throws -> GrayFrame?, width: Int, height: Int, settings: MotionSettings = MotionSettings(),
        ignored: [UInt8]? = nil, segmentSeconds: Double = 10, minimumTrackFrames: Int = 5
    ) throws -> VideoIndex {
        let detector = MotionDetector(width: width, height: height, settings: settings, ignored: ignored)
        let tracker = Tracker(maximumDistance: Double(width) / 8, maximumMissing: 3)
        var segments: [VideoIndex.Segment] = []
        var builder = ActivityGridBuilder(width: width, height: height)
        var segment = VideoIndex.Segment(start: 0, end: segmentSeconds, grid: ActivityGrid(), movingFrames: 0, largestShare: 0)
        var tracks: [Track] = []
        var sceneChanges: [Double] = []
        var count = 0
        func close() {
            segment.grid = builder.grid()
            segments.append(segment)
            builder = ActivityGridBuilder(width: width, height: height)
        }
        while let frame = try next() {
            while frame.time >= segment.end {
                close()
                segment = VideoIndex.Segment(
                    start: segment.end, end: segment.end + segmentSeconds, grid: ActivityGrid(), movingFrames: 0, largestShare: 0)
            }
            let result = detector.process(frame)
            count += 1
            if result.sceneChange { sceneChanges.append(frame.time) }
            builder.add(result.moving)
            if !result.moving.isEmpty {
                segment.movingFrames += 1
                segment.largestShare = max(segment.largestShare, result.changedShare)
            }
            tracks += tracker.update(result.moving, time: frame.time)
        }
        if count > 0 { close() }
        tracks += tracker.finish()
        return VideoIndex(
            width: width, height: height, frames: count, segments: segments,
            tracks: tracks.filter { $0.points.count >= minimumTrackFrames }.sorted { $0.firstTime < $1.firstTime },
            sceneChanges: sceneChanges)
    }

    /// Indexes a recording read through ffmpeg.
    public static func index(file: FFmpegFrames, settings: MotionSettings = MotionSettings(), segmentSeconds: Double = 10) throws -> VideoIndex {
        try index(frames: file.next, width: file.width, height: file.height, settings: settings, segmentSeconds: segmentSeconds)
    }
}
