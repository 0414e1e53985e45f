/// Means planned and deployed for a planned event.
public struct Measure: Hashable, Sendable, Codable {
    /// What kind of means.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Police officers.
        case officers
        /// Vehicles.
        case vehicles
        /// Crowd barriers.
        case barriers
        /// Traffic diversions.
        case diversions
    }

    /// Store identifier.
    public var id: Int64?
    /// The planned event the means serve.
    public var plannedEventID: Int64
    /// What kind of means.
    public var kind: Kind
    /// How many are planned.
    public var planned: Int
    /// How many were deployed, once known.
    public var deployed: Int?

    /// Creates a measure.
    public init(id: Int64? = nil, plannedEventID: Int64, kind: Kind, planned: Int, deployed: Int? = nil) {
        self.id = id
        self.plannedEventID = plannedEventID
        self.kind = kind
        self.planned = planned
        self.deployed = deployed
    }
}
