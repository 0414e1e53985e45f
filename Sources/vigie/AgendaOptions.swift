import ArgumentParser
import Foundation
import VigieAnalytics
import VigieCore
import VigieIngest
import VigieStore

/// What `vigie agenda`, `vigie clashes` and `vigie measures` share: the days, the districts, the rules.
struct AgendaOptions: ParsableArguments {
    @Option(help: "First day (YYYY-MM-DD; default: today).") var from: String?
    @Option(help: "Days covered.") var days: Int = 30
    @Option(help: "The district level of the day-by-district scores (default: the coarsest loaded).") var level: String?
    @Option(help: "A rules file (YAML) for clashes and means; the standard rules otherwise (`vigie agenda rules`).")
    var rules: String?

    func loadRules() throws -> AgendaRules {
        guard let rules else { return AgendaRules() }
        do {
            return try AgendaRulesFile.load(contentsOf: URL(fileURLWithPath: rules))
        } catch let error as MappingError {
            throw CommandError("\(error)")
        }
    }

    /// The store's agenda over the days asked, assessed.
    func assess(_ store: SQLiteStore) throws -> AgendaAssessment.Loaded {
        guard (1...366).contains(days) else { throw ValidationError("--days \(days) must lie between 1 and 366") }
        let snapshot = try store.analyticsSnapshot()
        let firstDay = try from.map { try AnalyticsOptions.day($0, option: "--from") }
            ?? CivilDate(Date(), in: snapshot.timeZone)
        do {
            let loaded = try AgendaAssessment.load(
                from: store, snapshot: snapshot, firstDay: firstDay, days: days, level: level, rules: try loadRules())
            if let reason = loaded.historyLeftOut { Output.note("incident history left out of the scores: \(reason)") }
            return loaded
        } catch AnalyticsError.unknownDistrictLevel(let level, let known) {
            throw ValidationError("--level '\(level)' has no districts; the levels loaded are \(known.joined(separator: ", "))")
        }
    }
}

extension RiskScore.Band {
    /// The band as a table shows it.
    var label: String {
        switch self {
        case .green: "green"
        case .orange: "ORANGE"
        case .red: "RED"
        }
    }
}
