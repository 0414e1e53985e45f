import Foundation
import VigieCore

/// The Knox test of near repeats: pairs of incidents close in space and in time, against what the same
/// places and the same times would give if times were shuffled among them (Monte Carlo).
public struct KnoxTable: Sendable {
    /// Upper edges of the distance bands, in metres: band k holds pairs from edge k−1 (or 0) up to edge k.
    public let distanceBands: [Double]
    /// Upper edges of the time bands, in days, the same way.
    public let dayBands: [Double]
    /// Pairs observed in each distance band (outer index) and time band (inner index).
    public let observed: [[Int]]
    /// The mean of each cell over the permutations.
    public let expected: [[Double]]
    /// (1 + permutations with at least the observed count) / (1 + permutations).
    public let pValues: [[Double]]
    public let permutations: Int
    public let incidents: Int
    /// The significance level `nearRepeat` reads the table at.
    public let significance: Double

    /// Observed over expected, the "Knox ratio"; `nil` where nothing was expected.
    public func ratio(_ distance: Int, _ time: Int) -> Double? {
        expected[distance][time] > 0 ? Double(observed[distance][time]) / expected[distance][time] : nil
    }

    /// Whether a cell holds significantly more pairs than chance.
    public func isRaised(_ distance: Int, _ time: Int) -> Bool {
        pValues[distance][time] <= significance && (ratio(distance, time) ?? 0) > 1
    }

    /// How far and how long risk stays raised after an incident: the distance bands raised in the first time
    /// band, from the nearest outwards, and the time bands raised in the nearest distance band, from the first
    /// onwards. `nil` when the nearest cell itself is not raised.
    public var nearRepeat: (metres: Double, days: Double)? {
        guard !observed.isEmpty, !observed[0].isEmpty, isRaised(0, 0) else { return nil }
        var distance = 0
        while distance + 1 < distanceBands.count && isRaised(distance + 1, 0) { distance += 1 }
        var time = 0
        while time + 1 < dayBands.count && isRaised(0, time + 1) { time += 1 }
        return (distanceBands[distance], dayBands[time])
    }
}

extension IncidentSnapshot {
    /// Incidents a Knox test pairs at most.
    static let knoxIncidentLimit = 100_000
    /// Close pairs a Knox test permutes at most.
    static let knoxPairLimit = 20_000_000

    /// The Knox test on the located incidents `filter` keeps (those known only to the month left out), with `permutations` shuffles of their times
    /// drawn from `seed` (the same seed gives the same table).
    public func knox(
        filter: IncidentFilter = IncidentFilter(), distanceBands: [Double], dayBands: [Double], permutations: Int = 999,
        significance: Double = 0.05, seed: UInt64 = 1
    ) throws -> KnoxTable {
        for (name, bands) in [("distance", distanceBands), ("time", dayBands)] {
            guard !bands.isEmpty, bands.count <= 20, bands.allSatisfy({ $0 > 0 && $0.isFinite }),
                zip(bands, bands.dropFirst()).allSatisfy({ $0 < $1 })
            else { throw AnalyticsError.invalidBands("the \(name) bands must be 1 to 20 increasing positive numbers") }
        }
        guard (9...99_999).contains(permutations) else {
            throw AnalyticsError.invalidBands("permutations must be between 9 and 99,999")
        }
        // Incidents known only to the month would all pair on its first day.
        let rows = try self.rows(filter).filter { !x[Int($0)].isNaN && precision[Int($0)] < 3 }
        guard rows.count <= Self.knoxIncidentLimit else {
            throw AnalyticsError.tooManyEvents(rows.count, limit: Self.knoxIncidentLimit)
        }
        let px = rows.map { Double(x[Int($0)]) }
        let py = rows.map { Double(y[Int($0)]) }
        var times = rows.map { Double(time[Int($0)]) / 86_400 }
        let pairs = try closePairs(px, py, within: distanceBands.last!, bands: distanceBands)
        let tBands = dayBands.count
        func tally(_ times: [Double]) -> [Int] {
            var cells = [Int](repeating: 0, count: distanceBands.count * tBands)
            for pair in pairs {
                let gap = abs(times[Int(pair.first)] - times[Int(pair.second)])
                guard gap < dayBands[tBands - 1] else { continue }
                var band = 0
                while gap >= dayBands[band] { band += 1 }
                cells[Int(pair.band) * tBands + band] += 1
            }
            return cells
        }
        let observed = tally(times)
        var sums = [Double](repeating: 0, count: observed.count)
        var atLeast = [Int](repeating: 0, count: observed.count)
        var random = SeededGenerator(seed: seed, stream: 0x4B4E_4F58)
        for _ in 0..<permutations {
            times.shuffle(using: &random)
            for (cell, count) in tally(times).enumerated() {
                sums[cell] += Double(count)
                if count >= observed[cell] { atLeast[cell] += 1 }
            }
        }
        func table<T>(_ flat: [T]) -> [[T]] {
            (0..<distanceBands.count).map { Array(flat[($0 * tBands)..<(($0 + 1) * tBands)]) }
        }
        return KnoxTable(
            distanceBands: distanceBands, dayBands: dayBands, observed: table(observed),
            expected: table(sums.map { $0 / Double(permutations) }),
            pValues: table(atLeast.map { Double($0 + 1) / Double(permutations + 1) }), permutations: permutations,
            incidents: rows.count, significance: significance)
    }

    /// Pairs of points closer than `limit`, with their distance band, found through buckets of that size.
    private func closePairs(_ x: [Double], _ y: [Double], within limit: Double, bands: [Double]) throws
        -> [(first: Int32, second: Int32, band: UInt8)]
    {
        var buckets: [Int64: [Int32]] = [:]
        func key(_ column: Int64, _ row: Int64) -> Int64 { column &* 1_000_003 &+ row }
        for index in x.indices {
            buckets[key(Int64((x[index] / limit).rounded(.down)), Int64((y[index] / limit).rounded(.down))), default: []]
                .append(Int32(index))
        }
        var pairs: [(first: Int32, second: Int32, band: UInt8)] = []
        let limit2 = limit * limit
        for index in x.indices {
            let column = Int64((x[index] / limit).rounded(.down))
            let row = Int64((y[index] / limit).rounded(.down))
            for dc in -1...1 {
                for dr in -1...1 {
                    for other in buckets[key(column + Int64(dc), row + Int64(dr))] ?? [] where Int(other) > index {
                        let dx = x[Int(other)] - x[index]
                        let dy = y[Int(other)] - y[index]
                        let d2 = dx * dx + dy * dy
                        guard d2 < limit2 else { continue }
                        let distance = d2.squareRoot()
                        var band = 0
                        while band < bands.count - 1 && distance >= bands[band] { band += 1 }
                        pairs.append((Int32(index), other, UInt8(band)))
                    }
                }
            }
            if pairs.count > Self.knoxPairLimit { throw AnalyticsError.tooManyPairs(pairs.count, limit: Self.knoxPairLimit) }
        }
        return pairs
    }
}
