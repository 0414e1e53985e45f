import Foundation
import VigieCore

/// Draws a source's incidents day by day: Poisson counts shaped by season, trend, weekday and festive nights,
/// times from weekly profiles, places from hotspots and population, near repeats and crowd events on top.
struct IncidentGenerator: Sendable {
    /// The city incidents fall in.
    let map: CityMap
    /// Local time of the deployment.
    let clock: LocalClock
    /// First instant covered, UTC seconds.
    let start: Int
    /// First instant not covered, UTC seconds.
    let end: Int
    /// Multiplier of every rate.
    let scale: Double
    /// The demo's seed.
    let seed: UInt64
    /// Gatherings that bring incidents of their own.
    let crowds: [CrowdEvent]
    /// Planted series of one kind of incident around one place, such as a burglary spree.
    var sprees: [Spree] = []

    /// Extra incidents of one kind around one place for a few days: what anomaly alerts should catch.
    struct Spree: Sendable {
        /// The raw label of the kind.
        let label: String
        let centre: GeoPoint
        /// The first local day, as a day number, and how many days it lasts.
        let firstDay: Int
        let days: Int
        /// Mean extra incidents a day, at scale 1.
        let perDay: Double
    }

    /// Mean number of near repeats each burglary, theft from vehicles or vehicle damage triggers.
    static let branchingRatio = 0.25
    /// Standard deviation of a near repeat's distance from its parent, in metres.
    static let repeatSpreadMetres = 70.0
    /// Farthest a near repeat falls from its parent, in metres.
    static let repeatRadiusMetres = 200.0

    /// Every incident of the source within the period, ordered by time.
    func incidents(of source: DemoSource) -> [SyntheticIncident] {
        var random = SeededGenerator(seed: seed, stream: source.stream)
        var output: [SyntheticIncident] = []
        let firstDay = Int((Double(clock.local(utc: start)) / 86_400).rounded(.down))
        let lastDay = Int((Double(clock.local(utc: end - 1)) / 86_400).rounded(.down))
        let totalShare = source.kinds.reduce(0) { $0 + $1.share }
        for dayNumber in firstDay...lastDay {
            let date = CivilDate(dayNumber: dayNumber)
            let isStormy = isStormDay(dayNumber, month: date.month)
            let elapsedYears = Double(dayNumber * 86_400 - start) / (365.2425 * 86_400)
            let weekday = effectiveWeekday(date)
            for (index, kind) in source.kinds.enumerated() {
                var mean = source.perYear / 365.2425 * kind.share / totalShare * scale
                mean *= kind.seasonalFactor(dayOfYear: date.dayOfYear)
                mean *= pow(1 + source.trendPerYear + kind.trendPerYear, elapsedYears)
                mean *= kind.timing.dayFactor(weekday: weekday)
                if kind.festive { mean *= FrenchCalendar.festiveFactor(date) }
                if isStormy { mean *= kind.stormFactor }
                if kind.repeats { mean *= 1 - IncidentGenerator.branchingRatio }
                for _ in 0..<random.poisson(mean) {
                    let position = kind.place.point(on: map, dayOfYear: date.dayOfYear, using: &random)
                    guard let utc = instant(on: date, kind: kind, seconds: source.recordsSeconds, using: &random) else {
                        continue
                    }
                    output.append(SyntheticIncident(utc: utc, position: position, kind: index, order: output.count))
                    if kind.repeats {
                        addRepeats(of: output[output.count - 1], on: date, source: source, to: &output, using: &random)
                    }
                }
            }
        }
        addCrowdIncidents(of: source, to: &output, using: &random)
        addSprees(of: source, to: &output, using: &random)
        return output.sorted { ($0.utc, $0.order) < ($1.utc, $1.order) }
    }

    /// The weekday whose habits a date follows: public holidays behave like Sundays.
    /// Whether a storm hits the city that day: one weather for every source, drawn from the seed and the day.
    private func isStormDay(_ dayNumber: Int, month: Int) -> Bool {
        var weather = SeededGenerator(seed: seed &+ UInt64(bitPattern: Int64(dayNumber)) &* 0x9E37_79B9_7F4A_7C15, stream: 900)
        return weather.chance((9...11).contains(month) ? 0.08 : 0.02)
    }

