import Foundation

/// What a person may do in Vigie. Roles are about duties, never about the people the data speaks of.
public enum Role: String, Sendable, Codable, CaseIterable, Hashable {
    /// Manages accounts, sources and settings.
    case admin
    /// Studies the territory: statistics, hotspots, trends, forecasts, reports.
    case analyst
    /// Places the means of each shift: forecasts, patrol plans, agenda.
    case commander
    /// Works the live feed and the agenda.
    case `operator`
    /// Searches and watches video.
    case videoOperator = "video-operator"
    /// Reads the audit log and the register, nothing else.
    case auditor
}

/// A person's account: a name, a role and a password hash (bcrypt), never the password.
public struct Account: Hashable, Sendable, Codable {
    public var id: Int64?
    /// The login name.
    public var name: String
    public var role: Role
    /// The bcrypt hash of the password.
    public var passwordHash: String
    public var createdAt: Date
    /// When the account was disabled, if it was; a disabled account cannot log in.
    public var disabledAt: Date?

    public init(id: Int64? = nil, name: String, role: Role, passwordHash: String, createdAt: Date, disabledAt: Date? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.disabledAt = disabledAt
    }

    /// The fewest characters a password may hold.
    public static let minimumPasswordLength = 12

    /// Why `password` cannot be one, or `nil` when it can.
    public static func passwordProblem(_ password: String) -> String? {
        if password.count < minimumPasswordLength { return "the password must hold at least \(minimumPasswordLength) characters" }
        if password.utf8.count > 72 { return "the password must hold at most 72 bytes (bcrypt reads no further)" }
        return nil
    }

    /// Why `name` cannot be a login name, or `nil` when it can.
    public static func nameProblem(_ name: String) -> String? {
        isValidName(name) ? nil : "'\(name)' is not a login name: 2 to 64 lowercase letters, digits, '.', '-' or '_'"
    }

    /// Whether `name` can be a login name: 2 to 64 lowercase letters, digits, '.', '-' or '_'.
    public static func isValidName(_ name: String) -> Bool {
        (2...64).contains(name.count)
            && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0) }
    }
}
