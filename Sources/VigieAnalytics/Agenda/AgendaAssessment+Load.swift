import Foundation
import VigieCore

extension AgendaAssessment {
    /// The ports an assessment reads: the agenda and its means, the districts, the weather, the deployment.
    public typealias Store = AgendaRepository & DistrictRepository & WeatherRepository & DeploymentSettingsRepository

    /// An assessment read from a store, with what it was made of.
    public struct Loaded: Sendable {
        public let assessment: AgendaAssessment
        public let timeZone: TimeZone
        /// The first instant and the end of the days assessed.
        public let start: Date
        public let end: Date
        /// The district level of the day-by-district scores, if districts are loaded.
        public let level: String?
        /// Why the incident history was left out of the scores, if it was.
        public let historyLeftOut: String?
    }

    /// Assesses the store's agenda over `days` local days from `firstDay`: its items and their means, the
    /// districts of `level` (the coarsest loaded when `nil`), the weather, and the incidents of `snapshot`
    /// up to the first day (or to the day after the latest incident, if earlier).
    public static func load(
        from store: any Store, snapshot: IncidentSnapshot, firstDay: CivilDate, days: Int, level: String?,
        rules: AgendaRules
    ) throws -> Loaded {
        let zone = snapshot.timeZone
        let start = snapshot.start(of: firstDay)
        let end = snapshot.start(of: firstDay.adding(days: days))
        let items = try store.plannedEvents(from: start, to: end)
        var measures: [Int64: [Measure]] = [:]
        for id in items.compactMap(\.id) { measures[id] = try store.measures(plannedEventID: id) }
        let levels = Dictionary(grouping: try store.districts(level: nil), by: \.level)
        if let level, levels[level] == nil {
            throw AnalyticsError.unknownDistrictLevel(level, known: levels.keys.sorted())
        }
        let chosen = level ?? levels.min { ($0.value.count, $0.key) < ($1.value.count, $1.key) }?.key
        let districts = chosen.flatMap { levels[$0] } ?? []
        let weather = try store.weather(from: firstDay, through: firstDay.adding(days: days - 1))
        var history: PlaceHistory?
        var leftOut: String? = "the store holds no located incident"
        if let last = snapshot.dayRange?.upperBound, snapshot.projection != nil {
            let asOf = min(start, snapshot.start(of: CivilDate(dayNumber: last + 1)))
            do {
                history = try PlaceHistory(snapshot: snapshot, asOf: asOf, outlines: districts.map(\.outline))
                leftOut = nil
            } catch let error as AnalyticsError {
                leftOut = "\(error)"
            }
        }
        let projection = snapshot.projection
            ?? LocalProjection(origin: items.first?.geometry.points.first ?? GeoPoint(latitude: 0, longitude: 0))
        let assessment = AgendaAssessment(
            items: items, measures: measures, districts: districts, weather: weather, history: history,
            projection: projection, timeZone: zone, firstDay: firstDay, dayCount: days, settings: rules)
        return Loaded(
            assessment: assessment, timeZone: zone, start: start, end: end, level: chosen, historyLeftOut: leftOut)
    }
}
