import VigieCore

/// How a source writes its times: a pattern of `yyyy MM dd HH mm ss SSS` and literals, ISO 8601, or epoch.
public struct TimeFormat: Sendable, Hashable {
    /// A pattern that cannot be used.
    public struct PatternError: Error, CustomStringConvertible {
        /// What is wrong with the pattern.
        public var description: String
    }

    enum Field: Hashable, Sendable {
        case year, month, day, hour, minute, second, fraction
    }

    enum Token: Hashable, Sendable {
        case number(Field, minDigits: Int, maxDigits: Int)
        case literal(UInt8)
    }

    enum Kind: Hashable, Sendable {
        case pattern([Token])
        case iso8601
        case epochSeconds
        case epochMilliseconds
    }

    let kind: Kind
    /// The pattern as written in the mapping.
    public let text: String

    /// Compiles a pattern such as `dd/MM/yyyy HH:mm` or `yyyy-MM-dd'T'HH:mm`, or `iso8601`, `epoch`, `epoch-ms`.
    public init(pattern: String) throws {
        text = pattern
        switch pattern {
        case "iso8601": kind = .iso8601
        case "epoch": kind = .epochSeconds
        case "epoch-ms": kind = .epochMilliseconds
        default: kind = .pattern(try Self.compile(pattern))
        }
    }

    /// The precision the pattern can express: no hour means day precision, no minute hour precision.
    public var impliedPrecision: TimePrecision {
        guard case .pattern(let tokens) = kind else { return .exact }
        let fields = Set(tokens.compactMap { token -> Field? in
            if case .number(let field, _, _) = token { return field }
            return nil
        })
        if fields.contains(.minute) { return .exact }
        if fields.contains(.hour) { return .hour }
        if fields.contains(.day) { return .day }
        return .month
    }

    private static func compile(_ pattern: String) throws -> [Token] {
        let letters: [Character: Field] = [
            "y": .year, "M": .month, "d": .day, "H": .hour, "m": .minute, "s": .second, "S": .fraction,
        ]
        var tokens: [Token] = []
        var seen = Set<Field>()
        let characters = Array(pattern)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "'" {
                guard let close = characters[(index + 1)...].firstIndex(of: "'") else {
                    throw PatternError(description: "'\(pattern)' opens a quote (') that it never closes")
                }
                for literal in characters[(index + 1)..<close] { tokens += literal.utf8.map { .literal($0) } }
                index = close + 1
                continue
            }
            guard let field = letters[character] else {
                guard !character.isLetter else {
                    throw PatternError(
                        description: "'\(character)' in '\(pattern)' is not a pattern letter; use yyyy MM dd HH mm ss SSS and quote literal letters, as in yyyy-MM-dd'T'HH:mm")
                }
                tokens += character.utf8.map { .literal($0) }
                index += 1
                continue
            }
            var run = 1
            while index + run < characters.count && characters[index + run] == character { run += 1 }
            guard seen.insert(field).inserted else {
                throw PatternError(description: "'\(pattern)' gives '\(character)' twice")
            }
            switch field {
            case .year:
                guard run == 4 else { throw PatternError(description: "write years as yyyy in '\(pattern)'") }
                tokens.append(.number(.year, minDigits: 4, maxDigits: 4))
            case .fraction:
                tokens.append(.number(.fraction, minDigits: 1, maxDigits: 9))
            default:
                guard run <= 2 else {
                    throw PatternError(description: "'\(String(repeating: character, count: run))' in '\(pattern)' is too long; use one or two letters")
                }
                tokens.append(.number(field, minDigits: run, maxDigits: 2))
            }
            index += run
        }
        guard seen.contains(.year), seen.contains(.month) else {
            throw PatternError(description: "'\(pattern)' must give at least the year (yyyy) and month (MM)")
        }
        if seen.contains(.minute) && !seen.contains(.hour) {
            throw PatternError(description: "'\(pattern)' gives minutes (mm) without hours (HH); months are MM")
        }
        return tokens
    }
}
