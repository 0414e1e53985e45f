/// Where a reader of the incident feed stopped: the highest incident id it has seen, the last change it has
/// applied, and the version of the district outlines its district codes come from.
public struct IncidentFeedCursor: Hashable, Sendable, Codable {
    /// Every incident with an id up to this one has been read.
    public var lastIncidentID: Int64
    /// Every update or removal up to this sequence number has been read.
    public var lastChange: Int64
    /// The districts version the reader's district codes belong to.
    public var districtsVersion: Int64

    /// Creates a cursor.
    public init(lastIncidentID: Int64, lastChange: Int64, districtsVersion: Int64) {
        self.lastIncidentID = lastIncidentID
        self.lastChange = lastChange
        self.districtsVersion = districtsVersion
    }
}

/// What the incident feed hands a reader, in order: one `start`, then the changed rows in chunks.
public enum IncidentFeedEvent: Sendable {
    /// Whether the reader must drop what it holds and take everything again (the first read, or districts
    /// imported since), the incidents removed since the cursor, and each district level's codes, in the
    /// order the chunks' district indices refer to.
    case start(fullReload: Bool, removedIDs: [Int64], districtCodes: [String: [String]])
    /// Incidents new or changed since the cursor, in id order.
    case rows(IncidentFeedChunk)
}

/// A run of incidents as columns, in id order: what analytics needs, and nothing personal.
public struct IncidentFeedChunk: Sendable {
    /// Incident ids, increasing.
    public var ids: [Int64] = []
    /// WGS84 latitudes, NaN when the position is unknown.
    public var latitudes: [Double] = []
    /// WGS84 longitudes, NaN when the position is unknown.
    public var longitudes: [Double] = []
    /// UTC seconds since 1970.
    public var occurredAt: [Double] = []
    /// How precisely each time is known.
    public var timePrecisions: [TimePrecision] = []
    /// Each incident's category, as its position in the standard taxonomy.
    public var categoryPositions: [UInt8] = []
    /// Each incident's source.
    public var sourceIDs: [Int64] = []
    /// Per district level, each incident's index into that level's codes, or -1 when it lies in none.
    public var districtIndices: [String: [Int32]] = [:]

    /// Creates an empty chunk.
    public init() {}

    /// The number of incidents.
    public var count: Int { ids.count }
}

/// Incidents as a stream of changes, for readers that keep their own copy (the analytics snapshot).
public protocol IncidentFeed: Sendable {
    /// Reads, in one consistent view of the store, what changed since `cursor` (everything when `nil`), in
    /// chunks of at most `chunkSize` incidents, and returns the cursor to pass next time.
    func readIncidentFeed(
        since cursor: IncidentFeedCursor?, chunkSize: Int, _ consume: (IncidentFeedEvent) throws -> Void
    ) throws -> IncidentFeedCursor
}
