import Foundation

/// Where incidents are kept.
public protocol IncidentRepository: Sendable {
    /// Opens the record of one ingest of one file and returns its identifier, which every batch carries.
    func beginIngestRun(sourceID: Int64, file: String, startedAt: Date) throws -> Int64
    /// Closes the record of an ingest with what it did.
    func finishIngestRun(_ runID: Int64, outcome: IngestBatchOutcome, read: Int, finishedAt: Date) throws
    /// Writes a batch atomically: when it returns, every record and quarantined row of it is durable.
    ///
    /// A record whose reference is new is inserted. One whose reference is stored with another content
    /// updates it in place, keeping its id, unless the same run already wrote that reference: two records of
    /// one file claiming one reference with different contents leave the first stored and put the second in
    /// quarantine. A record accepted in any way clears what quarantine held for its place in the file.
    func write(_ batch: IngestBatch) throws -> IngestBatchOutcome
    /// How many incidents there are, for one source or all.
    func incidentCount(sourceID: Int64?) throws -> Int
    /// The incident a source knows by this reference.
    func incident(sourceID: Int64, reference: String) throws -> Incident?
    /// Incidents of a source, or all, ordered by time, at most `limit`.
    func incidents(sourceID: Int64?, limit: Int) throws -> [Incident]
    /// The incidents with these ids that exist, in the order of the ids.
    func incidents(ids: [Int64]) throws -> [Incident]
}
