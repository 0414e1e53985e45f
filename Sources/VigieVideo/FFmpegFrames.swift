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
    private let reader: FileHandle
    private var index = 0
    private var buffer = Data()

    /// The height frames of a source are read at `width` pixels wide: the source's aspect, rounded to even.
    public static func height(atWidth width: Int, sourceWidth: Int, sourceHeight: Int) -> Int {
        max(2, Int((Double(width) * Double(sourceHeight) / Double(sourceWidth) / 2).rounded()) * 2)
    }

    /// What ffprobe reads of a video: its size and length.
    public static func probe(_ path: String, ffprobe: String = "/usr/bin/ffprobe") throws -> (width: Int, height: Int, duration: Double?) {
        let probe = try Self.run(ffprobe, [
            "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height:format=duration", "-of",
            "default=noprint_wrappers=1", path,
        ])
        var values: [String: String] = [:]
        for line in probe.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
        }
        guard let width = values["width"].flatMap(Int.init), let height = values["height"].flatMap(Int.init), width > 0, height > 0 else {
            throw VideoError("\(path): ffprobe finds no video stream")
        }
        return (width, height, values["duration"].flatMap(Double.init))
    }

    /// Opens `path` (a file, or a stream's address) to be read at `width` pixels wide (the height keeps the
    /// aspect, even) and `rate` frames a second. `input` options go before the input (`-re` to play a file
    /// at its own pace, `-rtsp_transport tcp`); `output` adds a second output of the same input (footage
    /// written as it comes). `ffmpeg` and `ffprobe` are looked for in /usr/bin unless given.
    public init(
        path: String, width: Int = 320, rate: Double = 5, input: [String] = [], output: [String] = [], ffmpeg: String = "/usr/bin/ffmpeg",
        ffprobe: String = "/usr/bin/ffprobe"
    ) throws {
        guard FileManager.default.isExecutableFile(atPath: ffmpeg), FileManager.default.isExecutableFile(atPath: ffprobe) else {
            throw VideoError("\(ffmpeg) or \(ffprobe) is missing: apt-get install ffmpeg")
        }
        let isStream = path.contains("://")
        guard isStream || FileManager.default.isReadableFile(atPath: path) else { throw VideoError("\(path): no such file, or not readable") }
        guard (16...1_920).contains(width), rate > 0, rate <= 60 else {
            throw VideoError("a width of 16 to 1920 pixels and a rate of up to 60 frames a second are read")
        }
        let source = try Self.probe(path, ffprobe: ffprobe)
        self.path = path
        self.sourceWidth = source.width
        self.sourceHeight = source.height
        self.duration = source.duration
        self.width = width
        self.height = Self.height(atWidth: width, sourceWidth: source.width, sourceHeight: source.height)
        self.rate = rate
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = ["-nostdin", "-loglevel", "error"] + input + ["-i", path] + output + [
            "-an", "-vf", "fps=\(rate),scale=\(width):\(height):flags=area,format=gray", "-f", "rawvideo", "pipe:1",
        ]
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        reader = pipe.fileHandleForReading
        try process.run()
    }

    deinit { stop() }

    /// Stops ffmpeg (a live stream has no end of its own) and waits for it to finish its outputs.
    public func stop() {
        if process.isRunning {
            process.terminate()
            // Nothing more is read: closing the pipe keeps ffmpeg from blocking on a full one as it finishes.
            try? reader.close()
            process.waitUntilExit()
        }
    }

    /// An address as it may be kept and shown: without the user name and password an RTSP URL may carry.
    public static func redacted(_ source: String) -> String {
        guard source.contains("://"), var components = URLComponents(string: source), components.user != nil || components.password != nil else {
            return source
        }
        components.user = nil
        components.password = nil
        return components.string ?? source
    }

    /// The next frame, `nil` at the end of the video.
    public func next() throws -> GrayFrame? {
        let size = width * height
        while buffer.count < size {
            let chunk = reader.readData(ofLength: max(size - buffer.count, 65_536))
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

    /// Runs a tool to its end and returns what it wrote; a failure names the tool and its last argument.
    public static func run(_ tool: String, _ arguments: [String]) throws -> String {
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
