import Foundation
import Testing
import VigieCore
import VigieTestSupport
import VigieVideo

/// The shared real clips against spans labelled by hand (Fixtures/README.md says how): precision and recall,
/// per half second, of the moments the index says something travelled.
@Suite("Real footage against hand-labelled activity", .serialized)
struct RealFootageTests {
    struct Labels: Decodable {
        struct Span: Decodable { let start: Double; let end: Double }
        let clip: String
        let duration: Double
        let spans: [Span]
    }

    struct Score {
        let precision: Double
        let recall: Double
        let movingShare: Double
        let tracks: Int
    }

    static func score(_ name: String) throws -> Score {
        let fixture = ProjectFiles.root.appendingPathComponent("Tests/VigieVideoTests/Fixtures/\(name).activity.json")
        let labels = try JSONDecoder().decode(Labels.self, from: try Data(contentsOf: fixture))
        let clip = ProjectFiles.root.deletingLastPathComponent().appendingPathComponent("shared/video/\(labels.clip)").path
        let file = try FFmpegFrames(path: clip, width: 320, rate: 5)
        let index = try StreamIndexer(width: file.width, height: file.height).index(frames: file.next)
        let moving = index.movingSpans()
        // Half-second bins: labelled when their middle is in a labelled span, detected when a moving
        // moment falls in them.
        let bins = Int(labels.duration * 2)
        var truePositive = 0, detected = 0, labelled = 0
        for bin in 0..<bins {
            let middle = (Double(bin) + 0.5) / 2
            let isLabelled = labels.spans.contains { $0.start <= middle && middle < $0.end }
            let isDetected = moving.contains { $0.upperBound >= Double(bin) / 2 && $0.lowerBound < Double(bin + 1) / 2 }
            if isLabelled { labelled += 1 }
            if isDetected { detected += 1 }
            if isLabelled && isDetected { truePositive += 1 }
        }
        let movingFrames = index.segments.reduce(0) { $0 + $1.movingFrames }
        return Score(
            precision: Double(truePositive) / Double(max(detected, 1)), recall: Double(truePositive) / Double(max(labelled, 1)),
            movingShare: Double(movingFrames) / Double(max(index.frames, 1)), tracks: index.tracks.count)
    }

    @Test("the rainy parking: cars found, and the rain does not drown them")
    func rainyParking() throws {
        let score = try Self.score("car-detection")
        print(String(format: "car-detection: precision %.2f, recall %.2f, frames with motion %.0f %%, %d tracks",
            score.precision, score.recall, score.movingShare * 100, score.tracks))
        #expect(score.precision >= 0.8 && score.recall >= 0.8, "precision \(score.precision), recall \(score.recall)")
        // Three cars cross in 12 s of 30: the rain between them is not motion.
        #expect(score.movingShare < 0.6, "\(score.movingShare)")
    }

    @Test("people walking in one by one: every arrival and departure found")
    func peopleOneByOne() throws {
        let score = try Self.score("one-by-one-person-detection")
        print(String(format: "one-by-one-person-detection: precision %.2f, recall %.2f, frames with motion %.0f %%, %d tracks",
            score.precision, score.recall, score.movingShare * 100, score.tracks))
        // People standing at the table still shift and gesture, which the labels leave out: precision is
        // the lower figure here.
        #expect(score.recall >= 0.85 && score.precision >= 0.4, "precision \(score.precision), recall \(score.recall)")
    }
}
