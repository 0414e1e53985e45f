import ArgumentParser
import Foundation
import VigieStore
import VigieVideo

/// `vigie video`: recordings indexed by motion, without identifying anyone.
struct Video: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Video: index recordings by motion (places and times, never people).",
        subcommands: [Index.self])

    struct Index: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a recording through ffmpeg and print its motion index: per segment, how much moved and where; the tracks.",
            discussion: "Frames are read small and gray (320 pixels wide, 5 a second by default). With --camera, the camera's privacy masks are never analysed. Nothing is stored yet.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The recording (any format ffmpeg reads).") var file: String
        @Option(help: "The registered camera the recording comes from (`vigie cameras`).") var camera: String?
        @Option(help: "Width frames are read at, in pixels.") var width = 320
        @Option(help: "Frames read a second.") var rate = 5.0
        @Option(help: "Length of a segment, in seconds.") var segment = 10.0
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let started = Date()
            let frames = try FFmpegFrames(path: file, width: width, rate: rate)
            var ignored: [UInt8]?
            if let camera {
                guard let registered = try store.openExisting().camera(named: camera) else {
                    throw CommandError("there is no camera '\(camera)'; `vigie cameras list` shows them")
                }
                ignored = registered.maskRaster(width: frames.width, height: frames.height)
            }
            let index = try VideoIndexer.index(
                frames: frames.next, width: frames.width, height: frames.height, ignored: ignored, segmentSeconds: segment)
            let seconds = Date().timeIntervalSince(started)
            let length = Double(index.frames) / rate
            if json {
                struct Summary: Encodable {
                    struct Segment: Encodable { let start: Double; let end: Double; let movingFrames: Int; let largestShare: Double; let grid: [UInt8] }
                    struct TrackSummary: Encodable { let id: Int; let start: Double; let end: Double; let direction: Double?; let speed: Double; let dwell: Double }
                    let width: Int; let height: Int; let frames: Int; let seconds: Double
                    let segments: [Segment]; let tracks: [TrackSummary]; let sceneChanges: [Double]
                }
                let summary = Summary(
                    width: index.width, height: index.height, frames: index.frames, seconds: length,
                    segments: index.segments.map { .init(start: $0.start, end: $0.end, movingFrames: $0.movingFrames, largestShare: $0.largestShare, grid: $0.grid.cells) },
                    tracks: index.tracks.map { .init(id: $0.id, start: $0.firstTime, end: $0.lastTime, direction: $0.direction, speed: $0.meanSpeed, dwell: $0.dwell(radius: 8)) },
                    sceneChanges: index.sceneChanges)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(summary), as: UTF8.self))
                return
            }
            print(String(format: "%@: %d frames of %d×%d (%.1f s of video) indexed in %.2f s, %.0f× real time",
                file, index.frames, index.width, index.height, length, seconds, length / max(seconds, 1e-6)))
            for segment in index.segments {
                print(String(format: "  %6.1f–%6.1f s  %3d frames moving, at most %4.1f %% of the frame", segment.start, segment.end,
                    segment.movingFrames, segment.largestShare * 100))
            }
            print("  \(index.tracks.count) tracks; scene changes at \(index.sceneChanges.map { String(format: "%.1f s", $0) }.joined(separator: ", "))")
            for track in index.tracks {
                print(String(format: "    track %d: %.1f–%.1f s, %@, %.0f px/s, dwell %.1f s", track.id, track.firstTime, track.lastTime,
                    track.direction.map { String(format: "heading %.0f°", $0) } ?? "in place", track.meanSpeed, track.dwell(radius: 8)))
            }
        }
    }
}
