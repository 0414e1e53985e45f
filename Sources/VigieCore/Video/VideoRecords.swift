import Foundation

/// A recording whose motion index is in the store: a file indexed afterwards, or a live stream followed.
public struct VideoRecording: Hashable, Sendable {
    public var id: Int64?
    public var cameraID: Int64
    /// Where the footage is, for thumbnails and playback: a file path, or the stream's address.
    public var path: String
    public var startedAt: Date
    public var endedAt: Date
    /// The size frames were analysed at.
    public var width: Int
    public var height: Int
    /// Whether Vigie wrote the footage itself (a followed stream's segments), so that the retention purge
    /// deletes it too; a file indexed afterwards belongs to the recorder and only its index is purged.
    public var owned: Bool

    public init(id: Int64? = nil, cameraID: Int64, path: String, startedAt: Date, endedAt: Date, width: Int, height: Int, owned: Bool = false) {
        self.id = id
        self.cameraID = cameraID
        self.path = path
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.width = width
        self.height = height
        self.owned = owned
    }

    /// Seconds into the footage of a moment of the recording.
    public func offset(of time: Date) -> Double { max(0, time.timeIntervalSince(startedAt)) }
}

/// Where motion was in a camera's image: a 16 × 16 grid over the image, each cell the share of frames it
/// moved in (0–255).
public struct MotionGrid: Hashable, Sendable {
    public static let side = 16
    public static let cellCount = side * side
    public var cells: [UInt8]

    public init(cells: [UInt8] = Array(repeating: 0, count: MotionGrid.cellCount)) {
        precondition(cells.count == Self.cellCount, "a motion grid has 256 cells")
        self.cells = cells
    }

    public var isEmpty: Bool { !cells.contains { $0 != 0 } }

    /// The highest cell of `region`, the whole grid when `nil`, as a share 0–1.
    public func peak(in region: [Int]?) -> Double {
        guard let region else { return Double(cells.max() ?? 0) / 255 }
        var peak: UInt8 = 0
        for cell in region where cells[cell] > peak { peak = cells[cell] }
        return Double(peak) / 255
    }

    /// The cell by cell maximum of two grids.
    public mutating func formMaximum(_ other: MotionGrid) {
        for i in cells.indices where other.cells[i] > cells[i] { cells[i] = other.cells[i] }
    }

    /// The cells a zone of the image covers: those whose area it overlaps at all (sampled 4 × 4 per cell,
    /// so a thin zone still has cells).
    public static func cells(of zone: ImageZone) -> [Int] {
        var cells: [Int] = []
        for cy in 0..<side {
            for cx in 0..<side {
                var hit = false
                for sy in 0..<4 where !hit {
                    for sx in 0..<4 where !hit {
                        let point = ImagePoint(x: (Double(cx) + (Double(sx) + 0.5) / 4) / Double(side), y: (Double(cy) + (Double(sy) + 0.5) / 4) / Double(side))
                        hit = zone.contains(point)
                    }
                }
                if hit { cells.append(cy * side + cx) }
            }
        }
        return cells
    }

    /// Stored sparsely: a (cell, value) byte pair per cell that moved; empty for a still segment.
    public var packed: Data {
        var data = Data()
        for (cell, value) in cells.enumerated() where value != 0 {
            data.append(UInt8(cell))
            data.append(value)
        }
        return data
    }

    public init(packed data: Data) {
        var cells = [UInt8](repeating: 0, count: Self.cellCount)
        cells.withUnsafeMutableBufferPointer { cells in
            data.withUnsafeBytes { bytes in
                var index = 0
                while index + 1 < bytes.count {
                    cells[Int(bytes[index])] = bytes[index + 1]
                    index += 2
                }
            }
        }
        self.cells = cells
    }
}

/// A recording segment (10 s by default) as indexed: how much and where it moved.
public struct VideoSegmentRecord: Hashable, Sendable {
    public var cameraID: Int64
    public var recordingID: Int64
    public var start: Date
    public var end: Date
    public var frames: Int
    /// Frames with something moving.
    public var movingFrames: Int
    /// The largest share of the image moving, or resting where it did not before, in one frame: density.
    public var largestShare: Double
    public var grid: MotionGrid

