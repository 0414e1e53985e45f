import Foundation

/// Tokens for programs, and the mapping each source's files are read with when they arrive over the API.
public protocol APITokenRepository: Sendable {
    /// Adds a token for an existing account.
    func create(_ token: APIToken) throws -> APIToken
    /// The token whose SHA-256 is `hash`, revoked or not.
    func token(hash: String) throws -> APIToken?
    /// Every token, newest first.
    func tokens() throws -> [APIToken]
    /// Revokes a token; it no longer authenticates anything.
    func revokeToken(id: Int64, at date: Date) throws

    /// Keeps the mapping file (its name and YAML text) files of a source are read with.
    func saveMapping(sourceID: Int64, fileName: String, text: String) throws
    /// The mapping kept for a source, if any.
    func mapping(sourceID: Int64) throws -> (fileName: String, text: String)?
}
