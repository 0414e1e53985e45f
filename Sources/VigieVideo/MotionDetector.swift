/// A gray frame, row by row, one byte per pixel: what ffmpeg hands over (`-vf scale=320:-2,format=gray`).
public struct GrayFrame: Sendable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]
    /// Seconds from the start of the recording.
    public var time: Double

    public init(width: Int, height: Int, pixels: [UInt8], time: Double) {
        precondition(pixels.count == width * height, "a frame holds width × height pixels")
        self.width = width
        self.height = height
        self.pixels = pixels
        self.time = time
    }
}

/// A connected region of changed pixels, in frame coordinates.
public struct Blob: Sendable, Hashable {
    public var minX: Int
    public var minY: Int
    public var maxX: Int
    public var maxY: Int
    /// Changed pixels in it.
    public var area: Int
    public var centroidX: Double
    public var centroidY: Double

    public init(minX: Int, minY: Int, maxX: Int, maxY: Int, area: Int, centroidX: Double, centroidY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
        self.area = area
        self.centroidX = centroidX
        self.centroidY = centroidY
    }

    /// The middle of the box's bottom edge: where an object touches the ground, for zones.
    public var footX: Double { Double(minX + maxX) / 2 }
    public var footY: Double { Double(maxY) }
}

/// How motion is told from noise.
public struct MotionSettings: Sendable {
    /// Background learning rates per frame: the fast one follows the scene, the slow one remembers it (about
    /// 100 s at 5 frames a second), so that what stops and stays shows against the slow one only.
    public var fastRate: Float = 0.05
    public var slowRate: Float = 0.002
    /// A pixel changes when it departs from the background by more than this many estimated noise
    /// deviations, and never by less than `minimumThreshold` grey levels.
    public var noiseFactor: Float = 4
    public var minimumThreshold: Float = 12
    /// Regions smaller than this many pixels are noise (rain drops, sensor speckle).
    public var minimumArea = 12
    /// More than this share of the frame changing at once is a scene change (camera moved, lights switched,
    /// lens covered): the backgrounds start again.
    public var sceneChangeShare = 0.6
    /// Frames learnt before anything is reported.
    public var warmUpFrames = 10
    /// Where a pixel keeps flickering (rain on a puddle, leaves, a blinking sign) its own variance sets its
    /// threshold: this many of its deviations, learnt at `varianceRate` a frame (about 10 s at 5 frames a
    /// second), so one passing object hardly raises it.
    public var pixelDeviations: Float = 3
    public var varianceRate: Float = 0.02

    public init() {}
}

/// What one frame shows.
public struct MotionResult: Sendable {
    /// Moving regions: changed against the fast background.
    public var moving: [Blob]
    /// Regions that changed against the slow background but not the fast one: something that arrived and
    /// stays, or that left a gap where it stood.
    public var stationary: [Blob]
    /// The share of pixels changed against the fast background, 0–1.
    public var changedShare: Double
    /// The threshold used, in grey levels (it follows the frame's noise).
    public var threshold: Double
    /// The whole scene changed: backgrounds restarted, nothing else reported.
    public var sceneChange: Bool
}

/// Motion on small gray frames: two running backgrounds, a threshold that follows the noise, a global
/// brightness shift taken out first (clouds, lights, auto-exposure), speckle removed by an opening, and
/// the remaining regions labelled. One detector per camera, fed in order from one thread.
public final class MotionDetector {
    public let width: Int
    public let height: Int
    public let settings: MotionSettings
    private var fast: [Float]
    private var slow: [Float]
    /// Each pixel's variance around the fast background, tone curve taken out.
    private var variance: [Float]
    private var mask: [UInt8]
    private var scratch: [UInt8]
    /// The opened mask being labelled: kept from frame to frame, as the other buffers, rather than made anew.
    private var grown: [UInt8]
    private var frames = 0
    /// The camera's usual noise (a deviation in grey levels), learnt slowly from quiet frames.
    private var noise: Float?
    /// Pixels never considered (privacy masks and areas to ignore), 1 where ignored.
    private var ignored: [UInt8]

    public init(width: Int, height: Int, settings: MotionSettings = MotionSettings(), ignored: [UInt8]? = nil) {
        precondition(width >= 3 && height >= 3, "a frame is at least 3 × 3")
        self.width = width
        self.height = height
        self.settings = settings
        let count = width * height
        fast = Array(repeating: 0, count: count)
        slow = Array(repeating: 0, count: count)
        variance = Array(repeating: 0, count: count)
        mask = Array(repeating: 0, count: count)
        scratch = Array(repeating: 0, count: count)
        grown = Array(repeating: 0, count: count)
        self.ignored = ignored ?? Array(repeating: 0, count: count)
    }

