import Foundation

/// One entry of the audit log: who did what to what, when, with which filter; chained to the entry before
/// by SHA-256, so that an edit or a deletion anywhere breaks the chain.
public struct AuditEntry: Hashable, Sendable, Codable {
    /// Position in the log, from 1 upwards with no gap.
    public var sequence: Int64
    public var at: Date
    /// The account (or `system`, or `cli:USER` for the command line).
    public var actor: String
    /// What was done: `read`, `create`, `update`, `delete`, `login`, `login-failed`…
    public var action: String
    /// What it was done to: a route or a record (`GET /api/v1/agenda`, `account:7`).
    public var target: String
    /// The filter or the change, as compact JSON text.
    public var detail: String
    /// The hash of the entry before (64 zeros for the first), and this entry's.
    public var previousHash: String
    public var hash: String

    public init(
        sequence: Int64, at: Date, actor: String, action: String, target: String, detail: String,
        previousHash: String, hash: String
    ) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.detail = detail
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The hash before the first entry.
    public static let genesis = String(repeating: "0", count: 64)
}

/// What checking the audit chain found.
public enum AuditVerification: Hashable, Sendable {
    /// Every entry is intact and the chain reaches the recorded head.
    case intact(entries: Int64)
    /// The first entry found broken, and how.
    case broken(sequence: Int64, reason: String)
}
