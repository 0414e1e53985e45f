import Foundation

/// What a retention purge of video removed; `files` are footage, thumbnails and clips Vigie wrote itself
/// and must now delete from disk.
public struct VideoPurge: Hashable, Sendable {
    public var recordings = 0
    public var segments = 0
    public var tracks = 0
    public var changes = 0
    public var events = 0
    public var files: [String] = []
    /// Thumbnails and clips deleted with them.
    public var mediaFiles = 0
    /// Footage files that could not be deleted (permissions), to be seen to.
    public var undeleted: [String] = []
    public init() {}
}

/// A camera's activity now next to its usual, for the video wall.
public struct CameraAttention: Hashable, Sendable {
    public var camera: Camera
    /// The mean moving share of its last minutes' segments (0–1).
    public var recent: Double
    /// Its usual moving share, over the day before.
    public var usual: Double
    /// Pending events in the last minutes.
    public var pendingEvents: Int
    /// When its index was last written: `nil` when it is not followed.
    public var lastSeen: Date?

    public init(camera: Camera, recent: Double, usual: Double, pendingEvents: Int, lastSeen: Date?) {
        self.camera = camera
        self.recent = recent
        self.usual = usual
        self.pendingEvents = pendingEvents
        self.lastSeen = lastSeen
    }

    /// How unusual: recent activity over its usual, with a floor so that a quiet camera is not ranked high
    /// for one passer-by; pending events come first.
    public var score: Double { Double(pendingEvents) * 10 + recent / max(usual, 0.02) }
}

/// Where recordings' motion index, the cameras' rules and their events live.
public protocol VideoIndexRepository: VideoIndexReader, CameraRegistry {
    /// Stores a recording before its index, so that segments can name it.
    func addRecording(_ recording: VideoRecording) throws -> VideoRecording
    /// Moves a recording's end (a followed stream grows).
    func extendRecording(id: Int64, to end: Date) throws
    func recording(id: Int64) throws -> VideoRecording?
    /// The recordings of a camera that hold `time`, footage Vigie wrote first, then the latest.
    func recordings(camera: Int64, at time: Date) throws -> [VideoRecording]
    func recordings(camera: Int64) throws -> [VideoRecording]
    /// Stores segments, tracks, changes and events in one transaction, and folds them into the hour and
    /// day summaries.
    func store(_ batch: VideoIndexBatch) throws

    func addVideoRule(_ rule: VideoRule) throws -> VideoRule
    func videoRules(camera: Int64?) throws -> [VideoRule]
    /// Disables a rule from `time`; `false` when there is no such rule still enabled.
    func disableVideoRule(id: Int64, at time: Date) throws -> Bool

    /// Events, the latest first.
    func videoEvents(status: VideoEventStatus?, camera: Int64?, limit: Int) throws -> [VideoEvent]
    func videoEvent(id: Int64) throws -> VideoEvent?
    /// Records an operator's decision on a pending event; `false` when the event is unknown or decided.
    func reviewVideoEvent(id: Int64, status: VideoEventStatus, by: String, note: String?, at time: Date) throws -> Bool

    /// Every camera with its activity of the last `window` seconds against the day before, the most unusual first.
    func attention(now: Date, window: TimeInterval) throws -> [CameraAttention]

    /// Removes every recording, segment, track, change and event older than its camera's retention.
    func purgeVideo(now: Date) throws -> VideoPurge
}