    /// Reads one frame and learns from it.
    public func process(_ frame: GrayFrame) -> MotionResult {
        precondition(frame.width == width && frame.height == height, "every frame of a camera has its size")
        let count = width * height
        defer { frames += 1 }
        if frames == 0 {
            restart(frame)
            return MotionResult(moving: [], stationary: [], changedShare: 0, threshold: 0, sceneChange: false)
        }
        // The frame's overall shift against each background (the median difference), then the noise (the
        // median absolute residual): both from histograms, in one pass each.
        let fastCurve = toneCurve(frame.pixels, fast)
        let slowCurve = toneCurve(frame.pixels, slow)
        let sigma = 1.4826 * medianResidual(frame.pixels, fast, curve: fastCurve)
        // A frame much noisier than the camera usually is did not get noisy: its scene changed (most pixels
        // moved, which the median residual measures once more than half of them do).
        if let usual = noise, frames >= settings.warmUpFrames, sigma > max(3 * usual, usual + 15) {
            restart(frame)
            return MotionResult(moving: [], stationary: [], changedShare: 1, threshold: Double(sigma), sceneChange: true)
        }
        let threshold = max(settings.minimumThreshold, settings.noiseFactor * (noise.map { min($0, sigma) } ?? sigma))
        var changed = 0
        let floor = threshold * threshold, deviations = settings.pixelDeviations * settings.pixelDeviations
        let varianceRate = settings.varianceRate, cap = 4 * floor
        frame.pixels.withUnsafeBufferPointer { pixels in
            fast.withUnsafeBufferPointer { fast in
                slow.withUnsafeBufferPointer { slow in
                    ignored.withUnsafeBufferPointer { ignored in
                        variance.withUnsafeMutableBufferPointer { variance in
                        mask.withUnsafeMutableBufferPointer { mask in
                            for i in 0..<count {
                                if ignored[i] != 0 { mask[i] = 0; continue }
                                let value = Float(pixels[i])
                                let residual = value - fast[i] - fastCurve[Int(fast[i])]
                                let squared = residual * residual
                                let limit = max(floor, deviations * variance[i])
                                variance[i] += varianceRate * (min(squared, cap) - variance[i])
                                let againstFast = squared > limit
                                let slowResidual = value - slow[i] - slowCurve[Int(slow[i])]
                                let againstSlow = slowResidual * slowResidual > limit
                                // 1: moving; 2: changed against the slow background only.
                                mask[i] = againstFast ? 1 : (againstSlow ? 2 : 0)
                                if againstFast { changed += 1 }
                            }
                        }
                        }
                    }
                }
            }
        }
        let share = Double(changed) / Double(count)
        if share > settings.sceneChangeShare {
            restart(frame)
            return MotionResult(moving: [], stationary: [], changedShare: share, threshold: Double(threshold), sceneChange: true)
        }
        let moving = regions(of: 1)
        let stationary = regions(of: 2)
        learn(frame)
        noise = noise.map { $0 + 0.05 * (sigma - $0) } ?? sigma
        guard frames >= settings.warmUpFrames else {
            return MotionResult(moving: [], stationary: [], changedShare: share, threshold: Double(threshold), sceneChange: false)
        }
        return MotionResult(moving: moving, stationary: stationary, changedShare: share, threshold: Double(threshold), sceneChange: false)
    }

    private func restart(_ frame: GrayFrame) {
        noise = nil
        for i in 0..<(width * height) {
            fast[i] = Float(frame.pixels[i])
            slow[i] = fast[i]
            variance[i] = 0
        }
        frames = 0
    }

    /// Backgrounds learn where nothing moves; where something moves the fast one learns at half its rate, so
    /// that what stops is absorbed in about twenty seconds at 5 frames a second, and the slow one not at all.
    private func learn(_ frame: GrayFrame) {
        let count = width * height
        let fastRate = settings.fastRate, slowRate = settings.slowRate
        frame.pixels.withUnsafeBufferPointer { pixels in
            mask.withUnsafeBufferPointer { mask in
                fast.withUnsafeMutableBufferPointer { fast in
                    slow.withUnsafeMutableBufferPointer { slow in
                        for i in 0..<count {
                            let value = Float(pixels[i])
                            let moving = mask[i] == 1
                            fast[i] += (moving ? fastRate * 0.5 : fastRate) * (value - fast[i])
                            if !moving { slow[i] += slowRate * (value - slow[i]) }
                        }
                    }
                }
            }
        }
    }

