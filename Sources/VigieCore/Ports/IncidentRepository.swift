import Foundation

/// Where incidents are kept.
public protocol IncidentRepository: Sendable {
    /// Writes a batch atomically: when it returns, every record and quarantined row of it is durable.
    func write(_ batch: IngestBatch) throws -> IngestBatchOutcome
    /// How many incidents there are, for one source or all.
    func incidentCount(sourceID: Int64?) throws -> Int
    /// The incident a source knows by this reference.
    func incident(sourceID: Int64, reference: String) throws -> Incident?
    /// Incidents of a source, or all, ordered by time, at most `limit`.
    func incidents(sourceID: Int64?, limit: Int) throws -> [Incident]
}
