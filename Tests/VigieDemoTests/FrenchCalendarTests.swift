import Testing
import VigieCore

@testable import VigieDemo

@Suite("The French calendar of the demo city")
struct FrenchCalendarTests {
    @Test("Easter and the public holidays that hang on it fall on the right days")
    func easterAndHolidays() {
        #expect(FrenchCalendar.easter(year: 2025) == CivilDate(year: 2025, month: 4, day: 20))
        #expect(FrenchCalendar.easter(year: 2024) == CivilDate(year: 2024, month: 3, day: 31))
        #expect(FrenchCalendar.isPublicHoliday(CivilDate(year: 2025, month: 5, day: 29)))
    }
}
