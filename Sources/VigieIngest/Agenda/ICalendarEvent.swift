import Foundation
import VigieCore

/// One occurrence of an iCalendar event: a single event, or one date of a recurring one.
public struct ICalendarOccurrence: Hashable, Sendable {
    /// The event's UID, and for a recurring event the occurrence's start (UTC) after it: a stable reference.
    public var reference: String
    public var title: String
    public var start: Date
    public var end: Date
    public var isAllDay: Bool
    public var location: String?
    /// GEO, when the event gives one.
    public var position: GeoPoint?
    public var categories: [String]
    /// The organiser's name (CN), never an address: organisers are organisations, and an address could be a
    /// person's.
    public var organiser: String?
    /// Expected attendance, from the X-ATTENDANCE property.
    public var attendance: Int?
    /// The line of the file where the event starts.
    public var line: Int
}

/// The events of an iCalendar file, recurrences expanded over a period.
///
/// Times with a TZID are read in that IANA zone (or, for a zone the file defines itself, the IANA name of
/// its X-LIC-LOCATION); times ending in Z are UTC; floating times and dates are read in `defaultZone`. An
/// all-day event runs from the start of its first day to the start of the day after its last (DTEND of a
/// date is exclusive). Recurrences (RRULE with FREQ=DAILY or WEEKLY, INTERVAL, BYDAY, COUNT or UNTIL) are
/// expanded on the wall clock, so a weekly market at 07:00 stays at 07:00 across a change of clocks; EXDATE
/// removes occurrences.
public enum ICalendarReader {
    public static func occurrences(
        of text: String, defaultZone: TimeZone, from: Date, to: Date
    ) throws -> [ICalendarOccurrence] {
        let roots = try ICalendarParser.parse(text)
        guard let calendar = roots.first(where: { $0.name == "VCALENDAR" }) else {
            throw ICalendarError(line: 1, reason: "no BEGIN:VCALENDAR: this is not an iCalendar file")
        }
        var zones: [String: TimeZone] = [:]
        for definition in calendar.children where definition.name == "VTIMEZONE" {
            guard let id = definition.first("TZID")?.value else { continue }
            if let zone = TimeZone(identifier: id) ?? definition.first("X-LIC-LOCATION").flatMap({ TimeZone(identifier: $0.value) }) {
                zones[id] = zone
            }
        }
        var result: [ICalendarOccurrence] = []
        for event in calendar.children where event.name == "VEVENT" {
            result += try occurrences(of: event, zones: zones, defaultZone: defaultZone, from: from, to: to)
        }
        return result.sorted { ($0.start, $0.reference) < ($1.start, $1.reference) }
    }

    private struct Moment {
        var date: Date
        var isDate: Bool
        /// The zone the value is written in (the default zone for floating times and dates).
        var zone: TimeZone
    }

