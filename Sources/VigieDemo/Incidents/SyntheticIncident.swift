import VigieCore

/// One generated record before it is written in its source's format.
struct SyntheticIncident: Sendable {
    /// When it happened, in UTC seconds.
    let utc: Int
    /// Where it happened, on land, rounded to 6 decimals.
    let position: GeoPoint
    /// Index of its label in the source's kinds.
    let kind: Int
    /// Generation order, which breaks ties of time so that files are reproducible.
    let order: Int
}
