import Foundation
import VigieCore

/// A day when a district saw significantly more incidents of a category than its baseline.
public struct ExcessFinding: Sendable, Hashable {
    public var day: CivilDate
    /// The district code, `nil` for incidents in no district of the level.
    public var district: String?
    public var category: CategoryCode
    public var observed: Int
    public var expected: Double
    /// The one-sided p-value of at least `observed` under the baseline.
    public var p: Double
}

/// How a scan for excess days ran, and what it found.
public struct ExcessScan: Sendable {
    /// The district level scanned.
    public let level: String
    /// Days scanned.
    public let days: ClosedRange<Int>
    /// Tests made (district × category × day).
    public let tests: Int
    /// The largest p-value declared significant by Benjamini–Hochberg, if any.
    public let pThreshold: Double?
    public let falseDiscoveryRate: Double
    /// The significant excesses, most significant first.
    public let findings: [ExcessFinding]
}

extension IncidentSnapshot {
    /// Days of the training window before each scanned day that set its level.
    static let levelWindow = 56
    /// Days before the first scanned day that set the weekday profile.
    static let weekdayWindow = 364

    /// Daily counts per district and category on `days` (local day numbers) against a seasonal baseline, with
    /// significant excesses declared by Benjamini–Hochberg at `falseDiscoveryRate` over every test made.
    ///
    /// The baseline of a day is its level times its weekday's factor: the weekday factors come from the 52
    /// weeks before the first scanned day, the level from the 8 weeks before the day itself (weekday-adjusted
    /// mean, with half an incident added so that a quiet series still has a small expectation), which follows
    /// the season and the trend. The spread is quasi-Poisson: the dispersion is read from the same 8 weeks,
    /// pooled over the districts for each category, and the upper tail is the negative binomial's (Poisson
    /// when the counts are not overdispersed), after Farrington et al. (1996). Only located incidents with a known day count.
    public func excesses(
        on days: ClosedRange<Int>, level: String, filter: IncidentFilter = IncidentFilter(), falseDiscoveryRate: Double = 0.05
    ) throws -> ExcessScan {
        guard falseDiscoveryRate > 0 && falseDiscoveryRate < 1 else { throw AnalyticsError.invalidRate(falseDiscoveryRate) }
        // Days before the data are not quiet days: a baseline needs its 8 weeks of history.
        guard let dataStart = dayRange?.lowerBound, days.lowerBound - Self.levelWindow >= dataStart else {
            throw AnalyticsError.insufficientHistory(
                needed: "8 weeks before the first day scanned", dataStart: dayRange.map { CivilDate(dayNumber: $0.lowerBound) })
        }
        let first = days.lowerBound - Self.weekdayWindow - Self.levelWindow
        var period = filter
        period.from = start(of: CivilDate(dayNumber: first))
        period.to = start(of: CivilDate(dayNumber: days.upperBound + 1))
        let table = try count(by: [.district(level: level), .category, .day], filter: period)
        let span = days.upperBound - first + 1
        let districts = table.keys(0)
        let categories = table.keys(1)
        var tests: [(finding: ExcessFinding, p: Double)] = []
        for category in categories.indices {
            guard case .category(let code) = categories[category], filter.categories?.contains(code) ?? true else {
                continue
            }
            let series = districts.indices.map { district in
                let base = (district * categories.count + category) * span
                return table.counts[base..<(base + span)]
            }
            let profiles = series.map {
                weekdayFactors($0, first: first, from: max(dataStart, days.lowerBound - Self.weekdayWindow), before: days.lowerBound)
            }
            for day in days {
                // One dispersion per category and day, pooled over the districts: a single district's 8 weeks
                // of sparse counts give too unsteady an estimate.
                var pearson = 0.0
                var freedom = 0
                let baselines = series.indices.map { district in
                    let baseline = self.baseline(series[district], first: first, day: day, profile: profiles[district])
                    if series[district].contains(where: { $0 > 0 }) {
                        pearson += baseline.pearson
                        freedom += Self.levelWindow - 1
                    }
                    return baseline.expected
                }
                let dispersion = freedom > 0 ? max(1, pearson / Double(freedom)) : 1
                // Incidents in no district are outside the city: they set the dispersion but are not tested.
                for district in series.indices where districts[district] != .district(nil) {
                    let observed = series[district][series[district].startIndex + day - first]
                    let expected = baselines[district]
                    let p = Double(observed) > expected
                        ? CountDistribution.upperTail(observed, mean: expected, dispersion: dispersion) : 1
                    guard case .district(let place) = districts[district] else { continue }
                    tests.append((ExcessFinding(
                        day: CivilDate(dayNumber: day), district: place, category: code, observed: observed,
                        expected: expected, p: p), p))
                }
            }
        }
        let threshold = benjaminiHochbergThreshold(tests.map(\.p), rate: falseDiscoveryRate)
        let findings = threshold.map { limit in tests.filter { $0.p <= limit && $0.p < 1 }.map(\.finding) } ?? []
        return ExcessScan(
            level: level, days: days, tests: tests.count, pThreshold: threshold, falseDiscoveryRate: falseDiscoveryRate,
            findings: findings.sorted { $0.p < $1.p })
    }

    /// Each weekday's count relative to the average day over the weekday window, or as much of it as the data
    /// covers (one added to each weekday's mean and to the average, so that sparse series keep factors near 1).
    private func weekdayFactors(_ series: ArraySlice<Int>, first: Int, from: Int, before: Int) -> [Double] {
        var sums = [Double](repeating: 0, count: 7)
        var counts = [Double](repeating: 0, count: 7)
        for day in from..<before {
            let weekday = CivilDate.weekday(dayNumber: day)
            sums[weekday] += Double(series[series.startIndex + day - first])
            counts[weekday] += 1
        }
        let average = sums.reduce(0, +) / counts.reduce(0, +)
        return (0..<7).map { (sums[$0] / max(counts[$0], 1) + 1) / (average + 1) }
    }

    /// The expected count of `day`, and the Pearson sum of the 8 weeks before it around their own baseline.
    private func baseline(_ series: ArraySlice<Int>, first: Int, day: Int, profile: [Double])
        -> (expected: Double, pearson: Double)
    {
        let window = (day - Self.levelWindow)..<day
        let origin = series.startIndex - first
        var total = 0.0
        var weights = 0.0
        for past in window {
            total += Double(series[origin + past])
            weights += profile[CivilDate.weekday(dayNumber: past)]
        }
        let level = (total + 0.5) / weights
        var pearson = 0.0
        for past in window {
            let mean = level * profile[CivilDate.weekday(dayNumber: past)]
            let difference = Double(series[origin + past]) - mean
            pearson += difference * difference / mean
        }
        return (level * profile[CivilDate.weekday(dayNumber: day)], pearson)
    }
}
