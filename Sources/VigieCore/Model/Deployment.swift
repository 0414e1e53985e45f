/// The settings of one city's installation.
public struct Deployment: Hashable, Sendable, Codable {
    /// The city or body running Vigie.
    public var name: String
    /// The time zone of hour-of-day and weekday profiles (an IANA identifier).
    public var timeZoneIdentifier: String
    /// The area incidents must fall in (WGS84 degrees, x = longitude); `nil` accepts any valid position.
    public var area: BoundingBox?

    /// Creates deployment settings.
    public init(name: String, timeZoneIdentifier: String = "Europe/Paris", area: BoundingBox? = nil) {
        self.name = name
        self.timeZoneIdentifier = timeZoneIdentifier
        self.area = area
    }

    /// Settings of a deployment nobody configured yet.
    public static let unconfigured = Deployment(name: "Vigie")
}
