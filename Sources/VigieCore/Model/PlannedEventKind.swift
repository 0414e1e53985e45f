/// What kind of item of the public-space agenda a planned event is.
public enum PlannedEventKind: String, Sendable, Codable, CaseIterable {
    /// A cultural, sports or festive event.
    case event
    /// A street market.
    case market
    /// Works on the public road.
    case roadworks
    /// A declared demonstration.
    case protest
    /// An official visit.
    case officialVisit = "official-visit"
    /// A film shoot.
    case filmShoot = "film-shoot"
}
