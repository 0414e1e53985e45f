import Foundation

extension CitizenService {
    /// The largest answer of a `string` attribute, and of a `text` attribute or a description, in Unicode
    /// scalars (what the store's checks count).
    public static let maximumStringLength = 255
    public static let maximumTextLength = 4_000

    /// Checks answers against the service's questions: every required one answered, every value of the right
    /// type or list, nothing unknown. Returns the answers as kept (numbers and datetimes normalised), or one
    /// message per problem, each naming the attribute.
    public func validate(_ answers: [String: [String]]) -> Result<[String: [String]], AttributeProblems> {
        var problems: [String] = []
        var kept: [String: [String]] = [:]
        let byCode = Dictionary(uniqueKeysWithValues: attributes.map { ($0.code, $0) })
        for code in answers.keys.sorted() where byCode[code] == nil {
            problems.append("attribute[\(code)]: service \(self.code) has no such attribute")
        }
        for attribute in attributes {
            let values = (answers[attribute.code] ?? []).filter { !$0.isEmpty }
            let name = "attribute[\(attribute.code)]"
            if !attribute.variable {
                if !values.isEmpty { problems.append("\(name): is a text shown to the reporter and takes no answer") }
                continue
            }
            if values.isEmpty {
                if attribute.required { problems.append("\(name): is required") }
                continue
            }
            if attribute.datatype != .multivaluelist, values.count > 1 {
                problems.append("\(name): takes one value, got \(values.count)")
                continue
            }
            switch attribute.datatype {
            case .string:
                if values[0].unicodeScalars.count > Self.maximumStringLength || values[0].contains(where: \.isNewline) {
                    problems.append("\(name): a string is one line of at most \(Self.maximumStringLength) characters")
                } else { kept[attribute.code] = values }
            case .text:
                if values[0].unicodeScalars.count > Self.maximumTextLength {
                    problems.append("\(name): at most \(Self.maximumTextLength) characters, got \(values[0].unicodeScalars.count)")
                } else { kept[attribute.code] = values }
            case .number:
                if let number = Double(values[0]), number.isFinite, values[0].allSatisfy({ "0123456789.-+eE".contains($0) }) {
                    kept[attribute.code] = [Self.format(number)]
                } else { problems.append("\(name): '\(values[0].prefix(40))' is not a number") }
            case .datetime:
                if let date = W3CDateTime.parse(values[0]) {
                    kept[attribute.code] = [W3CDateTime.format(date, timeZone: TimeZone(secondsFromGMT: 0)!)]
                } else {
                    problems.append("\(name): '\(values[0].prefix(40))' is not a date and time with its offset (2026-11-27T18:30:00+01:00)")
                }
            case .singlevaluelist, .multivaluelist:
                let keys = Set(attribute.values.map(\.key))
                let unknown = values.filter { !keys.contains($0) }
                if !unknown.isEmpty {
                    problems.append("\(name): '\(unknown[0].prefix(40))' is not one of \(attribute.values.map(\.key).joined(separator: ", "))")
                } else if Set(values).count != values.count {
                    problems.append("\(name): a value is given twice")
                } else { kept[attribute.code] = values }
            }
        }
        return problems.isEmpty ? .success(kept) : .failure(AttributeProblems(messages: problems))
    }

    private static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}

/// Why a request's answers were refused, one message per attribute.
public struct AttributeProblems: Error, Hashable, Sendable {
    public var messages: [String]
}

/// Dates and times as Open311 writes them: the W3C profile of ISO 8601, always with an offset.
public enum W3CDateTime {
    /// Reads `2026-11-27T18:30:00+01:00` or `…Z`, with or without fractional seconds, strictly: a date that
    /// does not exist (30 February), a field out of range or a missing offset gives `nil`.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count <= 40 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[from..<(from + count)] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), bytes[4] == 45, let month = number(5, 2), bytes[7] == 45, let day = number(8, 2),
            bytes[10] == 84 || bytes[10] == 116, let hour = number(11, 2), bytes[13] == 58, let minute = number(14, 2),
            bytes[16] == 58, let second = number(17, 2),
            (1...12).contains(month), (1...CivilDate.daysInMonth(year: year, month: month)).contains(day),
            hour <= 23, minute <= 59, second <= 59
        else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == 46 {
            var scale = 0.1
            index += 1
            let start = index
            while index < bytes.count, bytes[index] >= 48 && bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        if bytes[index] == 90 || bytes[index] == 122 {
            guard index + 1 == bytes.count else { return nil }
        } else {
            guard bytes[index] == 43 || bytes[index] == 45, index + 6 == bytes.count, let hours = number(index + 1, 2),
                bytes[index + 3] == 58, let minutes = number(index + 4, 2), hours <= 14, minutes <= 59
            else { return nil }
            offset = (hours * 3_600 + minutes * 60) * (bytes[index] == 45 ? -1 : 1)
        }
        let days = CivilDate(year: year, month: month, day: day).dayNumber
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Writes a date with the offset `timeZone` has at that instant (`+01:00` in a Paris winter, `Z` at UTC),
    /// to the second. Written by hand: a date formatter costs tens of microseconds to make, and a list of
    /// a thousand requests writes three thousand dates.
    public static func format(_ date: Date, timeZone: TimeZone) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let second = local - days * 86_400
        let day = CivilDate(dayNumber: days)
        var text = ""
        text.reserveCapacity(25)
        func two(_ value: Int) {
            text.unicodeScalars.append(Unicode.Scalar(UInt8(48 + value / 10)))
            text.unicodeScalars.append(Unicode.Scalar(UInt8(48 + value % 10)))
        }
        two(day.year / 100)
        two(day.year % 100)
        text += "-"; two(day.month); text += "-"; two(day.day)
        text += "T"; two(second / 3_600); text += ":"; two(second / 60 % 60); text += ":"; two(second % 60)
        if offset == 0 {
            text += "Z"
        } else {
            text += offset < 0 ? "-" : "+"
            two(abs(offset) / 3_600)
            text += ":"
            two(abs(offset) / 60 % 60)
        }
        return text
    }
}
