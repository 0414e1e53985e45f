import Foundation
import Testing
import VigieCore
import VigieVideo

/// Synthetic scenes with exact ground truth: a textured background with sensor noise, and squares whose
/// paths are known.
struct Scene {
    static let width = 160, height = 120
    var random = SeededGenerator(seed: 11, stream: 1)
    var noise = 3.0
    var brightness = 0.0

    func background(_ x: Int, _ y: Int) -> Double { 70 + Double((x * 7 + y * 13) % 50) }

    /// A frame with the given squares (x, y of the top-left corner, side, grey level).
    mutating func frame(at time: Double, squares: [(x: Int, y: Int, side: Int, level: Double)]) -> GrayFrame {
        var pixels = [UInt8](repeating: 0, count: Self.width * Self.height)
        for y in 0..<Self.height {
            for x in 0..<Self.width {
                var value = background(x, y) + brightness
                for square in squares where x >= square.x && x < square.x + square.side && y >= square.y && y < square.y + square.side {
                    value = square.level + brightness
                }
                value += random.gaussian() * noise
                pixels[y * Self.width + x] = UInt8(max(0, min(255, value.rounded())))
            }
        }
        return GrayFrame(width: Self.width, height: Self.height, pixels: pixels, time: time)
    }
}

@Suite("Motion on gray frames: noise, light, movement, what stays")
struct MotionTests {
    static let fps = 5.0

    @Test("noise alone, even strong, and a change of light give no motion")
    func quietScenes() {
        for noise in [3.0, 8.0] {
            var scene = Scene()
            scene.noise = noise
            let detector = MotionDetector(width: Scene.width, height: Scene.height)
            var moving = 0
            for n in 0..<100 {
                let result = detector.process(scene.frame(at: Double(n) / Self.fps, squares: []))
                moving += result.moving.count
            }
            #expect(moving == 0, "noise σ \(noise)")
        }
        var scene = Scene()
        let detector = MotionDetector(width: Scene.width, height: Scene.height)
        var moving = 0
        for n in 0..<120 {
            // The light rises by 50 grey levels over 4 s, as a cloud passes.
            scene.brightness = n < 30 ? 0 : min(50, Double(n - 30) * 2.5)
            moving += detector.process(scene.frame(at: Double(n) / Self.fps, squares: [])).moving.count
        }
        #expect(moving == 0)
    }

    @Test("a square crossing the frame is one track, with its direction and speed")
    func crossing() throws {
        var scene = Scene()
        let detector = MotionDetector(width: Scene.width, height: Scene.height)
        let tracker = Tracker()
        var ended: [Track] = []
        for n in 0..<80 {
            let time = Double(n) / Self.fps
            // From x = 10 at frame 20, 3 px a frame to the right: 15 px/s.
            let squares = n >= 20 && n < 65 ? [(x: 10 + (n - 20) * 3, y: 50, side: 12, level: 220.0)] : []
            ended += tracker.update(detector.process(scene.frame(at: time, squares: squares)).moving, time: time)
        }
        ended += tracker.finish()
        let long = ended.filter { $0.points.count >= 10 }
        #expect(long.count == 1)
        let track = try #require(long.first)
        #expect(abs(track.firstTime - 4.0) <= 0.4, "appears at 4 s: \(track.firstTime)")
        #expect(abs((track.direction ?? 0) - 90) < 10, "moves right: \(track.direction ?? -1)")
        #expect(abs(track.meanSpeed - 15) < 2, "15 px/s: \(track.meanSpeed)")
    }

    @Test("a square that arrives and stays is moving at first, then stationary against the slow background")
    func leftBehind() {
        var scene = Scene()
        let detector = MotionDetector(width: Scene.width, height: Scene.height)
        var stationarySince: Double?
        for n in 0..<400 {
            let time = Double(n) / Self.fps
            let squares = n >= 30 ? [(x: 70, y: 60, side: 14, level: 230.0)] : []
            let result = detector.process(scene.frame(at: time, squares: squares))
            if stationarySince == nil, result.moving.isEmpty,
                result.stationary.contains(where: { $0.minX >= 66 && $0.maxX <= 86 && $0.area >= 100 })
            {
                stationarySince = time
            }
        }
        let since = stationarySince ?? -1
        #expect(since > 6 && since < 60, "absorbed by the fast background, still seen against the slow one: \(since)")
    }

    @Test("the whole scene changing at once restarts the backgrounds and says so")
    func sceneChange() {
        var scene = Scene()
        let detector = MotionDetector(width: Scene.width, height: Scene.height)
        for n in 0..<20 { _ = detector.process(scene.frame(at: Double(n) / Self.fps, squares: [])) }
        let covered = GrayFrame(
            width: Scene.width, height: Scene.height, pixels: Scene.width * Scene.height == 0 ? [] : (0..<(Scene.width * Scene.height)).map { UInt8(255 - ($0 % 50)) },
            time: 4)
        #expect(detector.process(covered).sceneChange)
    }

    @Test("ignored pixels (a privacy mask) never move")
    func masked() {
        var scene = Scene()
        var ignored = [UInt8](repeating: 0, count: Scene.width * Scene.height)
        for y in 40..<80 { for x in 0..<Scene.width { ignored[y * Scene.width + x] = 1 } }
        let detector = MotionDetector(width: Scene.width, height: Scene.height, ignored: ignored)
        var moving = 0
        for n in 0..<60 {
            let squares = n >= 20 ? [(x: 10 + (n - 20) * 3, y: 50, side: 12, level: 220.0)] : []
            moving += detector.process(scene.frame(at: Double(n) / Self.fps, squares: squares)).moving.count
        }
        #expect(moving == 0)
    }

    @Test("a segment's activity grid marks the cells crossed and only those")
    func grid() {
        var builder = MotionGridBuilder(width: 160, height: 120)
        builder.add([Blob(minX: 0, minY: 0, maxX: 9, maxY: 7, area: 80, centroidX: 5, centroidY: 4)])
        builder.add([])
        let grid = builder.grid()
        #expect(grid.cells[0] == 128 && grid.cells.filter { $0 > 0 }.count == 1)
        #expect(grid.peak(in: [0, 1]) > 0.4 && grid.peak(in: [1, 17]) == 0 && grid.peak(in: nil) > 0.4)
        #expect(MotionGrid(packed: grid.packed) == grid && MotionGrid().packed.isEmpty)
    }
}
