import Foundation
import VigieCore

/// Follows a camera's live stream (RTSP, or a file played at its own pace) through ffmpeg and stores its
/// index as it goes: each segment, the tracks that ended and the events raised are stored once complete,
/// so stopping loses at most the segment under way. With a footage directory, ffmpeg also writes the
/// stream as 10-minute MP4 files there (copied, not re-encoded), which the store records as footage Vigie
/// owns, for thumbnails and playback, and deletes with the camera's retention.
public final class LiveFollower {
    public struct Summary: Sendable {
        public var frames = 0
        public var segments = 0
        public var tracks = 0
        public var events = 0
    }

    public let camera: Camera
    public let source: String
    private let store: VideoIndexRepository
    private let frames: FFmpegFrames
    private let footage: URL?
    private let indexer: StreamIndexer
    private var recording: VideoRecording
    private var listedFootage = 0

    public init(
        camera: Camera, source: String, store: VideoIndexRepository, footage: String?, realTime: Bool, width: Int = 320, rate: Double = 5,
        now: Date = Date()
    ) throws {
        guard let cameraID = camera.id else { throw VideoError("camera '\(camera.name)' is not registered") }
        self.camera = camera
        self.source = source
        self.store = store
        var input: [String] = realTime ? ["-re"] : []
        if source.hasPrefix("rtsp://") || source.hasPrefix("rtsps://") { input += ["-rtsp_transport", "tcp"] }
        var output: [String] = []
        if let footage {
            let directory = URL(fileURLWithPath: footage).appendingPathComponent(camera.name)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let stamp = Int(now.timeIntervalSince1970)
            output = [
                "-map", "0:v:0", "-c:v", "copy", "-f", "segment", "-segment_time", "600", "-reset_timestamps", "1",
                "-segment_list", directory.appendingPathComponent("\(stamp).csv").path, "-segment_list_type", "csv",
                directory.appendingPathComponent("\(stamp)-%05d.mp4").path,
            ]
            self.footage = directory.appendingPathComponent("\(stamp).csv")
        } else {
            self.footage = nil
        }
        frames = try FFmpegFrames(path: source, width: width, rate: rate, input: input, output: output)
        let rules = try RecordingIndexer.activeRules(of: camera, in: store, now: now)
        indexer = RecordingIndexer(width: width, rate: rate).streamIndexer(camera: camera, rules: rules, width: frames.width, height: frames.height)
        recording = try store.addRecording(VideoRecording(
            cameraID: cameraID, path: FFmpegFrames.redacted(source), startedAt: now, endedAt: now, width: frames.width, height: frames.height))
    }

    /// Follows until the stream ends, or `limit` seconds of video have been read.
    public func run(limit: Double? = nil) throws -> Summary {
        var summary = Summary()
        var pending = VideoIndex(width: indexer.width, height: indexer.height)
        while let frame = try frames.next() {
            if let limit, frame.time >= limit {
                frames.stop()
                break
            }
            let step = indexer.process(frame)
            pending.append(step)
            summary.frames += 1
            if !step.segments.isEmpty {
                try flush(&pending, upTo: frame.time, summary: &summary)
                indexer.update(rules: try RecordingIndexer.activeRules(of: camera, in: store, now: Date()))
            }
        }
        pending.append(indexer.finish())
        // ffmpeg has ended or been stopped and waited for: its last footage file is complete and listed.
        frames.stop()
        try flush(&pending, upTo: pending.segments.last?.end ?? 0, summary: &summary)
        try recordFootage()
        return summary
    }

    private func flush(_ pending: inout VideoIndex, upTo time: Double, summary: inout Summary) throws {
        try store.store(pending.batch(recording: recording, camera: camera))
        recording.endedAt = recording.startedAt.addingTimeInterval(time)
        try store.extendRecording(id: recording.id ?? 0, to: recording.endedAt)
        summary.segments += pending.segments.count
        summary.tracks += pending.tracks.count
        summary.events += pending.events.count
        pending = VideoIndex(width: indexer.width, height: indexer.height)
        try recordFootage()
    }

    /// Records the footage files ffmpeg has completed since the last look (its segment list names each
    /// file with its start and end in the stream).
    private func recordFootage() throws {
        guard let list = footage, let text = try? String(contentsOf: list, encoding: .utf8) else { return }
        let lines = text.split(separator: "\n")
        guard lines.count > listedFootage, let cameraID = camera.id else { return }
        for line in lines[listedFootage...] {
            let fields = line.split(separator: ",")
            guard fields.count >= 3, let start = Double(fields[1]), let end = Double(fields[2]) else { continue }
            let path = list.deletingLastPathComponent().appendingPathComponent(String(fields[0])).path
            _ = try store.addRecording(VideoRecording(
                cameraID: cameraID, path: path, startedAt: recording.startedAt.addingTimeInterval(start),
                endedAt: recording.startedAt.addingTimeInterval(end), width: recording.width, height: recording.height, owned: true))
        }
        listedFootage = lines.count
    }
}
