import Foundation

/// The accounts of the people who use Vigie.
public protocol AccountRepository: Sendable {
    /// Adds an account; a name taken already is refused.
    func create(_ account: Account) throws -> Account
    /// The account of a login name, if any.
    func account(named name: String) throws -> Account?
    /// Every account, by name.
    func accounts() throws -> [Account]
    /// Replaces an account's role, password hash or disabled state.
    func update(_ account: Account) throws
}

/// What an audit entry says, before the log numbers and chains it.
public struct AuditRecord: Hashable, Sendable {
    public var actor: String
    public var action: String
    public var target: String
    public var detail: String
    public var at: Date

    public init(actor: String, action: String, target: String, detail: String, at: Date) {
        self.actor = actor
        self.action = action
        self.target = target
        self.detail = detail
        self.at = at
    }
}

/// The audit log: appended to, listed, verified; never edited.
public protocol AuditLog: Sendable {
    /// Appends entries in order, each chained to the one before, in one transaction: all are written or none.
    @discardableResult
    func appendAudit(_ records: [AuditRecord]) throws -> [AuditEntry]
    /// The latest entries, newest first.
    func auditEntries(limit: Int) throws -> [AuditEntry]
    /// Recomputes every hash and link, and compares the end of the chain with the head recorded beside it.
    func verifyAudit() throws -> AuditVerification
}

extension AuditLog {
    /// Appends one entry chained to the last one.
    @discardableResult
    public func appendAudit(actor: String, action: String, target: String, detail: String, at: Date) throws -> AuditEntry {
        try appendAudit([AuditRecord(actor: actor, action: action, target: target, detail: detail, at: at)])[0]
    }
}
