import Foundation

/// A lasting change of level in a series.
public struct ChangePoint: Sendable, Hashable {
    /// The first position of the new level.
    public var index: Int
    /// The mean of the segment before and of the segment after.
    public var meanBefore: Double
    public var meanAfter: Double
}

/// Changes of level found by optimal partitioning, the exact search PELT (Killick, Fearnhead and Eckley 2012)
/// speeds up, with the Gaussian mean-shift cost.
///
/// The noise level σ is read robustly from the series itself (the median absolute difference of successive
/// values), isolated spikes are clipped at 4σ around a running median so that one exceptional day does not
/// make a segment, and a new segment costs `penalty` × σ² × ln n, a stricter form of the Bayesian
/// information criterion. Segments are at least `minimumLength` values long.
public enum ChangePointDetection {
    public static func detect(_ values: [Double], minimumLength: Int = 14, penalty: Double = 3) -> [ChangePoint] {
        let n = values.count
        guard n >= 2 * minimumLength, minimumLength >= 1 else { return [] }
        let differences = zip(values.dropFirst(), values).map { abs($0 - $1) }
        var sigma = median(differences) / (0.6745 * 2.squareRoot())
        if sigma <= 0 {
            let mean = values.reduce(0, +) / Double(n)
            sigma = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)).squareRoot()
        }
        guard sigma > 0 else { return [] }
        let radius = minimumLength / 2
        let clipped = values.indices.map { t in
            let level = median(Array(values[max(0, t - radius)...min(n - 1, t + radius)]))
            return min(max(values[t], level - 4 * sigma), level + 4 * sigma)
        }
        var sums = [0.0]
        var squares = [0.0]
        for value in clipped {
            sums.append(sums.last! + value)
            squares.append(squares.last! + value * value)
        }
        /// The sum of squared deviations from their mean of values s..<t.
        func cost(_ s: Int, _ t: Int) -> Double {
            let sum = sums[t] - sums[s]
            return squares[t] - squares[s] - sum * sum / Double(t - s)
        }
        let beta = penalty * sigma * sigma * log(Double(n))
        var best = [Double](repeating: .infinity, count: n + 1)
        var previous = [Int](repeating: 0, count: n + 1)
        best[0] = -beta
        var candidates: [Int] = [0]
        for t in minimumLength...n {
            var bestValue = Double.infinity
            var bestStart = 0
            for s in candidates where t - s >= minimumLength {
                let value = best[s] + cost(s, t) + beta
                if value < bestValue {
                    bestValue = value
                    bestStart = s
                }
            }
            best[t] = bestValue
            previous[t] = bestStart
            // No pruning: with a minimum length, PELT's pruning can drop a start that would still win later,
            // and series of a few thousand values take milliseconds without it.
            if t + 1 - minimumLength >= minimumLength { candidates.append(t + 1 - minimumLength) }
        }
        var boundaries: [Int] = []
        var t = n
        while t > 0 {
            boundaries.append(t)
            t = previous[t]
        }
        boundaries.append(0)
        boundaries.reverse()
        func mean(_ s: Int, _ t: Int) -> Double { values[s..<t].reduce(0, +) / Double(t - s) }
        return (1..<(boundaries.count - 1)).map { index in
            ChangePoint(
                index: boundaries[index], meanBefore: mean(boundaries[index - 1], boundaries[index]),
                meanAfter: mean(boundaries[index], boundaries[index + 1]))
        }
    }

    private static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
