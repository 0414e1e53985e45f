/// The classical additive decomposition of a series into trend, seasonal and residual parts:
/// trend is the centred moving average over one period (a 2×m average when the period m is even),
/// the seasonal part the mean detrended value at each position of the period, centred on zero, and the
/// residual what remains. Trend and residual are unknown for the half period at each end, and at least three
/// periods are needed, so that each seasonal position is averaged over two detrended values or more.
public struct SeasonalDecomposition: Sendable, Hashable {
    public let period: Int
    public let values: [Double]
    public let trend: [Double?]
    public let seasonal: [Double]
    public let residual: [Double?]

    /// Decomposes `values` with the given period; `nil` when the series is shorter than three periods.
    public init?(_ values: [Double], period: Int) {
        guard period >= 2, values.count >= 3 * period else { return nil }
        self.period = period
        self.values = values
        let half = period / 2
        var trend = [Double?](repeating: nil, count: values.count)
        for t in half..<(values.count - half) {
            if period % 2 == 1 {
                trend[t] = values[(t - half)...(t + half)].reduce(0, +) / Double(period)
            } else {
                let inner = values[(t - half + 1)...(t + half - 1)].reduce(0, +)
                trend[t] = (inner + 0.5 * (values[t - half] + values[t + half])) / Double(period)
            }
        }
        var sums = [Double](repeating: 0, count: period)
        var counts = [Int](repeating: 0, count: period)
        for (t, level) in trend.enumerated() {
            guard let level else { continue }
            sums[t % period] += values[t] - level
            counts[t % period] += 1
        }
        let indices = zip(sums, counts).map { $1 > 0 ? $0 / Double($1) : 0 }
        let mean = indices.reduce(0, +) / Double(period)
        let seasonal = values.indices.map { indices[$0 % period] - mean }
        self.trend = trend
        self.seasonal = seasonal
        residual = values.indices.map { t in trend[t].map { values[t] - $0 - seasonal[t] } }
    }

    /// The share of the variance of the detrended series that the seasonal part explains (0 to 1).
    public var seasonalStrength: Double {
        let pairs = values.indices.compactMap { t in residual[t].map { ($0, $0 + seasonal[t]) } }
        func variance(_ x: [Double]) -> Double {
            let mean = x.reduce(0, +) / Double(x.count)
            return x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count)
        }
        let detrended = variance(pairs.map(\.1))
        guard detrended > 0 else { return 0 }
        return max(0, 1 - variance(pairs.map(\.0)) / detrended)
    }
}
