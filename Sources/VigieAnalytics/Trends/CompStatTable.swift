import Foundation
import VigieCore

/// A CompStat table: recent counts against the period before and the same period a year earlier, per group.
public struct CompStatTable: Sendable {
    /// Two counts of equal periods and what their difference means.
    public struct Comparison: Sendable, Hashable {
        public var current: Int
        public var reference: Int
        /// The exact two-sided p-value of the difference (see `PoissonComparison`).
        public var p: Double

        /// current / reference − 1, `nil` when the reference is 0.
        public var change: Double? { reference > 0 ? Double(current) / Double(reference) - 1 : nil }

        /// Whether the difference is significant at `level`.
        public func isSignificant(at level: Double) -> Bool { p <= level }

        /// "up", "down" or "stable" (no significant difference at `level`).
        public func direction(at level: Double) -> String {
            guard isSignificant(at: level) else { return "stable" }
            return current > reference ? "up" : "down"
        }

        init(_ current: Int, _ reference: Int) {
            self.current = current
            self.reference = reference
            p = PoissonComparison.pValue(current, reference)
        }
    }

    /// One group's line.
    public struct Line: Sendable {
        /// The group (a category, a district…), `nil` for the total of all groups.
        public var key: GroupKey?
        public var last7AgainstPrevious: Comparison
        public var last7AgainstYearBefore: Comparison
        public var last28AgainstPrevious: Comparison
        public var last28AgainstYearBefore: Comparison
        public var yearToDateAgainstYearBefore: Comparison
    }

    /// The last day counted, in the deployment's zone.
    public let asOf: CivilDate
    /// What the lines are grouped by.
    public let grouping: Grouping?
    /// The groups, then the total.
    public let lines: [Line]
}

extension IncidentSnapshot {
    /// The CompStat table as of the end of `asOf` (local day), for the incidents `filter` keeps (its period is
    /// ignored), grouped by `grouping` (a category, source or district grouping) or in one line.
    ///
    /// The last 7 and 28 days end on `asOf`; the previous periods are the 7 and 28 days before them; "a year
    /// before" is the same days 52 weeks earlier, so that weekdays match; the year to date runs from 1 January
    /// to `asOf` and is compared with the same dates of the previous year.
    public func compStat(asOf: CivilDate, grouping: Grouping? = nil, filter: IncidentFilter = IncidentFilter()) throws
        -> CompStatTable
    {
        let lastYearDay = CivilDate(year: asOf.year - 1, month: asOf.month, day: min(asOf.day, CivilDate.daysInMonth(year: asOf.year - 1, month: asOf.month)))
        let first = min(asOf.dayNumber - 364 - 27, CivilDate(year: asOf.year - 1, month: 1, day: 1).dayNumber)
        var period = filter
        period.from = start(of: CivilDate(dayNumber: first))
        period.to = start(of: asOf.adding(days: 1))
        let table = try count(by: (grouping.map { [$0] } ?? []) + [.day], filter: period)
        let days = asOf.dayNumber - first + 1
        let keys: [GroupKey] = grouping == nil ? [] : table.keys(0)
        /// Incidents of one group (all when `nil`) from one local day through another.
        func sum(_ group: Int?, _ from: Int, _ through: Int) -> Int {
            // Without a grouping the table is the one series; with one, the total runs over its groups.
            let groups: Range<Int> = group.map { $0..<($0 + 1) } ?? 0..<(grouping == nil ? 1 : keys.count)
            return groups.reduce(0) { total, group in
                total + table.counts[(group * days + from - first)...(group * days + through - first)].reduce(0, +)
            }
        }
        let end = asOf.dayNumber
        let yearStart = CivilDate(year: asOf.year, month: 1, day: 1).dayNumber
        let lastYearStart = CivilDate(year: asOf.year - 1, month: 1, day: 1).dayNumber
        func line(_ group: Int?) -> CompStatTable.Line {
            CompStatTable.Line(
                key: group.map { keys[$0] },
                last7AgainstPrevious: .init(sum(group, end - 6, end), sum(group, end - 13, end - 7)),
                last7AgainstYearBefore: .init(sum(group, end - 6, end), sum(group, end - 370, end - 364)),
                last28AgainstPrevious: .init(sum(group, end - 27, end), sum(group, end - 55, end - 28)),
                last28AgainstYearBefore: .init(sum(group, end - 27, end), sum(group, end - 391, end - 364)),
                yearToDateAgainstYearBefore: .init(sum(group, yearStart, end), sum(group, lastYearStart, lastYearDay.dayNumber)))
        }
        let lines = keys.indices.map { line($0) } + [line(nil)]
        return CompStatTable(asOf: asOf, grouping: grouping, lines: lines)
    }
}
