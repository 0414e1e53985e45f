import Foundation

/// What enforcing one source's retention removed (or, in a dry run, would remove): everything the source
/// holds from before its cutoff, that is `retentionDays` before the moment of the purge.
public struct RetentionPurge: Hashable, Sendable, Codable {
    public var sourceID: Int64
    public var sourceName: String
    public var retentionDays: Int
    /// Records from before this instant are past their retention.
    public var cutoff: Date
    /// Incidents that occurred before the cutoff.
    public var incidents: Int
    /// Quarantined rows (raw text, possibly personal) quarantined before the cutoff.
    public var quarantined: Int
    /// Agenda items that ended before the cutoff, with their means.
    public var plannedEvents: Int
    /// Days of weather before the cutoff.
    public var weatherDays: Int

    public init(
        sourceID: Int64, sourceName: String, retentionDays: Int, cutoff: Date, incidents: Int = 0,
        quarantined: Int = 0, plannedEvents: Int = 0, weatherDays: Int = 0
    ) {
        self.sourceID = sourceID
        self.sourceName = sourceName
        self.retentionDays = retentionDays
        self.cutoff = cutoff
        self.incidents = incidents
        self.quarantined = quarantined
        self.plannedEvents = plannedEvents
        self.weatherDays = weatherDays
    }

    /// Records removed, of every kind.
    public var total: Int { incidents + quarantined + plannedEvents + weatherDays }
}
