import Foundation
import Testing

import VigieCore

@Suite("Local wall-clock time across daylight-saving changes")
struct LocalClockTests {
    private let clock = LocalClock(
        timeZone: TimeZone(identifier: "Europe/Paris")!, from: Date(timeIntervalSince1970: 1_704_067_200),
        to: Date(timeIntervalSince1970: 1_767_225_600))

    private func local(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Int {
        CivilDate(year: year, month: month, day: day).dayNumber * 86_400 + hour * 3600 + minute * 60
    }

    @Test("winter and summer offsets, the skipped spring hour moves forward, the repeated autumn hour takes its first")
    func daylightSaving() {
        #expect(clock.utc(local: local(2025, 1, 15, 12)) == local(2025, 1, 15, 11))
        #expect(clock.utc(local: local(2025, 7, 15, 12)) == local(2025, 7, 15, 10))
        #expect(clock.utc(local: local(2025, 3, 30, 2, 30)) == local(2025, 3, 30, 1, 30))
        #expect(clock.local(utc: local(2025, 3, 30, 1, 30)) == local(2025, 3, 30, 3, 30))
        #expect(clock.utc(local: local(2025, 10, 26, 2, 30)) == local(2025, 10, 26, 0, 30))
        #expect(clock.offset(utc: local(2025, 10, 26, 1, 30)) == 3600)
    }

    @Test("civil dates round-trip through day numbers, with Monday as weekday 0")
    func civilDates() {
        #expect(CivilDate(year: 1970, month: 1, day: 1).dayNumber == 0)
        #expect(CivilDate(dayNumber: 20_240) == CivilDate(year: 2025, month: 6, day: 1))
        #expect(CivilDate(year: 2025, month: 6, day: 2).weekday == 0)
        #expect(CivilDate.daysInMonth(year: 2024, month: 2) == 29 && CivilDate.daysInMonth(year: 1900, month: 2) == 28)
    }
}
