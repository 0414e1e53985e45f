import Foundation
import VigieCore

extension AgendaRecordMapper {
    /// A start or an end as read: an instant, or a day when the value is a date alone.
    private enum Moment {
        case instant(Double, written: String)
        case day(CivilDate, written: String)

        var isDay: Bool {
            if case .day = self { return true }
            return false
        }
    }

    /// Start, end and whether the item is all-day. A date alone starts at the start of its day in the
    /// mapping's zone, and an end date is the item's last day, so that it ends at the start of the day after;
    /// without an end, a dated item lasts its one day.
    func period(_ source: some RecordSource) throws(Refusal) -> (Date, Date, Bool) {
        guard let start = try field("time.start", source, moment) ?? nil else { throw refusal("time.start", "is empty") }
        let end = try field("time.end", source, moment) ?? nil
        switch (start, end) {
        case (.day(let first, let startText), .day(let last, let endText)):
            guard last >= first else {
                throw refusal("time.end", "ends on '\(endText)', before it starts on '\(startText)'")
            }
            return (dayStart(first), dayStart(last.adding(days: 1)), true)
        case (.day(let first, _), nil):
            return (dayStart(first), dayStart(first.adding(days: 1)), true)
        case (.instant(let first, let startText), .instant(let last, let endText)):
            guard last > first else {
                throw refusal(
                    "time.end", last == first ? "ends when it starts: an item needs a length"
                        : "ends at '\(endText)', before it starts at '\(startText)'")
            }
            return (Date(timeIntervalSince1970: first), Date(timeIntervalSince1970: last), false)
        case (.instant, nil):
            throw refusal("time.end", "is empty: an item with an hour needs its end")
        case (.day, .instant?), (.instant, .day?):
            let (startKind, endKind) = start.isDay ? ("a date alone", "a date and time") : ("a date and time", "a date alone")
            throw refusal("time.end", "gives \(endKind) while time.start gives \(startKind): write both the same way")
        }
    }

    /// A value of the time format, `nil` when empty; a pattern without hours, or an ISO 8601 date, is a day.
    private func moment(_ text: String) -> Result<Moment?, FieldProblem> {
        var text = text.trimmed
        if text.isEmpty { return .success(nil) }
        let moment: Moment
        switch text.withUTF8({ mapping.timeFormat.read($0) }) {
        case .failure(let problem): return .failure(problem)
        case .success(.instant(let seconds)): moment = .instant(seconds, written: text)
        case .success(.zoned(let civil, let offset)):
            moment = .instant(civil.secondsAsIfUTC - Double(offset), written: text)
        case .success(.date(let civil)): moment = .day(civil.date, written: text)
        case .success(.civil(let civil)):
            moment = mapping.timeFormat.impliedPrecision == .day ? .day(civil.date, written: text)
                : .instant(clock.instant(of: civil), written: text)
        }
        let year: Int =
            switch moment {
            case .day(let day, _): day.year
            case .instant(let seconds, _): CivilDate(dayNumber: Int((seconds / 86_400).rounded(.down))).year
            }
        if year > Self.latestYear {
            return .failure(FieldProblem("'\(text)' lies after \(Self.latestYear): a placeholder for an unknown date, not a date"))
        }
        if year < Self.earliestYear {
            return .failure(FieldProblem("'\(text)' lies before \(Self.earliestYear): a placeholder for an unknown date, not a date"))
        }
        return .success(moment)
    }

    private func dayStart(_ day: CivilDate) -> Date {
        Date(timeIntervalSince1970: clock.instant(of: CivilDateTime(year: day.year, month: day.month, day: day.day)))
    }
}

extension CivilDateTime {
    fileprivate var date: CivilDate { CivilDate(year: year, month: month, day: day) }
}
