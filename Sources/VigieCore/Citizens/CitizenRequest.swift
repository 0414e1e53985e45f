import Foundation

/// Where a citizen request stands. Open311 shows only open or closed; the FixMyStreet updates extension and
/// the tracking page show the whole status.
public enum CitizenRequestStatus: String, Sendable, Codable, CaseIterable {
    case open
    case inProgress = "in-progress"
    case actionScheduled = "action-scheduled"
    case fixed
    case duplicate
    case notResponsible = "not-responsible"
    case closed

    /// Whether the request still awaits something (Open311 `open`).
    public var isOpen: Bool { self == .open || self == .inProgress || self == .actionScheduled }

    /// The FixMyStreet status name.
    public var fixMyStreet: String {
        switch self {
        case .open: "OPEN"
        case .inProgress: "IN_PROGRESS"
        case .actionScheduled: "ACTION_SCHEDULED"
        case .fixed: "FIXED"
        case .duplicate: "DUPLICATE"
        case .notResponsible: "NOT_COUNCILS_RESPONSIBILITY"
        case .closed: "CLOSED"
        }
    }

    /// The status as citizens read it, French then English.
    public var labels: (fr: String, en: String) {
        switch self {
        case .open: ("Ouvert", "Open")
        case .inProgress: ("En cours", "In progress")
        case .actionScheduled: ("Intervention programmée", "Action scheduled")
        case .fixed: ("Résolu", "Fixed")
        case .duplicate: ("Doublon", "Duplicate")
        case .notResponsible: ("Hors de nos compétences", "Not our responsibility")
        case .closed: ("Clos", "Closed")
        }
    }
}

/// A report a citizen sent: a problem at a place, never a complaint about a person. It is kept as an
/// incident of the "citizen reports" source, with what is specific to it beside.
public struct CitizenRequest: Hashable, Sendable {
    public var id: Int64?
    /// The incident it became, once stored.
    public var incidentID: Int64?
    /// The public token: the reporter's tracking link, and the Open311 token of batch services.
    public var token: String
    public var serviceCode: String
    public var status: CitizenRequestStatus
    /// Who handles it now.
    public var body: ResponsibleBody
    /// What the reporter wrote (public, no HTML).
    public var description: String
    /// The address the reporter gave, if any.
    public var address: String?
    /// Where, if known (WGS84).
    public var location: GeoPoint?
    /// The answers to the service's questions, code → values.
    public var attributes: [String: [String]]
    /// A URL of a picture the client gave (Open311 `media_url`).
    public var mediaURL: String?
    /// Whether a photo was uploaded with it.
    public var hasPhoto: Bool
    /// How it arrived: `web` (the public form) or the label of the Open311 key used.
    public var channel: String
    public var requestedAt: Date
    public var updatedAt: Date
    /// When the body expects to act, if it said.
    public var expectedAt: Date?
    /// The latest note given to the reporter.
    public var statusNote: String?
    /// The district codes of its incident (level → code).
    public var districts: [String: String]

    public init(
        id: Int64? = nil, incidentID: Int64? = nil, token: String, serviceCode: String,
        status: CitizenRequestStatus = .open, body: ResponsibleBody, description: String, address: String?,
        location: GeoPoint?, attributes: [String: [String]], mediaURL: String? = nil, hasPhoto: Bool = false,
        channel: String, requestedAt: Date, updatedAt: Date? = nil, expectedAt: Date? = nil, statusNote: String? = nil,
        districts: [String: String] = [:]
    ) {
        self.id = id
        self.incidentID = incidentID
        self.token = token
        self.serviceCode = serviceCode
        self.status = status
        self.body = body
        self.description = description
        self.address = address
        self.location = location
        self.attributes = attributes
        self.mediaURL = mediaURL
        self.hasPhoto = hasPhoto
        self.channel = channel
        self.requestedAt = requestedAt
        self.updatedAt = updatedAt ?? requestedAt
        self.expectedAt = expectedAt
        self.statusNote = statusNote
        self.districts = districts
    }
}

/// A step of a request's handling: a status, the body then responsible, and a note for the reporter.
public struct CitizenRequestUpdate: Hashable, Sendable {
    public var id: Int64?
    public var requestID: Int64
    public var status: CitizenRequestStatus
    public var body: ResponsibleBody
    /// What the reporter reads; `nil` when the step only changed the status.
    public var note: String?
    /// Who made the step (an account name, or `citizen` for the first one); never shown publicly.
    public var actor: String
    public var at: Date
    /// When the body expects to act, if set by this step.
    public var expectedAt: Date?

    public init(
        id: Int64? = nil, requestID: Int64, status: CitizenRequestStatus, body: ResponsibleBody, note: String?,
        actor: String, at: Date, expectedAt: Date? = nil
    ) {
        self.id = id
        self.requestID = requestID
        self.status = status
        self.body = body
        self.note = note
        self.actor = actor
        self.at = at
        self.expectedAt = expectedAt
    }
}

/// How to reach the reporter: kept apart from the request, read only by triage (and audited), deleted at
/// `deleteAfter`. Identifiers of devices and accounts are kept only as pseudonyms.
public struct ReporterContact: Hashable, Sendable {
    public var email: String?
    public var phone: String?
    /// First and last name as given.
    public var name: String?
    /// Keyed pseudonym of the Open311 `device_id`.
    public var devicePseudonym: String?
    /// Keyed pseudonym of the Open311 `account_id`.
    public var accountPseudonym: String?
    public var deleteAfter: Date

    public init(
        email: String?, phone: String?, name: String?, devicePseudonym: String?, accountPseudonym: String?, deleteAfter: Date
    ) {
        self.email = email
        self.phone = phone
        self.name = name
        self.devicePseudonym = devicePseudonym
        self.accountPseudonym = accountPseudonym
        self.deleteAfter = deleteAfter
    }

    /// Whether there is nothing to keep.
    public var isEmpty: Bool {
        email == nil && phone == nil && name == nil && devicePseudonym == nil && accountPseudonym == nil
    }
}

/// A photo sent with a request, already checked and stripped of its metadata.
public struct RequestPhoto: Hashable, Sendable {
    public var contentType: String
    public var bytes: Data

    public init(contentType: String, bytes: Data) {
        self.contentType = contentType
        self.bytes = bytes
    }
}

/// A key a machine client posts Open311 requests with; only its SHA-256 is kept.
public struct Open311Key: Hashable, Sendable {
    public var id: Int64?
    public var label: String
    public var keyHash: String
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: Int64? = nil, label: String, keyHash: String, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.label = label
        self.keyHash = keyHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
