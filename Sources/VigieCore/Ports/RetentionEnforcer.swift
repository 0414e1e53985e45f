import Foundation

/// Retention, enforced: each source's records older than its register entry allows are removed, and each
/// purge is logged.
public protocol RetentionEnforcer: Sendable {
    /// Removes, for every source, what is past its retention at `now`, logging each source's purge; with
    /// `dryRun`, only counts.
    func enforceRetention(now: Date, dryRun: Bool) throws -> [RetentionPurge]
    /// Purges logged, latest first.
    func retentionLog(limit: Int) throws -> [(purgedAt: Date, purge: RetentionPurge)]
}
