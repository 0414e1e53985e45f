import VigieCore
/// French public holidays and the festive nights that weigh on public tranquillity.
enum FrenchCalendar {
    /// Easter Sunday of a year (anonymous Gregorian algorithm).
    static func easter(year: Int) -> CivilDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let g = (b - (b + 8) / 25 + 1) / 3
        let h = (19 * a + b - b / 4 - g + 15) % 30
        let l = (32 + 2 * (b % 4) + 2 * (c / 4) - h - c % 4) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let n = h + l - 7 * m + 114
        return CivilDate(year: year, month: n / 31, day: n % 31 + 1)
    }

    /// Whether the date is a public holiday in France.
    static func isPublicHoliday(_ date: CivilDate) -> Bool {
        let fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
        if fixed.contains(where: { $0 == (date.month, date.day) }) { return true }
        let sinceEaster = date.dayNumber - easter(year: date.year).dayNumber
        return sinceEaster == 1 || sinceEaster == 39 || sinceEaster == 50
    }

    /// How much busier festive incidents are on that date: New Year's Eve and Day, the Fête de la musique, 14 July.
    static func festiveFactor(_ date: CivilDate) -> Double {
        switch (date.month, date.day) {
        case (12, 31): 2.6
        case (1, 1): 2.2
        case (6, 21): 1.8
        case (7, 14): 1.6
        default: 1
        }
    }
}