    /// How the frame's light differs from a background, as a function of the background's level: the
    /// median difference for each band of 16 grey levels, interpolated to every level. A change of
    /// exposure or gain moves bright pixels more than dark ones, which one overall shift cannot follow.
    private func toneCurve(_ pixels: [UInt8], _ background: [Float]) -> [Float] {
        let bands = 16
        var histograms = [Int](repeating: 0, count: bands * 511)
        var counts = [Int](repeating: 0, count: bands)
        pixels.withUnsafeBufferPointer { pixels in
            background.withUnsafeBufferPointer { background in
                ignored.withUnsafeBufferPointer { ignored in
                    histograms.withUnsafeMutableBufferPointer { histograms in
                        var i = 0
                        while i < pixels.count {
                            if ignored[i] == 0 {
                                let level = Int(background[i])
                                let band = level >> 4
                                histograms[band * 511 + Int(pixels[i]) - level + 255] += 1
                                counts[band] += 1
                            }
                            i += 4
                        }
                    }
                }
            }
        }
        // The whole frame's median difference at the background's median level, and a slope (a change of
        // gain) from the bands far enough from that level: the weighted median of their medians' slopes,
        // at most ±0.3. Both are medians, so a large object moving through one band cannot bend the line.
        let total = counts.reduce(0, +)
        guard total > 0 else { return [Float](repeating: 0, count: 256) }
        var whole = [Int](repeating: 0, count: 511)
        for band in 0..<bands { for value in 0..<511 { whole[value] += histograms[band * 511 + value] } }
        let overall = Double(Self.median(whole, total) - 255)
        var seen = 0, centreBand = 0
        for band in 0..<bands {
            seen += counts[band]
            if seen * 2 >= total { centreBand = band; break }
        }
        let centre = Double(centreBand * 16) + 7.5
        var slopes: [(slope: Double, weight: Int)] = []
        for band in 0..<bands where counts[band] * 50 >= total && abs(band - centreBand) >= 2 {
            let median = Double(Self.median(Array(histograms[(band * 511)..<((band + 1) * 511)]), counts[band]) - 255)
            slopes.append(((median - overall) / (Double(band * 16) + 7.5 - centre), counts[band]))
        }
        var slope = 0.0
        if !slopes.isEmpty {
            slopes.sort { $0.slope < $1.slope }
            let half = slopes.reduce(0) { $0 + $1.weight }
            var running = 0
            for entry in slopes {
                running += entry.weight
                if running * 2 >= half { slope = entry.slope; break }
            }
            slope = max(-0.3, min(0.3, slope))
        }
        return (0..<256).map { Float(overall + slope * (Double($0) - centre)) }
    }

    /// The median absolute residual once the tone curve is taken out: the frame's noise.
    private func medianResidual(_ pixels: [UInt8], _ background: [Float], curve: [Float]) -> Float {
        Float(sampledMedian(pixels, background, bins: 256) { Int(abs($0 - $1 - curve[Int($1)]).rounded()) })
    }

    /// The median of `bin(pixel, background)` over every fourth pixel not ignored (enough for a median),
    /// through a histogram of `bins` values.
    private func sampledMedian(_ pixels: [UInt8], _ background: [Float], bins: Int, _ bin: (Float, Float) -> Int) -> Int {
        var histogram = [Int](repeating: 0, count: bins)
        var counted = 0
        pixels.withUnsafeBufferPointer { pixels in
            background.withUnsafeBufferPointer { background in
                ignored.withUnsafeBufferPointer { ignored in
                    var i = 0
                    while i < pixels.count {
                        if ignored[i] == 0 {
                            histogram[min(bins - 1, max(0, bin(Float(pixels[i]), background[i])))] += 1
                            counted += 1
                        }
                        i += 4
                    }
                }
            }
        }
        return Self.median(histogram, counted)
    }

    private static func median(_ histogram: [Int], _ counted: Int) -> Int {
        var seen = 0
        for (value, count) in histogram.enumerated() {
            seen += count
            if seen * 2 >= counted { return value }
        }
        return histogram.count - 1
    }

