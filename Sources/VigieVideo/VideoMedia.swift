#if canImport(Glibc)
import Glibc
#endif
import Foundation
import VigieCore

/// Thumbnails and clips cut from the footage for the operators, with the camera's privacy masks painted
/// over for good (what a mask hides is never shown, whatever the recorder kept). They are kept in one
/// directory, a folder per camera, their names giving the moment they show, so the retention purge deletes
/// them with the footage they come from.
public struct VideoMedia: Sendable {
    public let directory: URL
    public var ffmpeg = "/usr/bin/ffmpeg"
    /// The longest clip cut at once.
    public static let longestClip: TimeInterval = 300

    public init(directory: URL) {
        self.directory = directory
    }

    /// The media of the store at `path`: a folder beside it (`STORE-video`), so that the server, the demo
    /// and `vigie retention apply` use the same one.
    public init(besideStore path: String) {
        self.init(directory: URL(fileURLWithPath: path + Self.suffix))
    }

    public static let suffix = "-video"

    /// The first recording of the camera holding `time` whose footage can be read.
    public static func footage(camera: Camera, at time: Date, in store: VideoIndexRepository) throws -> VideoRecording? {
        guard let id = camera.id else { return nil }
        return try store.recordings(camera: id, at: time).first { FileManager.default.isReadableFile(atPath: $0.path) }
    }

    /// A JPEG of the moment, 320 pixels wide, masks painted over; made once and kept until the purge.
    public func thumbnail(camera: Camera, at time: Date, store: VideoIndexRepository, now: Date = Date()) throws -> Data {
        try Self.checkRetention(camera, time, now: now)
        let second = Int(time.timeIntervalSince1970.rounded(.down))
        let file = folder(camera).appendingPathComponent("thumb-\(second)-\(Self.signature(camera.privacyMasks)).jpg")
        if let data = try? Data(contentsOf: file) { return data }
        guard let recording = try Self.footage(camera: camera, at: time, in: store) else {
            throw VideoError("no footage of camera '\(camera.name)' holds that moment")
        }
        try cut(recording, camera: camera, from: recording.offset(of: Date(timeIntervalSince1970: TimeInterval(second))), to: file, arguments: [
            "-frames:v", "1", "-q:v", "5", "-f", "image2", "-c:v", "mjpeg",
        ], scale: "scale=320:-2")
        return try Data(contentsOf: file)
    }

    /// An MP4 of [from, to] (at most `longestClip`), re-encoded with the masks painted over; kept until the purge.
    public func clip(camera: Camera, from: Date, to: Date, store: VideoIndexRepository, now: Date = Date()) throws -> URL {
        guard to > from else { throw VideoError("a clip ends after it starts") }
        try Self.checkRetention(camera, from, now: now)
        let end = min(to, from.addingTimeInterval(Self.longestClip))
        let (a, b) = (Int(from.timeIntervalSince1970.rounded(.down)), Int(end.timeIntervalSince1970.rounded(.up)))
        let file = folder(camera).appendingPathComponent("clip-\(a)-\(b)-\(Self.signature(camera.privacyMasks)).mp4")
        if FileManager.default.fileExists(atPath: file.path) { return file }
        // The footage holding the start, or else the middle or the end (a clip asked from a little before
        // the recording, or running past it).
        let middle = from.addingTimeInterval(end.timeIntervalSince(from) / 2)
        guard let recording = try Self.footage(camera: camera, at: from, in: store) ?? Self.footage(camera: camera, at: middle, in: store)
            ?? Self.footage(camera: camera, at: end, in: store)
        else {
            throw VideoError("no footage of camera '\(camera.name)' holds that moment")
        }
        try cut(recording, camera: camera, from: recording.offset(of: from), to: file, arguments: [
            "-t", String(format: "%.1f", Double(b - a)), "-c:v", "libx264", "-preset", "veryfast", "-crf", "28", "-pix_fmt", "yuv420p",
            "-movflags", "+faststart", "-an", "-f", "mp4",
        ], scale: "scale='min(960,iw)':-2")
        return file
    }

    /// A moment past the camera's retention is not shown, whatever footage is still on disk.
    static func checkRetention(_ camera: Camera, _ time: Date, now: Date) throws {
        if time < now.addingTimeInterval(-Double(camera.retentionDays) * 86_400) {
            throw VideoError("that moment is past camera '\(camera.name)''s retention of \(camera.retentionDays) days")
        }
    }

