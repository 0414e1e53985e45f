import Foundation
import Testing
import VigieCore

@testable import VigieIngest

@Suite("Time formats and time zones")
struct TimeFormatTests {
    func read(_ pattern: String, _ text: String) throws -> Result<TimeFormat.Reading, FieldProblem> {
        var text = text
        let format = try TimeFormat(pattern: pattern)
        return text.withUTF8 { format.read($0) }
    }

    @Test("patterns read the fields they name", arguments: [
        ("yyyy-MM-dd'T'HH:mm", "2019-03-10T02:30", CivilDateTime(year: 2019, month: 3, day: 10, hour: 2, minute: 30)),
        ("dd/MM/yyyy HH:mm", "04/03/2025 21:17", CivilDateTime(year: 2025, month: 3, day: 4, hour: 21, minute: 17)),
        ("d/M/yyyy H:mm:ss", "4/3/2025 9:05:07", CivilDateTime(year: 2025, month: 3, day: 4, hour: 9, minute: 5, second: 7)),
        ("yyyy-MM-dd", " 2024-02-29 ", CivilDateTime(year: 2024, month: 2, day: 29)),
        ("yyyy-MM-dd HH:mm:ss.SSS", "2024-02-29 10:11:12.5", CivilDateTime(year: 2024, month: 2, day: 29, hour: 10, minute: 11, second: 12, nanosecond: 500_000_000)),
    ])
    func patterns(pattern: String, text: String, expected: CivilDateTime) throws {
        #expect(try read(pattern, text) == .success(.civil(expected)))
    }

    @Test("impossible dates are refused with the reason", arguments: [
        ("2019-02-29", "February 2019 has 28 days"), ("2024-04-31", "April 2024 has 30 days"),
        ("2024-13-01", "month 13"), ("2024-00-10", "month 0"),
    ])
    func impossibleDates(text: String, reason: String) throws {
        guard case .failure(let problem) = try read("yyyy-MM-dd", text) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(problem.message.contains(reason))
    }

    @Test("text that does not match the pattern is refused", arguments: ["2019-1-01", "2019-01-01x", "", "01/02/2019"])
    func mismatches(text: String) throws {
        guard case .failure = try read("yyyy-MM-dd", text) else {
            Issue.record("\(text) was accepted")
            return
        }
    }

    @Test("ISO 8601 with and without offsets, and epoch")
    func iso8601() throws {
        #expect(try read("iso8601", "2025-03-04T21:17:00+01:00")
            == .success(.zoned(CivilDateTime(year: 2025, month: 3, day: 4, hour: 21, minute: 17), offsetSeconds: 3600)))
        #expect(try read("iso8601", "2025-03-04T20:17Z")
            == .success(.zoned(CivilDateTime(year: 2025, month: 3, day: 4, hour: 20, minute: 17), offsetSeconds: 0)))
        #expect(try read("iso8601", "2025-03-04 20:17:05")
            == .success(.civil(CivilDateTime(year: 2025, month: 3, day: 4, hour: 20, minute: 17, second: 5))))
        #expect(try read("epoch-ms", "1700000000500") == .success(.instant(1_700_000_000.5)))
        #expect(try read("epoch", "1700000000") == .success(.instant(1_700_000_000)))
    }

    @Test("bad patterns are explained", arguments: ["yyyy-MM-ddTHH", "yy-MM-dd", "yyyy-MM-dd 'T", "dd/mm/yyyy"])
    func badPatterns(pattern: String) {
        #expect(throws: TimeFormat.PatternError.self) { try TimeFormat(pattern: pattern) }
    }

    @Test("local times across daylight-saving changes: the repeated hour is its first occurrence, the skipped hour moves on")
    func daylightSaving() {
        let paris = LocalClock.forIngest(timeZone: TimeZone(identifier: "Europe/Paris")!, now: Date())
        // 2025-10-26 02:30 happens twice in Paris; the first time is 00:30 UTC (CEST).
        #expect(paris.instant(of: CivilDateTime(year: 2025, month: 10, day: 26, hour: 2, minute: 30))
            == utc("2025-10-26T00:30:00Z"))
        #expect(paris.instant(of: CivilDateTime(year: 2025, month: 10, day: 26, hour: 3, minute: 30))
            == utc("2025-10-26T02:30:00Z"))
        // 2025-03-30 02:30 never happens in Paris; it is read at the winter offset, i.e. 03:30 CEST.
        #expect(paris.instant(of: CivilDateTime(year: 2025, month: 3, day: 30, hour: 2, minute: 30))
            == utc("2025-03-30T01:30:00Z"))
        #expect(paris.instant(of: CivilDateTime(year: 2025, month: 7, day: 14, hour: 22)) == utc("2025-07-14T20:00:00Z"))
        let toronto = LocalClock.forIngest(timeZone: TimeZone(identifier: "America/Toronto")!, now: Date())
        #expect(toronto.instant(of: CivilDateTime(year: 2019, month: 1, day: 1)) == utc("2019-01-01T05:00:00Z"))
        #expect(toronto.instant(of: CivilDateTime(year: 2019, month: 7, day: 1)) == utc("2019-07-01T04:00:00Z"))
        // Lord Howe Island moves its clocks by half an hour (+10:30 to +11:00 at 02:00 on 2016-10-02).
        let lordHowe = LocalClock.forIngest(timeZone: TimeZone(identifier: "Australia/Lord_Howe")!, now: Date())
        #expect(lordHowe.instant(of: CivilDateTime(year: 2016, month: 10, day: 2, hour: 1, minute: 45))
            == utc("2016-10-01T15:15:00Z"))
        #expect(lordHowe.instant(of: CivilDateTime(year: 2016, month: 10, day: 2, hour: 2, minute: 45))
            == utc("2016-10-01T15:45:00Z"))
    }

    func utc(_ text: String) -> Double { ISO8601DateFormatter().date(from: text)!.timeIntervalSince1970 }
}