    private func effectiveWeekday(_ date: CivilDate) -> Int {
        FrenchCalendar.isPublicHoliday(date) ? 6 : date.weekday
    }

    /// A UTC instant on a local date drawn from the kind's weekly profile, if within the period.
    private func instant(
        on date: CivilDate, kind: IncidentKind, seconds: Bool, using random: inout SeededGenerator
    ) -> Int? {
        let hour = kind.timing.hour(weekday: effectiveWeekday(date), using: &random)
        let withinHour = seconds ? random.below(3600) : random.below(60) * 60
        let local = date.dayNumber * 86_400 + hour * 3600 + withinHour
        let utc = clock.utc(local: local)
        return utc >= start && utc < end ? utc : nil
    }

    /// Near repeats: each incident spawns a Poisson number of similar ones 1–14 days later within 200 m,
    /// which may spawn their own.
    private func addRepeats(
        of first: SyntheticIncident, on firstDate: CivilDate, source: DemoSource,
        to output: inout [SyntheticIncident], using random: inout SeededGenerator
    ) {
        var pending = [(incident: first, date: firstDate)]
        while let parent = pending.popLast() {
            for _ in 0..<random.poisson(IncidentGenerator.branchingRatio) {
                let date = parent.date.adding(days: 1 + min(13, Int(random.exponential(mean: 3))))
                let position = nearbyPoint(of: parent.incident.position, using: &random)
                let kind = source.kinds[parent.incident.kind]
                guard let utc = instant(on: date, kind: kind, seconds: source.recordsSeconds, using: &random) else {
                    continue
                }
                let child = SyntheticIncident(
                    utc: utc, position: position, kind: parent.incident.kind, order: output.count)
                output.append(child)
                pending.append((child, date))
            }
        }
    }

    /// A land position within the near-repeat radius of another.
    private func nearbyPoint(of centre: GeoPoint, using random: inout SeededGenerator) -> GeoPoint {
        while true {
            let point = PlaceProfile.point(
                near: centre, spread: IncidentGenerator.repeatSpreadMetres, on: map, using: &random)
            if LocalProjection.marseille.distance(point, centre) <= IncidentGenerator.repeatRadiusMetres {
                return point
            }
        }
    }

    /// Incidents around large gatherings, from an hour before to an hour after.
    private func addCrowdIncidents(
        of source: DemoSource, to output: inout [SyntheticIncident], using random: inout SeededGenerator
    ) {
        for crowd in crowds where crowd.start >= start && crowd.end < end {
            for (index, kind) in source.kinds.enumerated() where kind.crowdRate > 0 {
                for _ in 0..<random.poisson(Double(crowd.attendance) / 1000 * kind.crowdRate * scale) {
                    let utc = crowd.start - 3600 + random.below((crowd.end - crowd.start) / 60 + 120) * 60
                    let position = PlaceProfile.point(near: crowd.centre, spread: 350, on: map, using: &random)
                    output.append(SyntheticIncident(utc: utc, position: position, kind: index, order: output.count))
                }
            }
        }
    }

    /// The planted sprees of the source's kinds.
    private func addSprees(
        of source: DemoSource, to output: inout [SyntheticIncident], using random: inout SeededGenerator
    ) {
        for spree in sprees {
            guard let index = source.kinds.firstIndex(where: { $0.label == spree.label }) else { continue }
            for dayNumber in spree.firstDay..<(spree.firstDay + spree.days) {
                for _ in 0..<random.poisson(spree.perDay * scale) {
                    let position = PlaceProfile.point(near: spree.centre, spread: 250, on: map, using: &random)
                    guard let utc = instant(
                        on: CivilDate(dayNumber: dayNumber), kind: source.kinds[index], seconds: source.recordsSeconds,
                        using: &random)
                    else { continue }
                    output.append(SyntheticIncident(utc: utc, position: position, kind: index, order: output.count))
                }
            }
        }
    }
}
