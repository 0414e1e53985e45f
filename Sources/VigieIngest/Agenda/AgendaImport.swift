import Foundation
import VigieCore

/// Turns calendar occurrences into planned items of the agenda, or says why one cannot be one.
public struct AgendaImport: Sendable {
    /// Kinds by category label, compared without case.
    public var kindByCategory: [String: PlannedEventKind]
    /// The kind of an item none of whose categories is mapped.
    public var defaultKind: PlannedEventKind?

    public init(kindByCategory: [String: PlannedEventKind] = [:], defaultKind: PlannedEventKind? = nil) {
        self.kindByCategory = Dictionary(kindByCategory.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        self.defaultKind = defaultKind
    }

    /// An occurrence or a record that cannot be an item, with why.
    public struct Refusal: Sendable, Hashable {
        /// The line where the occurrence or record starts.
        public var line: Int
        /// What shows a person the item: a calendar event's UID, or a mapped file's record as written.
        public var reference: String
        /// The column at fault in a mapped file, when one is.
        public var field: String?
        /// Why, in words a person can act on.
        public var reason: String
        /// Where the item sits in its file, which identifies it in quarantine: its line in a calendar, its
        /// ordinal in a mapped file.
        public var recordNumber: Int

        /// Creates a refusal; `recordNumber` is the line unless given.
        public init(line: Int, reference: String, field: String? = nil, reason: String, recordNumber: Int? = nil) {
            self.line = line
            self.reference = reference
            self.field = field
            self.reason = reason
            self.recordNumber = recordNumber ?? line
        }
    }

    /// The planned items of `occurrences` for source `sourceID`, and those refused.
    public func plannedEvents(_ occurrences: [ICalendarOccurrence], sourceID: Int64) -> (
        events: [PlannedEvent], refused: [Refusal]
    ) {
        var events: [PlannedEvent] = []
        var refused: [Refusal] = []
        for occurrence in occurrences {
            func refuse(_ reason: String) { refused.append(Refusal(line: occurrence.line, reference: occurrence.reference, reason: reason)) }
            guard let position = occurrence.position else {
                refuse("'\(occurrence.title)' has no GEO: give its position as GEO:latitude;longitude")
                continue
            }
            guard occurrence.end > occurrence.start else {
                refuse("'\(occurrence.title)' has no length: give DTEND or DURATION")
                continue
            }
            guard let kind = occurrence.categories.lazy.compactMap({ self.kindByCategory[$0.lowercased()] }).first
                ?? defaultKind
            else {
                let labels = occurrence.categories.isEmpty ? "no CATEGORIES" : "CATEGORIES \(occurrence.categories.joined(separator: ", "))"
                refuse("'\(occurrence.title)' has \(labels) that map to a kind: map them with --kind-map or give --kind")
                continue
            }
            events.append(PlannedEvent(
                sourceID: sourceID, sourceReference: occurrence.reference, kind: kind, title: occurrence.title,
                startsAt: occurrence.start, endsAt: occurrence.end, isAllDay: occurrence.isAllDay,
                geometry: .point(position), expectedAttendance: occurrence.attendance, organiser: occurrence.organiser))
        }
        return (events, refused)
    }
}
