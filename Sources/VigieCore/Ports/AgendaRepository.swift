import Foundation

/// The public-space agenda: planned events and the means planned for them.
public protocol AgendaRepository: Sendable {
    /// Inserts or replaces items by source and reference; returns them with their identifiers.
    func save(_ events: [PlannedEvent]) throws -> [PlannedEvent]
    /// Items overlapping an interval, ordered by start.
    func plannedEvents(from start: Date, to end: Date) throws -> [PlannedEvent]
    /// The item of an identifier, if there is one.
    func plannedEvent(id: Int64) throws -> PlannedEvent?
    /// Replaces the means of the given planned events.
    func save(_ measures: [Measure]) throws
    /// Means planned for a planned event.
    func measures(plannedEventID: Int64) throws -> [Measure]
}
