import Foundation
import VigieCore

/// A lasting change, in recent weeks, of a category's weekly count against the same weeks a year earlier.
public struct LevelChangeFinding: Sendable, Hashable {
    public var category: CategoryCode
    /// The Monday of the first week at the new level.
    public var week: CivilDate
    /// The mean weekly difference from a year earlier, before and after the change.
    public var differenceBefore: Double
    public var differenceAfter: Double
}

extension IncidentSnapshot {
    /// For each category, the weekly counts of the 52 whole weeks (Monday to Sunday) ending on or before
    /// `asOf` minus the same weeks 52 weeks earlier (so that the season cancels out), searched for changes of
    /// level (see `ChangePointDetection`); a change starting in the last `recentWeeks` weeks is a finding. `nil` when the data does
    /// not cover the 104 weeks: weeks before it are not quiet weeks.
    public func levelChanges(asOf: CivilDate, recentWeeks: Int = 8, filter: IncidentFilter = IncidentFilter()) throws
        -> [LevelChangeFinding]?
    {
        // The last whole week ends on the Sunday on or before `asOf`.
        let lastSunday = asOf.dayNumber - (asOf.weekday + 1) % 7
        let firstMonday = lastSunday - 104 * 7 + 1
        guard let data = dayRange, data.lowerBound <= firstMonday else { return nil }
        var period = filter
        period.from = start(of: CivilDate(dayNumber: firstMonday))
        period.to = start(of: CivilDate(dayNumber: lastSunday + 1))
        let table = try count(by: [.category, .week], filter: period)
        let weeks = table.keys(1).count
        guard weeks == 104 else { return [] }
        var findings: [LevelChangeFinding] = []
        for (index, key) in table.keys(0).enumerated() {
            guard case .category(let category) = key, filter.categories?.contains(category) ?? true else { continue }
            let counts = table.counts[(index * weeks)..<((index + 1) * weeks)].map(Double.init)
            let differences = (52..<104).map { counts[$0] - counts[$0 - 52] }
            guard let change = ChangePointDetection.detect(differences, minimumLength: 3).last,
                change.index >= 52 - recentWeeks
            else { continue }
            findings.append(LevelChangeFinding(
                category: category, week: CivilDate(dayNumber: firstMonday + (52 + change.index) * 7),
                differenceBefore: change.meanBefore, differenceAfter: change.meanAfter))
        }
        return findings
    }
}
