import Foundation
import VigieCore

/// The CompStat table and decomposed series as JSON documents: what `vigie trends --format json` prints and
/// what the API answers.
public enum TrendsDocument {
    /// One comparison of a CompStat line.
    public struct Comparison: Encodable, Sendable {
        public let current: Int
        public let reference: Int
        public let change: Double?
        public let p: Double
        /// up, down or stable at the table's significance level.
        public let direction: String

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(current, forKey: .current)
            try container.encode(reference, forKey: .reference)
            try container.encode(change, forKey: .change)
            try container.encode(p, forKey: .p)
            try container.encode(direction, forKey: .direction)
        }

        enum CodingKeys: String, CodingKey { case current, reference, change, p, direction }
    }

    /// One group's line: its label and code, and its five comparisons.
    public struct Line: Encodable, Sendable {
        public let group: String
        public let key: String
        public let last7VsPrevious: Comparison
        public let last7VsYearBefore: Comparison
        public let last28VsPrevious: Comparison
        public let last28VsYearBefore: Comparison
        public let yearToDateVsYearBefore: Comparison

        enum CodingKeys: String, CodingKey {
            case group, key
            case last7VsPrevious = "last7_vs_previous"
            case last7VsYearBefore = "last7_vs_year_before"
            case last28VsPrevious = "last28_vs_previous"
            case last28VsYearBefore = "last28_vs_year_before"
            case yearToDateVsYearBefore = "year_to_date_vs_year_before"
        }
    }

    public struct CompStat: Encodable, Sendable {
        public let asOf: String
        /// The significance level the directions are read at.
        public let level: Double
        public let lines: [Line]
    }

    /// The table as a document; `label` gives the words for a group (`nil` for the whole).
    public static func compStat(_ table: CompStatTable, level: Double, label: (GroupKey?) -> String) -> CompStat {
        func comparison(_ value: CompStatTable.Comparison) -> Comparison {
            Comparison(current: value.current, reference: value.reference, change: value.change, p: value.p,
                direction: value.direction(at: level))
        }
        return CompStat(asOf: table.asOf.iso, level: level, lines: table.lines.map { line in
            Line(
                group: label(line.key), key: line.key?.text ?? "",
                last7VsPrevious: comparison(line.last7AgainstPrevious),
                last7VsYearBefore: comparison(line.last7AgainstYearBefore),
                last28VsPrevious: comparison(line.last28AgainstPrevious),
                last28VsYearBefore: comparison(line.last28AgainstYearBefore),
                yearToDateVsYearBefore: comparison(line.yearToDateAgainstYearBefore))
        })
    }

    /// One period of a series with its decomposition (`null` where it is not defined).
    public struct Point: Encodable, Sendable {
        public let period: String
        public let count: Int
        public let trend: Double?
        public let seasonal: Double?
        public let residual: Double?

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(period, forKey: .period)
            try container.encode(count, forKey: .count)
            try container.encode(trend, forKey: .trend)
            try container.encode(seasonal, forKey: .seasonal)
            try container.encode(residual, forKey: .residual)
        }

        enum CodingKeys: String, CodingKey { case period, count, trend, seasonal, residual }
    }

    /// A change of level: the first period of the new level, and the levels before and after.
    public struct Change: Encodable, Sendable {
        public let start: String
        public let levelBefore: Double
        public let levelAfter: Double
    }

    public struct Series: Encodable, Sendable {
        /// The seasonal period in periods of the series: 7 days, 52 weeks or 12 months.
        public let period: Int
        /// Share of the detrended variance the seasonal part explains; `null` when too short to decompose.
        public let seasonalStrength: Double?
        public let changePoints: [Change]
        public let series: [Point]

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(period, forKey: .period)
            try container.encode(seasonalStrength, forKey: .seasonalStrength)
            try container.encode(changePoints, forKey: .changePoints)
            try container.encode(series, forKey: .series)
        }

        enum CodingKeys: String, CodingKey { case period, seasonalStrength, changePoints, series }
    }

    /// A series decomposed (trend, seasonal part, residual) with its changes of level, read on the
    /// deseasonalised series so that a season is not taken for one.
    public static func series(_ series: [(key: GroupKey, count: Int)], period: Int) -> Series {
        let counts = series.map(\.count)
        let labels = series.map { periodLabel($0.key) }
        let values = counts.map(Double.init)
        let decomposition = SeasonalDecomposition(values, period: period)
        let adjusted = decomposition.map { decomposition in values.indices.map { values[$0] - decomposition.seasonal[$0] } }
        let changes = ChangePointDetection.detect(adjusted ?? values, minimumLength: period == 7 ? 14 : 3)
        return Series(
            period: period, seasonalStrength: decomposition?.seasonalStrength,
            changePoints: changes.map { Change(start: labels[$0.index], levelBefore: $0.meanBefore, levelAfter: $0.meanAfter) },
            series: labels.indices.map { index in
                Point(period: labels[index], count: counts[index], trend: decomposition?.trend[index],
                    seasonal: decomposition?.seasonal[index], residual: decomposition?.residual[index])
            })
    }

    /// A day or a week's Monday written YYYY-MM-DD, a month YYYY-MM; other keys as their text.
    public static func periodLabel(_ key: GroupKey) -> String {
        switch key {
        case .day(let date), .week(let date): date.iso
        case .month(let date): String(date.iso.prefix(7))
        default: key.text
        }
    }

    /// The seasonal period of a series by day (a week), week (a year) or month (a year).
    public static func seasonalPeriod(of grouping: Grouping) -> Int {
        switch grouping {
        case .week: 52
        case .month: 12
        default: 7
        }
    }
}

extension IncidentSnapshot {
    /// Incidents per day, week or month over the whole periods the data and `filter` cover: a first or last
    /// week or month covered only in part would read as a drop, and days beyond the data hold nothing known.
    public func wholePeriodSeries(_ grouping: Grouping, filter: IncidentFilter) throws -> [(key: GroupKey, count: Int)] {
        guard let range = dayRange else { return [] }
        // Counted over the data's days only: a period reaching far beyond them would be a table of nothing.
        var filter = filter
        filter.from = max(filter.from ?? .distantPast, start(of: CivilDate(dayNumber: range.lowerBound)))
        filter.to = min(filter.to ?? .distantFuture, start(of: CivilDate(dayNumber: range.upperBound + 1)))
        guard filter.from! < filter.to! else { return [] }
        let table = try count(by: [grouping], filter: filter)
        let first = max(dayRange?.lowerBound ?? 0, filter.from.map { localDay(of: $0) } ?? .min)
        let last = min(dayRange?.upperBound ?? -1, filter.to.map { localDay(of: $0.addingTimeInterval(-1)) } ?? .max)
        let keys = table.keys(0)
        return keys.indices.filter { index in
            switch keys[index] {
            case .week(let monday): monday.dayNumber >= first && monday.dayNumber + 6 <= last
            case .month(let start):
                start.dayNumber >= first
                    && start.dayNumber + CivilDate.daysInMonth(year: start.year, month: start.month) - 1 <= last
            case .day(let day): day.dayNumber >= first && day.dayNumber <= last
            default: true
            }
        }.map { (keys[$0], table.counts[$0]) }
    }
}
