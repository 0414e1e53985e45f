/// Reads an item's organiser: the name of an organising body, never a way to reach a person.
enum Organiser {
    /// Runs of this many digits or more, spaced or not, are read as phone numbers.
    static let phoneDigits = 9

    /// The name, `nil` when empty; a value that holds an e-mail address or a phone number is refused
    /// without repeating it, since it may be a person's.
    static func read(_ text: String) -> Result<String?, FieldProblem> {
        let name = text.trimmed
        if name.isEmpty { return .success(nil) }
        if looksLikeEmail(name) {
            return .failure(FieldProblem("holds what looks like an e-mail address: give the organising body's name, not a contact"))
        }
        if looksLikePhone(name) {
            return .failure(FieldProblem("holds what looks like a phone number: give the organising body's name, not a contact"))
        }
        return .success(name)
    }

    /// Text on both sides of an `@`, with a dot after it (`name@domain.org`).
    private static func looksLikeEmail(_ text: String) -> Bool {
        let characters = Array(text)
        for (index, character) in characters.enumerated() where character == "@" {
            let before = index > 0 && !characters[index - 1].isWhitespace
            let after = characters[(index + 1)...].prefix { !$0.isWhitespace && $0 != ">" && $0 != ")" }
            if before && after.contains(".") && after.first != "." { return true }
        }
        return false
    }

    /// A run of at least `phoneDigits` digits, possibly after `+` and separated by single spaces, dots,
    /// dashes, slashes or parentheses (`01 42 76 40 40`, `+33 (0)1.42.76.40.40`).
    private static func looksLikePhone(_ text: String) -> Bool {
        var digits = 0
        var separators = 0
        for character in text {
            if ("0"..."9").contains(character) {
                digits += 1
                separators = 0
            } else if " .-/()\u{00A0}".contains(character) && digits > 0 && separators < 2 {
                separators += 1
            } else {
                digits = 0
                separators = 0
            }
            if digits >= phoneDigits { return true }
        }
        return false
    }
}
