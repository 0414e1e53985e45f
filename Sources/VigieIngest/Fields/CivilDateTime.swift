import VigieCore

/// A calendar date and wall-clock time with no time zone, as written in a source file.
struct CivilDateTime: Hashable, Sendable {
    var year: Int
    var month: Int
    var day: Int
    var hour = 0
    var minute = 0
    var second = 0
    var nanosecond = 0

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// Why these fields are not a real date and time, or `nil` when they are.
    var impossibility: String? {
        guard (1...12).contains(month) else { return "month \(month) does not exist" }
        let days = CivilDate.daysInMonth(year: year, month: month)
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
        let days = CivilDate(year: year, month: month, day: day).dayNumber
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second
        return Double(seconds) + Double(nanosecond) / 1e9
    }
}
