import VigieCore
/// The calendar fields of an instant seen on some clock, for writing dates by hand.
struct Timestamp: Sendable {
    /// The date.
    let date: CivilDate
    /// Hour, 0–23.
    let hour: Int
    /// Minute, 0–59.
    let minute: Int
    /// Second, 0–59.
    let second: Int

    /// Splits seconds since 1970-01-01 00:00 on some clock.
    init(seconds: Int) {
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let within = seconds - day * 86_400
        date = CivilDate(dayNumber: day)
        hour = within / 3600
        minute = within / 60 % 60
        second = within % 60
    }
}

extension TextOutput {
    /// Appends `yyyy-MM-dd`.
    mutating func appendISODate(_ time: Timestamp) {
        append(time.date.year, width: 4)
        append("-")
        append(time.date.month, width: 2)
        append("-")
        append(time.date.day, width: 2)
    }

    /// Appends `HH:mm:ss`, or `HH:mm` without seconds.
    mutating func appendTime(_ time: Timestamp, seconds: Bool = true) {
        append(time.hour, width: 2)
        append(":")
        append(time.minute, width: 2)
        if seconds {
            append(":")
            append(time.second, width: 2)
        }
    }

    /// Appends a UTC offset as `+01:00`.
    mutating func appendOffset(seconds: Int) {
        append(seconds < 0 ? "-" : "+")
        append(abs(seconds) / 3600, width: 2)
        append(":")
        append(abs(seconds) / 60 % 60, width: 2)
    }
}
