import Foundation
import VigieCore

/// An object followed from frame to frame by its position alone: no appearance is kept, so nothing can
/// tell one person from another.
public struct Track: Sendable, Hashable {
    public struct Point: Sendable, Hashable {
        public var time: Double
        public var x: Double
        public var y: Double
    }

    public var id: Int
    /// Foot positions (middle of the box's bottom), in frame coordinates, one per frame it was seen.
    public var points: [Point]
    /// The largest box area seen, in pixels.
    public var largestArea: Int
    /// Velocity in pixels a second, smoothed.
    public var velocityX: Double
    public var velocityY: Double
    /// Frames in a row it was not seen.
    var missing: Int

    public var firstTime: Double { points.first?.time ?? 0 }
    public var lastTime: Double { points.last?.time ?? 0 }
    public var duration: Double { lastTime - firstTime }

    /// Mean speed from the first to the last point, pixels a second.
    public var meanSpeed: Double {
        guard let first = points.first, let last = points.last, last.time > first.time else { return 0 }
        return hypot(last.x - first.x, last.y - first.y) / (last.time - first.time)
    }

    /// The direction of travel from the first to the last point, degrees clockwise from the top of the
    /// image (0 up, 90 right, 180 down, 270 left); `nil` for an object that hardly moved.
    public var direction: Double? {
        guard let first = points.first, let last = points.last, hypot(last.x - first.x, last.y - first.y) >= 3 else { return nil }
        let degrees = atan2(last.x - first.x, first.y - last.y) * 180 / .pi
        return degrees < 0 ? degrees + 360 : degrees
    }

    /// The longest time it stayed within `radius` pixels of one place, in seconds: dwell, loitering.
    public func dwell(radius: Double) -> Double {
        var longest = 0.0
        var start = 0
        for end in points.indices {
            while hypot(points[end].x - points[start].x, points[end].y - points[start].y) > radius { start += 1 }
            longest = max(longest, points[end].time - points[start].time)
        }
        return longest
    }
}

/// Follows moving regions across frames: each track predicts where it will be from its velocity, and the
/// nearest region within reach continues it; a track unseen for `maximumMissing` frames ends.
public final class Tracker {
    public var maximumDistance: Double
    public var maximumMissing: Int
    private var active: [Track] = []
    private var nextID = 1

    public init(maximumDistance: Double = 40, maximumMissing: Int = 5) {
        self.maximumDistance = maximumDistance
        self.maximumMissing = maximumMissing
    }

    /// The tracks under way.
    public var current: [Track] { active }

    /// Takes a frame's moving regions; returns the tracks that ended with it.
    @discardableResult
    public func update(_ blobs: [Blob], time: Double) -> [Track] {
        // Every pair within reach, nearest first, each track and region used once.
        var pairs: [(distance: Double, track: Int, blob: Int)] = []
        for (t, track) in active.enumerated() {
            guard let last = track.points.last else { continue }
            let gap = time - last.time
            let predictedX = last.x + track.velocityX * gap, predictedY = last.y + track.velocityY * gap
            for (b, blob) in blobs.enumerated() {
                let distance = hypot(blob.footX - predictedX, blob.footY - predictedY)
                if distance <= maximumDistance { pairs.append((distance, t, b)) }
            }
        }
        pairs.sort { $0.distance < $1.distance }
        var trackUsed = Set<Int>(), blobUsed = Set<Int>()
        for pair in pairs where !trackUsed.contains(pair.track) && !blobUsed.contains(pair.blob) {
            trackUsed.insert(pair.track)
            blobUsed.insert(pair.blob)
            let blob = blobs[pair.blob]
            var track = active[pair.track]
            let last = track.points[track.points.count - 1]
            let gap = max(time - last.time, 1e-3)
            let (vx, vy) = ((blob.footX - last.x) / gap, (blob.footY - last.y) / gap)
            // Smoothed, but the first step sets it.
            let weight = track.points.count == 1 ? 1.0 : 0.4
            track.velocityX += weight * (vx - track.velocityX)
            track.velocityY += weight * (vy - track.velocityY)
            track.points.append(Track.Point(time: time, x: blob.footX, y: blob.footY))
            track.largestArea = max(track.largestArea, blob.area)
            track.missing = 0
            active[pair.track] = track
        }
        for (t, _) in active.enumerated() where !trackUsed.contains(t) { active[t].missing += 1 }
        for (b, blob) in blobs.enumerated() where !blobUsed.contains(b) {
            active.append(Track(
                id: nextID, points: [Track.Point(time: time, x: blob.footX, y: blob.footY)], largestArea: blob.area,
                velocityX: 0, velocityY: 0, missing: 0))
            nextID += 1
        }
        let ended = active.filter { $0.missing > maximumMissing }
        active.removeAll { $0.missing > maximumMissing }
        return ended
    }

    /// Ends every track under way (the end of a recording).
    public func finish() -> [Track] {
        defer { active.removeAll() }
        return active
    }
}

/// Builds a segment's activity grid from its frames' moving regions.
public struct MotionGridBuilder: Sendable {
    private var counts = [Int](repeating: 0, count: MotionGrid.cellCount)
    private var frames = 0
    private let width: Int
    private let height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public mutating func add(_ blobs: [Blob]) {
        frames += 1
        var touched = Set<Int>()
        let side = MotionGrid.side
        for blob in blobs {
            let x0 = blob.minX * side / width, x1 = min(side - 1, blob.maxX * side / width)
            let y0 = blob.minY * side / height, y1 = min(side - 1, blob.maxY * side / height)
            for y in y0...y1 { for x in x0...x1 { touched.insert(y * side + x) } }
        }
        for cell in touched { counts[cell] += 1 }
    }

    public func grid() -> MotionGrid {
        guard frames > 0 else { return MotionGrid() }
        return MotionGrid(cells: counts.map { UInt8(min(255, ($0 * 255 + frames - 1) / frames)) })
    }
}
