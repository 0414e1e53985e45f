/// A calendar date and wall-clock time with no time zone, as written in a source file.
struct CivilDateTime: Hashable, Sendable {
    var year: Int
    var month: Int
    var day: Int
    var hour = 0
    var minute = 0
    var second = 0
    var nanosecond = 0

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// Why these fields are not a real date and time, or `nil` when they are.
    var impossibility: String? {
        guard (1...12).contains(month) else { return "month \(month) does not exist" }
        let days = Self.daysInMonth(year: year, month: month)
        guard (1...days).contains(day) else {
            return "day \(day) does not exist: \(Self.monthNames[month - 1]) \(year) has \(days) days"
        }
        guard (0...23).contains(hour) else { return "hour \(hour) does not exist" }
        guard (0...59).contains(minute) else { return "minute \(minute) does not exist" }
        guard (0...60).contains(second) else { return "second \(second) does not exist" }
        return nil
    }

    /// Seconds since 1970-01-01T00:00 as if the wall-clock time were UTC.
    var secondsAsIfUTC: Double {
        let days = Self.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second
        return Double(seconds) + Double(nanosecond) / 1e9
    }
}
