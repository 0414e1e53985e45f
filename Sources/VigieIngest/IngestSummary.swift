import VigieCore

/// What an ingest did, as the CLI prints it and `--json` emits it.
public struct IngestSummary: Codable, Hashable, Sendable {
    /// The input file.
    public var file: String
    /// The source name.
    public var source: String
    /// Whether the run created the source's register entry from the mapping.
    public var registered: Bool
    /// The text encoding read.
    public var encoding: String
    /// Records read.
    public var read: Int
    /// New incidents.
    public var accepted: Int
    /// Incidents whose content changed.
    public var updated: Int
    /// Records already stored unchanged.
    public var duplicates: Int
    /// Records kept in quarantine.
    public var quarantined: Int
    /// Wall-clock duration.
    public var seconds: Double
    /// Records per second over the whole run.
    public var rowsPerSecond: Int
}

/// How far an ingest has got; counts are of committed batches only.
public struct IngestProgress: Sendable {
    /// Bytes of the file parsed.
    public var bytesRead: Int
    /// Size of the file.
    public var totalBytes: Int
    /// Records parsed.
    public var recordsRead: Int
    /// Committed outcome so far.
    public var committed: IngestBatchOutcome
}
