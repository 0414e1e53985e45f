import Foundation
import VigieCore

/// How the citizen side of a deployment works.
public struct CitizenSettings: Sendable {
    /// The register entry citizen requests become incidents of.
    public var sourceName: String
    /// The Open311 `jurisdiction_id` (the city's domain); `nil` accepts any.
    public var jurisdiction: String?
    /// The address the public reaches the server at (`https://signaler.example.org`), for discovery and
    /// links; the request's own host over plain HTTP when not set.
    public var publicURL: String?
    /// Whether the server sits behind a reverse proxy whose `X-Forwarded-For` tells the client's address;
    /// never set it when clients reach the server directly, since they could then write that header.
    public var behindProxy: Bool
    /// The services offered.
    public var catalogue: CitizenServiceCatalogue
    /// Days a reporter's contact and photo are kept after the request.
    public var contactRetentionDays: Int
    /// Public outputs never show a count below this.
    public var suppressionThreshold: Int
    /// POSTs a machine client (an Open311 key) may make at once, and earns back per hour.
    public var keyBurst: Int
    public var keyPerHour: Int
    /// Reports a web client (an address) may send at once, and earns back per hour.
    public var formBurst: Int
    public var formPerHour: Int

    public init(
        sourceName: String = "citizen-reports", jurisdiction: String? = nil, publicURL: String? = nil,
        behindProxy: Bool = false, catalogue: CitizenServiceCatalogue = .standard,
        contactRetentionDays: Int = 180, suppressionThreshold: Int = 10, keyBurst: Int = 120, keyPerHour: Int = 3_600,
        formBurst: Int = 5, formPerHour: Int = 20
    ) {
        self.sourceName = sourceName
        self.jurisdiction = jurisdiction
        self.publicURL = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.behindProxy = behindProxy
        self.catalogue = catalogue
        self.contactRetentionDays = contactRetentionDays
        self.suppressionThreshold = suppressionThreshold
        self.keyBurst = keyBurst
        self.keyPerHour = keyPerHour
        self.formBurst = formBurst
        self.formPerHour = formPerHour
    }

    var keyRule: RateLimiter.Rule { .init(capacity: Double(keyBurst), perSecond: Double(keyPerHour) / 3_600) }
    var formRule: RateLimiter.Rule { .init(capacity: Double(formBurst), perSecond: Double(formPerHour) / 3_600) }
}
