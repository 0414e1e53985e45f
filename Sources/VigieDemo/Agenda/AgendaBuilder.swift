import Foundation
import VigieCore

/// Builds the public-space agenda: markets, matches, festivities, roadworks, protests, visits and film shoots.
struct AgendaBuilder: Sendable {
    /// Local time of the deployment.
    let clock: LocalClock
    /// The city.
    let map: CityMap
    /// The demo's seed.
    let seed: UInt64
    /// First instant covered, UTC seconds.
    let start: Int
    /// End of the incident period, UTC seconds: items ending before it have their deployed means.
    let end: Int
    /// End of the agenda, UTC seconds.
    let horizon: Int

    /// Every item, ordered by start then reference.
    func items() -> [AgendaItem] {
        let all = markets() + matches().map(\.item) + festivities() + roadworks() + protests() + visitsAndShoots()
        return all.sorted {
            ($0.event.startsAt, $0.event.sourceReference) < ($1.event.startsAt, $1.event.sourceReference)
        }
    }

    /// Large gatherings at the Vélodrome within the incident period.
    func crowds() -> [CrowdEvent] {
        matches().map(\.crowd) + stadiumConcerts().compactMap(\.crowd)
    }

    /// Local dates from the first to the last day of the agenda.
    var days: [CivilDate] {
        let first = Timestamp(seconds: clock.local(utc: start)).date.dayNumber
        let last = Timestamp(seconds: clock.local(utc: horizon - 1)).date.dayNumber
        return (first...last).map(CivilDate.init(dayNumber:))
    }

    /// Years the agenda touches.
    var years: ClosedRange<Int> { days[0].year...days[days.count - 1].year }

    /// The UTC seconds of a local date and time.
    func instant(_ date: CivilDate, _ hour: Int, _ minute: Int = 0) -> Int {
        clock.utc(local: date.dayNumber * 86_400 + hour * 3600 + minute * 60)
    }

    /// An item if it overlaps the agenda period, with means deployed when it is past; some past items got
    /// fewer means than planned.
    func item(
        _ reference: String, _ kind: PlannedEventKind, _ title: String, from startsAt: Int, to endsAt: Int,
        allDay: Bool = false, at geometry: EventGeometry, attendance: Int? = nil, organiser: String,
        means planned: [(Measure.Kind, Int)], using random: inout SeededGenerator
    ) -> AgendaItem? {
        let isUnderResourced = random.chance(0.15)
        guard endsAt > start, startsAt < horizon else { return nil }
        let means = planned.filter { $0.1 > 0 }.map { kind, count in
            let deployed =
                isUnderResourced
                ? Int(Double(count) * random.uniform(0.45, 0.8))
                : Int((Double(count) * random.uniform(0.92, 1.08)).rounded())
            return AgendaItem.Means(kind: kind, planned: count, deployed: endsAt > end ? nil : deployed)
        }
        let event = PlannedEvent(
            sourceID: 0, sourceReference: reference, kind: kind, title: title,
            startsAt: Date(timeIntervalSince1970: TimeInterval(startsAt)),
            endsAt: Date(timeIntervalSince1970: TimeInterval(endsAt)), isAllDay: allDay, geometry: geometry,
            expectedAttendance: attendance, organiser: organiser)
        return AgendaItem(event: event, means: means)
    }

    /// A whole-days item from a first to a last local date.
    func allDayItem(
        _ reference: String, _ kind: PlannedEventKind, _ title: String, from first: CivilDate, through last: CivilDate,
        at geometry: EventGeometry, attendance: Int? = nil, organiser: String, means: [(Measure.Kind, Int)],
        using random: inout SeededGenerator
    ) -> AgendaItem? {
        item(
            reference, kind, title, from: instant(first, 0), to: instant(last.adding(days: 1), 0), allDay: true,
            at: geometry, attendance: attendance, organiser: organiser, means: means, using: &random)
    }

    /// A date as `yyyy-MM-dd` for references.
    static func stamp(_ date: CivilDate) -> String {
        var output = TextOutput()
        output.appendISODate(Timestamp(seconds: date.dayNumber * 86_400))
        return String(decoding: output.bytes, as: UTF8.self)
    }
}
