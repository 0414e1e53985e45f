import VigieCore

/// An item of the demo agenda with the means planned for it, before the store gives it an identifier.
struct AgendaItem: Sendable {
    /// Means of one kind: planned, and deployed once the item is past.
    struct Means: Sendable, Hashable {
        /// What kind of means.
        let kind: Measure.Kind
        /// How many are planned.
        let planned: Int
        /// How many were deployed, for past items.
        let deployed: Int?
    }

    /// The planned event.
    let event: PlannedEvent
    /// Its means, one entry per kind planned.
    let means: [Means]
}
