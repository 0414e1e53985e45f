/// A batch of ingestion results written in one transaction: accepted records and quarantined rows.
public struct IngestBatch: Sendable {
    /// One record to insert, or to update when its content changed.
    public struct Record: Sendable {
        /// The incident; `id` is ignored and assigned by the store.
        public var incident: Incident
        /// A stable hash of the record's mapped content, used to tell an update from a duplicate.
        public var contentHash: Int64
        /// The attributes in their stored form (see `AttributesJSON`), encoded by the producer so that the writer
        /// does less; this, not `incident.attributes`, is what the store keeps.
        public var encodedAttributes: String
        /// Where the record sits in its file: its ordinal (1-based) and the line it starts on.
        public var recordNumber: Int
        /// The 1-based line where the record starts.
        public var line: Int

        /// Creates a record, encoding the incident's attributes.
        public init(incident: Incident, contentHash: Int64, recordNumber: Int, line: Int) {
            self.init(
                incident: incident, encodedAttributes: AttributesJSON.encode(incident.attributes),
                contentHash: contentHash, recordNumber: recordNumber, line: line)
        }

        /// Creates a record whose attributes the producer encoded itself (the incident's own are then not read).
        public init(incident: Incident, encodedAttributes: String, contentHash: Int64, recordNumber: Int, line: Int) {
            self.incident = incident
            self.contentHash = contentHash
            self.encodedAttributes = encodedAttributes
            self.recordNumber = recordNumber
            self.line = line
        }
    }

    /// The source every record belongs to.
    public var sourceID: Int64
    /// The ingest run the batch belongs to (see `IncidentRepository.beginIngestRun`).
    public var runID: Int64
    /// The input file's name, as quarantine keeps it.
    public var file: String
    /// Records to write.
    public var records: [Record]
    /// Rows to keep in quarantine.
    public var quarantined: [QuarantinedRow]

    /// Creates a batch.
    public init(
        sourceID: Int64, runID: Int64, file: String, records: [Record] = [], quarantined: [QuarantinedRow] = []
    ) {
        self.sourceID = sourceID
        self.runID = runID
        self.file = file
        self.records = records
        self.quarantined = quarantined
    }

    /// Whether there is nothing to write.
    public var isEmpty: Bool { records.isEmpty && quarantined.isEmpty }
}

/// What became of each record of a batch once committed.
public struct IngestBatchOutcome: Hashable, Sendable, Codable {
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

    /// Every record counted.
    public var total: Int { accepted + updated + duplicates + quarantined }

    /// Adds another outcome's counts.
    public static func += (lhs: inout IngestBatchOutcome, rhs: IngestBatchOutcome) {
        lhs.accepted += rhs.accepted
        lhs.updated += rhs.updated
        lhs.duplicates += rhs.duplicates
        lhs.quarantined += rhs.quarantined
    }
}
