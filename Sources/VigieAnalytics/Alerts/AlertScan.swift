import Foundation
import VigieCore

/// One scan for anomalies over some days: the alerts found and what was and was not looked for, in words.
public struct AlertScan: Sendable {
    public let alerts: [Alert]
    public let notes: [String]
}

extension IncidentSnapshot {
    /// Looks for excess days per district of `level` and category over `days` (local day numbers; the
    /// baselines read the weeks before them), declared at the false-discovery rate `rate`, and for lasting
    /// changes of level per category as of the last day. With no district loaded, only level changes. Days
    /// without the 8 weeks of history their baselines need are refused, or with `skippingShortHistory` (a
    /// scan nobody asked for in particular) left out with a note.
    public func scanAlerts(
        days: ClosedRange<Int>, level: String?, filter: IncidentFilter = IncidentFilter(), falseDiscoveryRate rate: Double,
        skippingShortHistory: Bool = false, now: Date = Date()
    ) throws -> AlertScan {
        guard days.count <= 366 else { throw AnalyticsError.invalidPeriod("scan at most a year of days at once") }
        var filter = filter
        filter.from = nil
        filter.to = nil
        var found: [Alert] = []
        var notes: [String] = []
        if let level {
            do {
                let scan = try excesses(on: days, level: level, filter: filter, falseDiscoveryRate: rate)
                found += scan.findings.compactMap { finding in
                    finding.district.map { code in
                        Alert(kind: .excess, day: finding.day, districtLevel: level, districtCode: code,
                            category: finding.category, observed: Double(finding.observed), expected: finding.expected,
                            p: finding.p, detectedAt: now)
                    }
                }
                notes.append("excess: \(scan.tests) tests over \(days.count) day(s), \(scan.findings.count) significant at a false-discovery rate of \(rate)")
            } catch let error as AnalyticsError {
                // Too little history for the baselines: say so, and still look for changes of level.
                guard case .insufficientHistory = error, skippingShortHistory else { throw error }
                notes.append("excess days not scanned: \(error)")
            }
        } else {
            notes.append("no districts loaded: excess days are looked for per district, so only level changes are scanned")
        }
        if let changes = try levelChanges(asOf: CivilDate(dayNumber: days.upperBound), filter: filter) {
            found += changes.map { change in
                Alert(kind: .levelChange, day: change.week, category: change.category,
                    observed: change.differenceAfter, expected: change.differenceBefore, detectedAt: now)
            }
        } else {
            notes.append("level changes need two years of history before the last day scanned; not scanned")
        }
        return AlertScan(alerts: found, notes: notes)
    }
}