    public init(cameraID: Int64, recordingID: Int64, start: Date, end: Date, frames: Int, movingFrames: Int, largestShare: Double, grid: MotionGrid) {
        self.cameraID = cameraID
        self.recordingID = recordingID
        self.start = start
        self.end = end
        self.frames = frames
        self.movingFrames = movingFrames
        self.largestShare = largestShare
        self.grid = grid
    }
}

/// A moving object's path as indexed: positions only, as shares of the image, never its appearance.
public struct VideoTrackRecord: Hashable, Sendable {
    public struct Point: Hashable, Sendable {
        /// Seconds after the track's start.
        public var offset: Float
        public var x: Float
        public var y: Float

        public init(offset: Float, x: Float, y: Float) {
            self.offset = offset
            self.x = x
            self.y = y
        }
    }

    public var id: Int64?
    public var cameraID: Int64
    public var recordingID: Int64
    public var start: Date
    public var end: Date
    /// Degrees clockwise from the top of the image; `nil` for an object that hardly moved.
    public var direction: Double?
    /// Image widths a second, from the first point to the last.
    public var speed: Double
    /// The longest it stayed in one place, seconds.
    public var dwell: Double
    /// The largest share of the image its box covered.
    public var largestShare: Double
    public var points: [Point]

    public init(
        id: Int64? = nil, cameraID: Int64, recordingID: Int64, start: Date, end: Date, direction: Double?, speed: Double, dwell: Double,
        largestShare: Double, points: [Point]
    ) {
        self.id = id
        self.cameraID = cameraID
        self.recordingID = recordingID
        self.start = start
        self.end = end
        self.direction = direction
        self.speed = speed
        self.dwell = dwell
        self.largestShare = largestShare
        self.points = points
    }

    /// When the path first enters `zone`, if it does.
    public func entry(into zone: ImageZone) -> Date? {
        points.first { zone.contains(ImagePoint(x: Double($0.x), y: Double($0.y))) }.map { start.addingTimeInterval(Double($0.offset)) }
    }

    /// The points packed as little-endian Float32 triples.
    public static func pack(_ points: [Point]) -> Data {
        var data = Data(capacity: points.count * 12)
        for point in points {
            for value in [point.offset, point.x, point.y] { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        }
        return data
    }

    public static func unpack(_ data: Data) -> [Point] {
        let bytes = [UInt8](data)
        func float(_ at: Int) -> Float {
            Float(bitPattern: UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24)
        }
        return stride(from: 0, to: bytes.count - 11, by: 12).map { Point(offset: float($0), x: float($0 + 4), y: float($0 + 8)) }
    }
}

/// What changed and stayed changed in a camera's image: an object left (a track ended there and it stayed),
/// an object removed (a track left from there, uncovering what was behind), or a change with no track.
public enum SceneChangeKind: String, Hashable, Sendable, CaseIterable, Codable {
    case left, removed, changed
}

/// A box of the image, as shares of its width and height.
public struct ImageBox: Hashable, Sendable, Codable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    public var centre: ImagePoint { ImagePoint(x: (minX + maxX) / 2, y: (minY + maxY) / 2) }
}

/// A region that changed and stayed changed (against the slow background) for a while.
public struct VideoChangeRecord: Hashable, Sendable {
    public var cameraID: Int64
    public var recordingID: Int64
    public var kind: SceneChangeKind
    /// When the object came to rest, or left.
    public var start: Date
    /// The last time the change was seen.
    public var end: Date
    public var box: ImageBox

    public init(cameraID: Int64, recordingID: Int64, kind: SceneChangeKind, start: Date, end: Date, box: ImageBox) {
        self.cameraID = cameraID
        self.recordingID = recordingID
        self.kind = kind
        self.start = start
        self.end = end
        self.box = box
    }
}

/// A recording's index as it is stored in one go: its segments, tracks, lasting changes and the events its
/// camera's rules raised.
public struct VideoIndexBatch: Sendable {
    public var segments: [VideoSegmentRecord]
    public var tracks: [VideoTrackRecord]
    public var changes: [VideoChangeRecord]
    public var events: [VideoEvent]

    public init(segments: [VideoSegmentRecord] = [], tracks: [VideoTrackRecord] = [], changes: [VideoChangeRecord] = [], events: [VideoEvent] = []) {
        self.segments = segments
        self.tracks = tracks
        self.changes = changes
        self.events = events
    }
}