    private static func occurrences(
        of event: ICalendarComponent, zones: [String: TimeZone], defaultZone: TimeZone, from: Date, to: Date
    ) throws -> [ICalendarOccurrence] {
        guard let startProperty = event.first("DTSTART") else {
            throw ICalendarError(line: event.line, reason: "the event has no DTSTART")
        }
        let start = try moment(startProperty, zones: zones, defaultZone: defaultZone)
        let duration: TimeInterval
        if let endProperty = event.first("DTEND") {
            // The length on the wall clock: an all-day event on the day clocks change still lasts one day.
            let end = try moment(endProperty, zones: zones, defaultZone: defaultZone)
            duration = end.date.timeIntervalSince(start.date) + Double(end.zone.secondsFromGMT(for: end.date))
                - Double(start.zone.secondsFromGMT(for: start.date))
        } else if let value = event.first("DURATION") {
            duration = try Self.duration(value)
        } else {
            duration = start.isDate ? 86_400 : 0
        }
        guard duration >= 0 else {
            throw ICalendarError(line: startProperty.line, reason: "the event ends before it starts")
        }
        let uid = event.first("UID").map { ICalendarParser.text($0.value) } ?? "line-\(event.line)"
        let title = event.first("SUMMARY").map { ICalendarParser.text($0.value) } ?? ""
        let position = try event.first("GEO").map { property -> GeoPoint in
            let parts = property.value.split(separator: ";").map { Double($0) }
            guard parts.count == 2, let latitude = parts[0], let longitude = parts[1],
                GeoPoint(latitude: latitude, longitude: longitude).isValid
            else { throw ICalendarError(line: property.line, reason: "GEO '\(property.value)' is not latitude;longitude") }
            return GeoPoint(latitude: latitude, longitude: longitude)
        }
        let attendance = try event.first("X-ATTENDANCE").map { property -> Int in
            guard let value = Int(property.value.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                throw ICalendarError(line: property.line, reason: "X-ATTENDANCE '\(property.value)' is not a number of people")
            }
            return value
        }
        let organiser = event.first("ORGANIZER").flatMap { $0.parameters["CN"] }.map(ICalendarParser.text)
        let categories = event.all("CATEGORIES").flatMap { $0.value.split(separator: ",").map { ICalendarParser.text(String($0)) } }
        let excluded = Set(try event.all("EXDATE").flatMap { property in
            try property.value.split(separator: ",").map { value in
                try moment(ICalendarComponent.Property(
                    name: "EXDATE", parameters: property.parameters, value: String(value), line: property.line),
                    zones: zones, defaultZone: defaultZone).date
            }
        })
        var starts = [start.date]
        if let rule = event.first("RRULE") {
            starts = try expand(rule, from: start, zones: zones, until: to)
        }
        return starts.filter { !excluded.contains($0) }.compactMap { occurrenceStart in
            // The end keeps the wall-clock length: a market of 07:00–13:00 ends at 13:00 whatever the clocks.
            let end = wallClock(occurrenceStart, plus: duration, in: start.zone)
            guard end > from && occurrenceStart < to else { return nil }
            return ICalendarOccurrence(
                reference: event.first("RRULE") == nil ? uid : "\(uid)@\(Int(occurrenceStart.timeIntervalSince1970))",
                title: title, start: occurrenceStart, end: end, isAllDay: start.isDate,
                location: event.first("LOCATION").map { ICalendarParser.text($0.value) }, position: position,
                categories: categories, organiser: organiser, attendance: attendance, line: event.line)
        }
    }

    /// A DATE or DATE-TIME value with its zone.
    private static func moment(
        _ property: ICalendarComponent.Property, zones: [String: TimeZone], defaultZone: TimeZone
    ) throws -> Moment {
        let value = property.value
        let digits = value.filter(\.isNumber)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= digits.count else { return nil }
            let start = digits.index(digits.startIndex, offsetBy: range.lowerBound)
            return Int(digits[start..<digits.index(start, offsetBy: range.count)])
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            (1...12).contains(month), (1...CivilDate.daysInMonth(year: year, month: month)).contains(day)
        else { throw ICalendarError(line: property.line, reason: "\(property.name) '\(value)' is not a date") }
        let isDate = property.parameters["VALUE"]?.uppercased() == "DATE" || !value.contains("T")
        var zone = defaultZone
        if value.hasSuffix("Z") {
            zone = TimeZone(identifier: "UTC")!
        } else if let id = property.parameters["TZID"] {
            guard let found = zones[id] ?? TimeZone(identifier: id) else {
                throw ICalendarError(line: property.line, reason: "time zone '\(id)' is unknown: use an IANA name such as Europe/Paris, or define it with X-LIC-LOCATION")
            }
            zone = found
        }
        var seconds = 0
        if !isDate {
            guard let hour = number(8..<10), let minute = number(10..<12), hour < 24, minute < 60 else {
                throw ICalendarError(line: property.line, reason: "\(property.name) '\(value)' is not a date and time")
            }
            seconds = hour * 3_600 + minute * 60 + (number(12..<14) ?? 0)
        }
        let local = CivilDate(year: year, month: month, day: day).dayNumber * 86_400 + seconds
        return Moment(date: instant(local: local, in: zone), isDate: isDate, zone: zone)
    }

    /// The UTC instant of wall-clock seconds in a zone (a repeated time takes its first occurrence).
    private static func instant(local: Int, in zone: TimeZone) -> Date {
        let clock = LocalClock(
            timeZone: zone, from: Date(timeIntervalSince1970: Double(local - 2 * 86_400)),
            to: Date(timeIntervalSince1970: Double(local + 2 * 86_400)))
        return Date(timeIntervalSince1970: Double(clock.utc(local: local)))
    }

