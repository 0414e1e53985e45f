/// Reads an expected attendance: a whole number of people.
enum Attendance {
    /// More than this is not an attendance but a mistake (a population, a budget, a phone number).
    static let maximum = 10_000_000

    /// Accepts digits (`12000`), grouped by three with a space, a non-breaking or a narrow no-break space
    /// (`12 000`), and, from a JSON number, a zero fraction (`12000.0`); an empty value is an unknown
    /// attendance. A comma or a point in text is refused: `12,000` and `12.000` mean twelve thousand in one
    /// country and twelve in another.
    static func read(_ text: String, isJSONNumber: Bool = false) -> Result<Int?, FieldProblem> {
        var digits = text.trimmed
        if digits.isEmpty { return .success(nil) }
        if isJSONNumber, let point = digits.firstIndex(of: "."), digits[digits.index(after: point)...].allSatisfy({ $0 == "0" }) {
            digits = String(digits[..<point])
        }
        let groups = digits.split(omittingEmptySubsequences: false, whereSeparator: { " \u{00A0}\u{202F}".contains($0) })
        let grouped = groups.count == 1
            || ((1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 })
        guard grouped, groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
            let value = Int(groups.joined()), value <= maximum
        else { return .failure(FieldProblem("'\(text.trimmed)' \(problem(digits, groups: groups, isJSONNumber: isJSONNumber))")) }
        return .success(value)
    }

    private static func problem(_ digits: String, groups: [Substring], isJSONNumber: Bool) -> String {
        if digits.hasPrefix("-") { return "is negative" }
        if !isJSONNumber && (digits.contains(",") || digits.contains(".")) {
            return "is ambiguous: a comma or a point may separate thousands or decimals; write 12000 or 12 000"
        }
        if let value = Int(groups.joined()), value > maximum { return "is more than \(maximum) people: check the column" }
        return "is not a whole number of people (such as 12000 or 12 000)"
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
