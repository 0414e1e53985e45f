/// A batch of ingestion results written in one transaction: accepted records and quarantined rows.
public struct IngestBatch: Sendable {
    /// One record to insert, or to update when its content changed.
    public struct Record: Sendable {
        /// The incident; `id` is ignored and assigned by the store.
        public var incident: Incident
        /// A stable hash of the record's mapped content, used to tell an update from a duplicate.
        public var contentHash: Int64
        /// The attributes in their stored form, encoded by the producer so that the writer does less.
        public var encodedAttributes: String

        /// Creates a record.
        public init(incident: Incident, contentHash: Int64) {
            self.incident = incident
            self.contentHash = contentHash
            self.encodedAttributes = AttributesJSON.encode(incident.attributes)
        }
    }

    /// The source every record belongs to.
    public var sourceID: Int64
    /// Records to write.
    public var records: [Record]
    /// Rows to keep in quarantine.
    public var quarantined: [QuarantinedRow]

    /// Creates a batch.
    public init(sourceID: Int64, records: [Record] = [], quarantined: [QuarantinedRow] = []) {
        self.sourceID = sourceID
        self.records = records
        self.quarantined = quarantined
    }

    /// Whether there is nothing to write.
    public var isEmpty: Bool { records.isEmpty && quarantined.isEmpty }
}

/// What became of each record of a batch once committed.
public struct IngestBatchOutcome: Hashable, Sendable {
    /// New incidents.
    public var accepted = 0
    /// Existing incidents whose content changed.
    public var updated = 0
    /// Records already stored with the same content.
    public var duplicates = 0
    /// Rows kept in quarantine.
    public var quarantined = 0

    /// Creates an outcome.
    public init(accepted: Int = 0, updated: Int = 0, duplicates: Int = 0, quarantined: Int = 0) {
        self.accepted = accepted
        self.updated = updated
        self.duplicates = duplicates
        self.quarantined = quarantined
    }

    /// Adds another outcome's counts.
    public static func += (lhs: inout IngestBatchOutcome, rhs: IngestBatchOutcome) {
        lhs.accepted += rhs.accepted
        lhs.updated += rhs.updated
        lhs.duplicates += rhs.duplicates
        lhs.quarantined += rhs.quarantined
    }
}
