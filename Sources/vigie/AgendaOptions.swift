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

    /// The store's agenda over the days asked, assessed.
    struct Assessed {
        let assessment: AgendaAssessment
        let zone: TimeZone
        let start: Date
        let end: Date
        let level: String?
        /// Whether incident history and forecast entered the scores.
        let hasHistory: Bool
    }

    func loadRules() throws -> AgendaRules {
        guard let rules else { return AgendaRules() }
        do {
            return try AgendaRulesFile.load(contentsOf: URL(fileURLWithPath: rules))
        } catch let error as MappingError {
            throw CommandError("\(error)")
        }
    }

    func assess(_ store: SQLiteStore) throws -> Assessed {
        let zone = TimeZone(identifier: try store.deployment().timeZoneIdentifier) ?? .current
        let (start, end) = try Agenda.period(from: from, days: days, in: zone)
        let rules = try loadRules()
        let items = try store.plannedEvents(from: start, to: end)
        var measures: [Int64: [Measure]] = [:]
        for id in items.compactMap(\.id) { measures[id] = try store.measures(plannedEventID: id) }
        let levels = Dictionary(grouping: try store.districts(level: nil), by: \.level)
        if let level, levels[level] == nil {
            throw ValidationError("--level '\(level)' has no districts; the levels loaded are \(levels.keys.sorted().joined(separator: ", "))")
        }
        let chosen = level ?? levels.min { ($0.value.count, $0.key) < ($1.value.count, $1.key) }?.key
        let districts = chosen.flatMap { levels[$0] } ?? []
        let firstDay = CivilDate(start, in: zone)
        let weather = try store.weather(from: firstDay, through: firstDay.adding(days: days - 1))
        let snapshot = try store.analyticsSnapshot()
        var history: PlaceHistory?
        if let last = snapshot.dayRange?.upperBound, snapshot.projection != nil {
            let asOf = min(start, snapshot.start(of: CivilDate(dayNumber: last + 1)))
            do {
                history = try PlaceHistory(snapshot: snapshot, asOf: asOf, outlines: districts.map(\.outline))
            } catch let error as AnalyticsError {
                Output.note("incident history left out of the scores: \(error)")
            }
        }
        let projection = snapshot.projection ?? LocalProjection(origin: items.first?.geometry.points.first
            ?? GeoPoint(latitude: 0, longitude: 0))
        let assessment = AgendaAssessment(
            items: items, measures: measures, districts: districts, weather: weather, history: history,
            projection: projection, timeZone: zone, firstDay: firstDay, dayCount: days, settings: rules)
        return Assessed(assessment: assessment, zone: zone, start: start, end: end, level: chosen, hasHistory: history != nil)
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
