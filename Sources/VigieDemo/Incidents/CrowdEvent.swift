import VigieCore

/// A large gathering that brings its own incidents around it, such as a match at the Vélodrome.
struct CrowdEvent: Sendable {
    /// Start, in UTC seconds.
    let start: Int
    /// End, in UTC seconds.
    let end: Int
    /// Where the crowd gathers.
    let centre: GeoPoint
    /// Expected attendance.
    let attendance: Int
}