    private static func wallClock(_ start: Date, plus seconds: TimeInterval, in zone: TimeZone) -> Date {
        let offset = zone.secondsFromGMT(for: start)
        return instant(local: Int(start.timeIntervalSince1970) + offset + Int(seconds), in: zone)
    }

    /// A DURATION such as PT6H, P1D or P1W.
    private static func duration(_ property: ICalendarComponent.Property) throws -> TimeInterval {
        var total = 0.0
        var number = ""
        var inTime = false
        for character in property.value.uppercased().drop(while: { $0 == "+" }) {
            switch character {
            case "P": continue
            case "T": inTime = true
            case "0"..."9": number.append(character)
            case "W", "D", "H", "M", "S":
                guard let value = Double(number) else { break }
                let unit: Double = switch (character, inTime) {
                case ("W", _): 604_800
                case ("D", _): 86_400
                case ("H", _): 3_600
                case ("M", true): 60
                default: 1
                }
                total += value * unit
                number = ""
            default:
                throw ICalendarError(line: property.line, reason: "DURATION '\(property.value)' is not a duration")
            }
        }
        return total
    }

    /// The starts of a DAILY or WEEKLY rule, on the wall clock of the first start.
    private static func expand(
        _ rule: ICalendarComponent.Property, from start: Moment, zones: [String: TimeZone], until end: Date
    ) throws -> [Date] {
        var parts: [String: String] = [:]
        for part in rule.value.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { throw ICalendarError(line: rule.line, reason: "RRULE part '\(part)' has no value") }
            parts[pair[0].uppercased()] = pair[1].uppercased()
        }
        let frequency = parts["FREQ"]
        guard frequency == "WEEKLY" || frequency == "DAILY" else {
            throw ICalendarError(line: rule.line, reason: "RRULE FREQ=\(frequency ?? "?") is not supported: only DAILY and WEEKLY")
        }
        let interval = Int(parts["INTERVAL"] ?? "1") ?? 0
        guard interval >= 1 else { throw ICalendarError(line: rule.line, reason: "RRULE INTERVAL must be a positive number") }
        let count = try parts["COUNT"].map { text -> Int in
            guard let count = Int(text), count >= 1 else {
                throw ICalendarError(line: rule.line, reason: "RRULE COUNT must be a positive number")
            }
            return count
        }
        // An UNTIL date (no time) includes its whole day.
        let until = try parts["UNTIL"].map { value in
            let limit = try moment(ICalendarComponent.Property(name: "UNTIL", parameters: [:], value: value, line: rule.line),
                zones: zones, defaultZone: start.zone)
            return limit.isDate ? wallClock(limit.date, plus: 86_399, in: limit.zone) : limit.date
        }
        let weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        let days = try (parts["BYDAY"]?.split(separator: ",") ?? []).map { day in
            guard let index = weekdays.firstIndex(of: String(day.suffix(2))) else {
                throw ICalendarError(line: rule.line, reason: "RRULE BYDAY '\(day)' is not a weekday")
            }
            return index
        }
        let offset = start.zone.secondsFromGMT(for: start.date)
        let firstLocal = Int(start.date.timeIntervalSince1970) + offset
        let firstDay = firstLocal >= 0 ? firstLocal / 86_400 : (firstLocal - 86_399) / 86_400
        let timeOfDay = firstLocal - firstDay * 86_400
        let firstWeekday = CivilDate.weekday(dayNumber: firstDay)
        var starts: [Date] = []
        var day = firstDay
        // Each candidate day is a day of the rule's weeks (or days) on the wall clock of the first start.
        while starts.count < (count ?? .max) && day - firstDay < 366 * 20 {
            let matches: Bool
            if frequency == "DAILY" {
                matches = (day - firstDay) % interval == 0
                    && (days.isEmpty || days.contains(CivilDate.weekday(dayNumber: day)))
            } else {
                let week = (day - firstDay + firstWeekday) / 7
                matches = week % interval == 0
                    && (days.isEmpty ? CivilDate.weekday(dayNumber: day) == firstWeekday : days.contains(CivilDate.weekday(dayNumber: day)))
            }
            if matches && day >= firstDay {
                let instant = instant(local: day * 86_400 + timeOfDay, in: start.zone)
                if let until, instant > until { break }
                if count == nil && instant >= end { break }
                starts.append(instant)
            }
            day += 1
        }
        return starts
    }
}
