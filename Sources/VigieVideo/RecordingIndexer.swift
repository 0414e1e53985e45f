import Foundation
import VigieCore

/// Indexes a camera's footage into the store: its privacy masks never analysed, its rules running now
/// applied, and its segments, tracks, changes and events stored with the recording they come from.
public struct RecordingIndexer: Sendable {
    public var width = 320
    public var rate = 5.0
    public var segmentSeconds = 10.0
    public var settings = MotionSettings()

    public init(width: Int = 320, rate: Double = 5, segmentSeconds: Double = 10) {
        self.width = width
        self.rate = rate
        self.segmentSeconds = segmentSeconds
    }

    /// The camera's rules running at `now`.
    public static func activeRules(of camera: Camera, in store: VideoIndexRepository, now: Date) throws -> [VideoRule] {
        guard let id = camera.id else { return [] }
        return try store.videoRules(camera: id).filter { $0.isActive(at: now) }
    }

    /// An indexer for frames of `width` × `height` of this camera.
    public func streamIndexer(camera: Camera?, rules: [VideoRule], width: Int, height: Int) -> StreamIndexer {
        StreamIndexer(
            width: width, height: height, settings: settings, ignored: camera?.maskRaster(width: width, height: height),
            segmentSeconds: segmentSeconds, rules: rules, zones: camera?.zones ?? [])
    }

    /// Indexes a recording file that started at `startedAt`, then stores the recording and its whole index
    /// (one transaction for the index).
    /// `owned` says Vigie wrote the file itself, so that the retention purge deletes it too.
    public func index(file path: String, camera: Camera, startedAt: Date, into store: VideoIndexRepository, now: Date = Date(), owned: Bool = false) throws
        -> (recording: VideoRecording, index: VideoIndex)
    {
        guard let cameraID = camera.id else { throw VideoError("camera '\(camera.name)' is not registered") }
        let stored = URL(fileURLWithPath: path).standardizedFileURL.path
        if let earlier = try store.recordings(camera: cameraID).first(where: { $0.path == stored && abs($0.startedAt.timeIntervalSince(startedAt)) < 1 }) {
            throw VideoError("\(path) is indexed already as recording \(earlier.id ?? 0) of camera '\(camera.name)': indexing it again would count everything twice")
        }
        let frames = try FFmpegFrames(path: path, width: width, rate: rate)
        let indexer = streamIndexer(camera: camera, rules: try Self.activeRules(of: camera, in: store, now: now), width: frames.width, height: frames.height)
        let index = try indexer.index(frames: frames.next)
        guard index.frames > 0 else { throw VideoError("\(path): no frame could be read") }
        let length = frames.duration ?? Double(index.frames) / rate
        let recording = try store.addRecording(VideoRecording(
            cameraID: cameraID, path: stored, startedAt: startedAt,
            endedAt: startedAt.addingTimeInterval(length), width: frames.width, height: frames.height, owned: owned))
        try store.store(index.batch(recording: recording, camera: camera))
        return (recording, index)
    }
}
