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

/// The audit log: appended to, listed, verified; never edited.
public protocol AuditLog: Sendable {
    /// Appends an entry chained to the last one, in the same transaction as nothing else.
    @discardableResult
    func appendAudit(actor: String, action: String, target: String, detail: String, at: Date) throws -> AuditEntry
    /// The latest entries, newest first.
    func auditEntries(limit: Int) throws -> [AuditEntry]
    /// Recomputes every hash and link, and compares the end of the chain with the head recorded beside it.
    func verifyAudit() throws -> AuditVerification
}
