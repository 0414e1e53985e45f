import Foundation
import Testing
import VigieCore

@testable import VigieIngest

@Suite("iCalendar agendas")
struct ICalendarTests {
    static let paris = TimeZone(identifier: "Europe/Paris")!
    static let year = (from: Date(timeIntervalSince1970: 1_767_225_600), to: Date(timeIntervalSince1970: 1_798_761_600))

    func occurrences(_ body: String) throws -> [ICalendarOccurrence] {
        try ICalendarReader.occurrences(
            of: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\(body)\r\nEND:VCALENDAR\r\n", defaultZone: Self.paris,
            from: Self.year.from, to: Self.year.to)
    }

    @Test("a weekly market keeps its 07:00 across the change of clocks, and its exceptions are left out")
    func weeklyMarketAcrossDaylightSaving() throws {
        let found = try occurrences("""
            BEGIN:VEVENT\r
            UID:marche-noailles\r
            SUMMARY:Marché de Noailles\r
            DTSTART;TZID=Europe/Paris:20260317T070000\r
            DTEND;TZID=Europe/Paris:20260317T130000\r
            RRULE:FREQ=WEEKLY;BYDAY=TU,SA;UNTIL=20260411\r
            EXDATE;TZID=Europe/Paris:20260331T070000,20260404T070000\r
            ORGANIZER;CN=Ville de Marseille:mailto:marches@example.org\r
            GEO:43.2966;5.3794\r
            END:VEVENT
            """)
        // Tuesdays and Saturdays from 17 March to 11 April 2026, less 31 March and 4 April.
        let days = found.map { Calendar.current.dateComponents(in: Self.paris, from: $0.start) }
        #expect(days.map(\.day) == [17, 21, 24, 28, 7, 11])
        #expect(days.allSatisfy { $0.hour == 7 && $0.minute == 0 })
        // Clocks go forward on 29 March 2026: 06:00 UTC before, 05:00 UTC after.
        #expect(found[3].start == Date(timeIntervalSince1970: 1_774_677_600))  // 2026-03-28T06:00Z
        #expect(found[4].start == Date(timeIntervalSince1970: 1_775_538_000))  // 2026-04-07T05:00Z
        #expect(found.allSatisfy { $0.end.timeIntervalSince($0.start) == 6 * 3_600 })
        #expect(found.first?.organiser == "Ville de Marseille" && found.first?.position?.latitude == 43.2966)
        #expect(Set(found.map(\.reference)).count == 6)
    }

    @Test("an all-day event runs from the start of its day to the start of the next, in the city's zone")
    func allDay() throws {
        let found = try occurrences("""
            BEGIN:VEVENT\r
            UID:fete-nationale\r
            SUMMARY:Fête nationale\\, feu d'artifice\r
            DTSTART;VALUE=DATE:20260714\r
            DTEND;VALUE=DATE:20260715\r
            END:VEVENT
            """)
        let event = try #require(found.first)
        #expect(event.isAllDay && event.title == "Fête nationale, feu d'artifice")
        #expect(event.start == Date(timeIntervalSince1970: 1_783_980_000))  // 2026-07-13T22:00Z
        #expect(event.end.timeIntervalSince(event.start) == 86_400)
    }

    @Test("a floating time is read in the city's zone, a time in Z in UTC, and folded lines are joined")
    func floatingAndUTC() throws {
        let found = try occurrences("""
            BEGIN:VEVENT\r
            UID:concert\r
            SUMMARY:Concert au \r
             Vélodrome\r
            DTSTART:20260620T210000\r
            DURATION:PT3H\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:visite\r
            SUMMARY:Visite officielle\r
            DTSTART:20260915T080000Z\r
            DTEND:20260915T100000Z\r
            END:VEVENT
            """)
        #expect(found.map(\.title) == ["Concert au Vélodrome", "Visite officielle"])
        #expect(found[0].start == Date(timeIntervalSince1970: 1_781_982_000))  // 2026-06-20T19:00Z
        #expect(found[0].end.timeIntervalSince(found[0].start) == 3 * 3_600)
        #expect(found[1].start == Date(timeIntervalSince1970: 1_789_459_200))  // 2026-09-15T08:00Z
    }

    @Test("broken files are refused with the line and the reason", arguments: [
        ("BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:no start\r\nEND:VEVENT", "line 3: the event has no DTSTART"),
        ("BEGIN:VEVENT\r\nDTSTART;TZID=Mars/Olympus:20260101T100000\r\nEND:VEVENT", "time zone 'Mars/Olympus' is unknown"),
        ("BEGIN:VEVENT\r\nDTSTART:20260101T100000\r\nRRULE:FREQ=MONTHLY\r\nEND:VEVENT", "FREQ=MONTHLY is not supported"),
        ("BEGIN:VEVENT\r\nDTSTART:20260230\r\nEND:VEVENT", "'20260230' is not a date"),
        ("BEGIN:VEVENT\r\nDTSTART:20260101T100000", "END:VCALENDAR closes BEGIN:VEVENT of line 3"),
    ])
    func refusals(body: String, message: String) {
        #expect {
            _ = try occurrences(body)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test("a daily rule with a count, every other week, and an unclosed block")
    func dailyCountAndUnclosed() throws {
        let daily = try occurrences("""
            BEGIN:VEVENT\r
            UID:travaux\r
            DTSTART;TZID=Europe/Paris:20260105T220000\r
            DTEND;TZID=Europe/Paris:20260106T050000\r
            RRULE:FREQ=DAILY;COUNT=3\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:marche-bio\r
            DTSTART;TZID=Europe/Paris:20260107T080000\r
            DURATION:PT4H\r
            RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=3\r
            END:VEVENT
            """)
        let works = daily.filter { $0.reference.hasPrefix("travaux") }
        #expect(works.count == 3 && works.allSatisfy { $0.end.timeIntervalSince($0.start) == 7 * 3_600 })
        let market = daily.filter { $0.reference.hasPrefix("marche-bio") }.map(\.start)
        #expect(market.count == 3 && market[1].timeIntervalSince(market[0]) == 14 * 86_400)
        #expect(throws: ICalendarError(line: 2, reason: "BEGIN:VEVENT is never closed")) {
            try ICalendarParser.parse("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260101\r\n")
        }
    }
}
