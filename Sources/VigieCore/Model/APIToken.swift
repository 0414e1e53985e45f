import Foundation

/// A token a program presents (`Authorization: Bearer …`) to act as an account, for machine ingestion:
/// only its SHA-256 is kept, and it can be revoked.
public struct APIToken: Hashable, Sendable, Codable {
    public var id: Int64?
    /// What the token is for (`fire-brigade feed`).
    public var label: String
    /// The account it acts as.
    public var accountName: String
    /// The SHA-256 of the token, in hex.
    public var tokenHash: String
    public var createdAt: Date
    public var revokedAt: Date?

    public init(
        id: Int64? = nil, label: String, accountName: String, tokenHash: String, createdAt: Date, revokedAt: Date? = nil
    ) {
        self.id = id
        self.label = label
        self.accountName = accountName
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
