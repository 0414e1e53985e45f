import Foundation

/// An item of the public-space agenda: an event, a market, roadworks, a protest, a visit or a film shoot.
///
/// The organiser is an organisation, never a person.
public struct PlannedEvent: Hashable, Sendable, Codable {
    /// Store identifier.
    public var id: Int64?
    /// The register entry the item came from.
    public var sourceID: Int64
    /// The source's reference, unique within the source.
    public var sourceReference: String
    /// What kind of item it is.
    public var kind: PlannedEventKind
    /// Title as published.
    public var title: String
    /// Start (UTC).
    public var startsAt: Date
    /// End (UTC), after the start.
    public var endsAt: Date
    /// Whether the item covers whole days.
    public var isAllDay: Bool
    /// Where it takes place.
    public var geometry: EventGeometry
    /// Expected attendance, when known.
    public var expectedAttendance: Int?
    /// The organising body.
    public var organiser: String?

    /// Creates a planned event.
    public init(
        id: Int64? = nil, sourceID: Int64, sourceReference: String, kind: PlannedEventKind, title: String,
        startsAt: Date, endsAt: Date, isAllDay: Bool = false, geometry: EventGeometry,
        expectedAttendance: Int? = nil, organiser: String? = nil
    ) {
        self.id = id
        self.sourceID = sourceID
        self.sourceReference = sourceReference
        self.kind = kind
        self.title = title
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.isAllDay = isAllDay
        self.geometry = geometry
        self.expectedAttendance = expectedAttendance
        self.organiser = organiser
    }
}
