/// The code of a category of the unified taxonomy (`theft`, `road-safety`).
public struct CategoryCode: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible, Comparable
{
    /// The code as stored.
    public var rawValue: String

    /// Wraps a code.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Wraps a code literal.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The code itself.
    public var description: String { rawValue }

    /// Orders codes alphabetically.
    public static func < (lhs: CategoryCode, rhs: CategoryCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