    /// The regions of pixels marked `label`, after an opening (a 3 × 3 erosion then dilation) that removes
    /// specks: 4-connected, at least `minimumArea` pixels.
    private func regions(of label: UInt8) -> [Blob] {
        let w = width, h = height
        // Erosion into scratch: a pixel stays only if its 3 × 3 neighbourhood is all `label`.
        mask.withUnsafeBufferPointer { mask in
            scratch.withUnsafeMutableBufferPointer { out in
                for i in 0..<(w * h) { out[i] = 0 }
                for y in 1..<(h - 1) {
                    for x in 1..<(w - 1) {
                        let i = y * w + x
                        guard mask[i] == label else { continue }
                        var all = true
                        for dy in -1...1 where all {
                            let row = i + dy * w
                            if mask[row - 1] != label || mask[row] != label || mask[row + 1] != label { all = false }
                        }
                        if all { out[i] = 1 }
                    }
                }
            }
        }
        // Dilation back, kept within the original marks, then labelling by flood fill.
        scratch.withUnsafeBufferPointer { eroded in
            mask.withUnsafeBufferPointer { mask in
                grown.withUnsafeMutableBufferPointer { grown in
                    for i in 0..<(w * h) { grown[i] = 0 }
                    for y in 1..<(h - 1) {
                        for x in 1..<(w - 1) where eroded[y * w + x] != 0 {
                            for dy in -1...1 {
                                for dx in -1...1 {
                                    let j = (y + dy) * w + x + dx
                                    if mask[j] == label { grown[j] = 1 }
                                }
                            }
                        }
                    }
                }
            }
        }
        var blobs: [Blob] = []
        var stack: [Int] = []
        grown.withUnsafeMutableBufferPointer { grown in
            for start in 0..<(w * h) where grown[start] == 1 {
                grown[start] = 2
                stack.append(start)
                var blob = Blob(minX: w, minY: h, maxX: 0, maxY: 0, area: 0, centroidX: 0, centroidY: 0)
                var sumX = 0, sumY = 0
                while let i = stack.popLast() {
                    let x = i % w, y = i / w
                    blob.area += 1
                    sumX += x
                    sumY += y
                    blob.minX = min(blob.minX, x); blob.maxX = max(blob.maxX, x)
                    blob.minY = min(blob.minY, y); blob.maxY = max(blob.maxY, y)
                    if x > 0, grown[i - 1] == 1 { grown[i - 1] = 2; stack.append(i - 1) }
                    if x < w - 1, grown[i + 1] == 1 { grown[i + 1] = 2; stack.append(i + 1) }
                    if y > 0, grown[i - w] == 1 { grown[i - w] = 2; stack.append(i - w) }
                    if y < h - 1, grown[i + w] == 1 { grown[i + w] = 2; stack.append(i + w) }
                }
                blob.centroidX = Double(sumX) / Double(blob.area)
                blob.centroidY = Double(sumY) / Double(blob.area)
                blobs.append(blob)
            }
        }
        return Self.merged(blobs, margin: max(2, w / 50)).filter { $0.area >= settings.minimumArea }
    }

    /// Regions whose boxes come within `margin` pixels of each other, merged: one object seen in pieces
    /// (a person's arm, head and legs against a background of their colour) is one object.
    static func merged(_ blobs: [Blob], margin: Int) -> [Blob] {
        var blobs = blobs.sorted { $0.area > $1.area }
        var merging = true
        while merging {
            merging = false
            var i = 0
            while i < blobs.count {
                var j = i + 1
                while j < blobs.count {
                    let (a, b) = (blobs[i], blobs[j])
                    if a.minX - margin <= b.maxX && b.minX - margin <= a.maxX && a.minY - margin <= b.maxY && b.minY - margin <= a.maxY {
                        let area = a.area + b.area
                        blobs[i] = Blob(
                            minX: min(a.minX, b.minX), minY: min(a.minY, b.minY), maxX: max(a.maxX, b.maxX), maxY: max(a.maxY, b.maxY), area: area,
                            centroidX: (a.centroidX * Double(a.area) + b.centroidX * Double(b.area)) / Double(area),
                            centroidY: (a.centroidY * Double(a.area) + b.centroidY * Double(b.area)) / Double(area))
                        blobs.remove(at: j)
                        merging = true
                    } else {
                        j += 1
                    }
                }
                i += 1
            }
        }
        return blobs
    }
}
