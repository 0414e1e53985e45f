import Foundation

/// One recorded fact of public safety: something that happened at a place and a time, from one source.
///
/// An incident describes a place and a time, never a person: personal fields reach it only pseudonymised.
public struct Incident: Hashable, Sendable, Codable {
    /// Store identifier, kept across updates of the same source record.
    public var id: Int64?
    /// The register entry the record came from.
    public var sourceID: Int64
    /// The source's own reference for the record, or a stable hash of the row when it has none.
    public var sourceReference: String
    /// Unified taxonomy category code.
    public var category: CategoryCode
    /// The source's own label, always kept.
    public var rawLabel: String
    /// When it happened (UTC).
    public var occurredAt: Date
    /// How precisely `occurredAt` is known.
    public var timePrecision: TimePrecision
    /// Where it happened (WGS84), if known.
    public var location: GeoPoint?
    /// Radius in metres within which the true position lies (0 when exact), if known.
    public var locationPrecisionMeters: Double?
    /// Further fields of the record kept as text; personal ones are pseudonymised.
    public var attributes: [String: String]
    /// District code per level name (`arrondissement` → `13201`), assigned by the store.
    public var districts: [String: String]

    /// Creates an incident.
    public init(
        id: Int64? = nil, sourceID: Int64, sourceReference: String, category: CategoryCode, rawLabel: String,
        occurredAt: Date, timePrecision: TimePrecision, location: GeoPoint?, locationPrecisionMeters: Double?,
        attributes: [String: String] = [:], districts: [String: String] = [:]
    ) {
        self.id = id
        self.sourceID = sourceID
        self.sourceReference = sourceReference
        self.category = category
        self.rawLabel = rawLabel
        self.occurredAt = occurredAt
        self.timePrecision = timePrecision
        self.location = location
        self.locationPrecisionMeters = locationPrecisionMeters
        self.attributes = attributes
        self.districts = districts
    }
}