    /// Deletes the thumbnails and clips of moments past each camera's retention, and files left half-written
    /// for an hour; returns how many.
    @discardableResult
    public func purge(cameras: [Camera], now: Date) -> Int {
        var removed = 0
        for camera in cameras {
            let cutoff = Int(now.timeIntervalSince1970) - camera.retentionDays * 86_400
            let folder = directory.appendingPathComponent(camera.name)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
                // thumb-SECOND.jpg, clip-FROM-TO.mp4, mask-W-H.pam: the moment shown is the first number.
                let path = folder.appendingPathComponent(name)
                if name.hasPrefix(".partial-") {
                    let modified = (try? FileManager.default.attributesOfItem(atPath: path.path))?[.modificationDate] as? Date
                    if let modified, modified < now.addingTimeInterval(-3_600), (try? FileManager.default.removeItem(at: path)) != nil { removed += 1 }
                    continue
                }
                guard !name.hasPrefix("mask-") else { continue }
                let numbers = name.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
                if let moment = numbers.first, moment < cutoff, (try? FileManager.default.removeItem(at: path)) != nil {
                    removed += 1
                }
            }
        }
        return removed
    }

    private func folder(_ camera: Camera) -> URL {
        let folder = directory.appendingPathComponent(camera.name)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs ffmpeg from `offset` seconds into the recording, masks painted over, into `file` (written
    /// beside it first, then moved, so that a half-written file is never served).
    private func cut(_ recording: VideoRecording, camera: Camera, from offset: Double, to file: URL, arguments: [String], scale: String) throws {
        let source = try FFmpegFrames.probe(recording.path)
        var inputs = ["-ss", String(format: "%.3f", offset), "-i", recording.path]
        var filter = "[0:v]\(scale)[out]"
        if let mask = try mask(camera, width: source.width, height: source.height) {
            inputs += ["-i", mask.path]
            // The mask is stretched to the frame as decoded (turned upright if the file says so), so that it
            // covers the same shares of the image whatever the footage's size or rotation.
            filter = "[1:v][0:v]scale2ref[mask][base];[base][mask]overlay=format=auto,\(scale)[out]"
        }
        let partial = file.deletingLastPathComponent().appendingPathComponent(".partial-\(UUID().uuidString)-" + file.lastPathComponent)
        defer { try? FileManager.default.removeItem(at: partial) }
        _ = try FFmpegFrames.run(ffmpeg, ["-nostdin", "-loglevel", "error", "-y"] + inputs + ["-filter_complex", filter, "-map", "[out]"] + arguments + [partial.path])
        guard FileManager.default.fileExists(atPath: partial.path) else { throw VideoError("ffmpeg made nothing from \(recording.path)") }
        // rename(2) replaces atomically: a reader sees the old file or the new one, and two requests making
        // the same file at once both succeed.
        guard rename(partial.path, file.path) == 0 else {
            try? FileManager.default.removeItem(at: partial)
            throw VideoError("\(file.path) could not be written")
        }
    }

    /// The camera's privacy masks as an image the size of its footage: opaque black where masked,
    /// transparent elsewhere (PAM, RGB with alpha, which ffmpeg reads).
    func mask(_ camera: Camera, width: Int, height: Int) throws -> URL? {
        guard let raster = camera.maskRaster(width: width, height: height) else { return nil }
        let file = folder(camera).appendingPathComponent("mask-\(width)-\(height)-\(Self.signature(camera.privacyMasks)).pam")
        if FileManager.default.fileExists(atPath: file.path) { return file }
        var data = Data("P7\nWIDTH \(width)\nHEIGHT \(height)\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n".utf8)
        data.reserveCapacity(data.count + width * height * 4)
        for value in raster { data.append(contentsOf: [0, 0, 0, value != 0 ? 255 : 0]) }
        try data.write(to: file, options: .atomic)
        return file
    }

    /// A short fingerprint of the masks, so that a redrawn mask is rasterised again.
    static func signature(_ masks: [ImageZone]) -> String {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for point in masks.flatMap(\.points) {
            for value in [point.x, point.y] {
                hash = (hash ^ value.bitPattern) &* 1_099_511_628_211
            }
        }
        return String(hash, radix: 36)
    }
}

/// The retention of video, applied: the index, events and owned footage past each camera's retention
/// leave the store, the footage files are deleted, and so are the thumbnails and clips of those moments.
public enum VideoRetention {
    public static func apply(store: VideoIndexRepository, media: VideoMedia?, now: Date) throws -> VideoPurge {
        var purge = try store.purgeVideo(now: now)
        // A file that cannot be deleted does not stop the others; it is named for the operator to see to.
        for path in purge.files where FileManager.default.fileExists(atPath: path) {
            if (try? FileManager.default.removeItem(atPath: path)) == nil { purge.undeleted.append(path) }
        }
        if let media { purge.mediaFiles = media.purge(cameras: try store.cameras(), now: now) }
        return purge
    }
}
