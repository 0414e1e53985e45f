import Foundation

/// The events of decree 2023-828 (art. 3) that motion analysis can serve. Falls, weapons and fires it
/// cannot see, and Vigie does not pretend to.
public enum VideoRuleKind: String, Hashable, Sendable, CaseIterable, Codable {
    /// A person or vehicle entering, or present in, a forbidden or sensitive zone (event 4).
    case intrusion
    /// A person or vehicle not respecting the common direction of traffic (event 3).
    case wrongDirection = "wrong-direction"
    /// Excessive density (event 7): a share of the zone occupied.
    case density
    /// An object left, or one removed (event 1), resting longer than a threshold.
    case objectLeft = "object-left"
    /// Crowd movement (event 6): a sudden jump in the moving share of the zone.
    case crowdMovement = "crowd-movement"

    public var title: (fr: String, en: String) {
        switch self {
        case .intrusion: ("Intrusion dans une zone", "Intrusion into a zone")
        case .wrongDirection: ("Circulation à contresens", "Movement against the set direction")
        case .density: ("Densité excessive", "Excessive density")
        case .objectLeft: ("Objet abandonné ou retiré", "Object left or removed")
        case .crowdMovement: ("Mouvement de foule", "Sudden crowd movement")
        }
    }
}

/// A rule enabled on one camera. Every rule is off until someone enables it with the legal basis it runs
/// under and the date it ends; past that date it no longer runs, and nothing enables it silently again.
public struct VideoRule: Hashable, Sendable {
    public var id: Int64?
    public var cameraID: Int64
    public var kind: VideoRuleKind
    /// The camera zone it watches (by name); the whole image when `nil` (not for an intrusion).
    public var zone: String?
    /// For `wrongDirection`: the permitted direction, degrees clockwise from the top of the image.
    public var direction: Double?
    /// For `density`: the share of the zone (0–1); for `objectLeft`: seconds resting; for `crowdMovement`:
    /// the share of the zone starting to move at once. `nil` takes the kind's default.
    public var threshold: Double?
    /// The text it runs under (prefectoral order, requisition), never empty.
    public var legalBasis: String
    public var enabledBy: String
    public var enabledAt: Date
    public var expiresAt: Date
    public var disabledAt: Date?

    public init(
        id: Int64? = nil, cameraID: Int64, kind: VideoRuleKind, zone: String?, direction: Double? = nil, threshold: Double? = nil,
        legalBasis: String, enabledBy: String, enabledAt: Date, expiresAt: Date, disabledAt: Date? = nil
    ) {
        self.id = id
        self.cameraID = cameraID
        self.kind = kind
        self.zone = zone
        self.direction = direction
        self.threshold = threshold
        self.legalBasis = legalBasis
        self.enabledBy = enabledBy
        self.enabledAt = enabledAt
        self.expiresAt = expiresAt
        self.disabledAt = disabledAt
    }

    /// The longest a rule may be enabled for at once: a year, after which it must be enabled again.
    public static let longestTerm: TimeInterval = 366 * 86_400

    public var effectiveThreshold: Double {
        if let threshold { return threshold }
        switch kind {
        case .intrusion, .wrongDirection: return 0
        case .density: return 0.35
        case .objectLeft: return 10
        case .crowdMovement: return 0.15
        }
    }

    /// Whether it runs at `time`.
    public func isActive(at time: Date) -> Bool {
        disabledAt == nil && time >= enabledAt && time < expiresAt
    }

    /// One message per problem, against the camera it is for.
    public func problems(camera: Camera) -> [String] {
        var problems: [String] = []
        if legalBasis.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append("legal basis is empty: a rule runs only under a recorded legal basis")
        }
        if enabledBy.isEmpty { problems.append("no one is named as enabling it") }
        if expiresAt <= enabledAt { problems.append("it expires before it starts") }
        if expiresAt.timeIntervalSince(enabledAt) > Self.longestTerm { problems.append("it may be enabled for a year at most") }
        if let zone {
            if !camera.zones.contains(where: { $0.name == zone }) {
                problems.append("camera '\(camera.name)' has no zone '\(zone)' (its zones: \(camera.zones.map(\.name).joined(separator: ", ")))")
            }
        } else if kind == .intrusion {
            problems.append("an intrusion rule needs a zone")
        }
        if kind == .wrongDirection {
            if let direction { if !(0..<360).contains(direction) { problems.append("direction \(direction) is not 0 to 360 degrees") } }
            else { problems.append("a wrong-direction rule needs the permitted direction") }
        }
        if let threshold {
            switch kind {
            case .density, .crowdMovement:
                if !(threshold > 0 && threshold <= 1) { problems.append("threshold \(threshold) must be a share above 0, up to 1") }
            case .objectLeft:
                if !(threshold >= 1 && threshold <= 3_600) { problems.append("threshold \(threshold) must be 1 to 3600 seconds") }
            case .intrusion, .wrongDirection:
                problems.append("a \(kind.rawValue) rule takes no threshold")
            }
        }
        return problems
    }
}

/// What an operator decided about an event.
public enum VideoEventStatus: String, Hashable, Sendable, CaseIterable, Codable {
    case pending, confirmed, dismissed
}

/// An event a rule raised. It decides nothing: an operator confirms or dismisses it, and that is kept.
public struct VideoEvent: Hashable, Sendable {
    public var id: Int64?
    public var cameraID: Int64
    public var ruleID: Int64?
    public var recordingID: Int64?
    public var kind: VideoRuleKind
    public var zone: String?
    public var time: Date
    public var end: Date
    /// Where in the image, as shares.
    public var position: ImagePoint?
    /// What triggered it, in a few words (`heading 270°`, `42 % of the zone`).
    public var detail: String
    public var status: VideoEventStatus
    public var reviewedBy: String?
    public var reviewedAt: Date?
    public var note: String?

    public init(
        id: Int64? = nil, cameraID: Int64, ruleID: Int64?, recordingID: Int64?, kind: VideoRuleKind, zone: String?, time: Date, end: Date,
        position: ImagePoint?, detail: String, status: VideoEventStatus = .pending, reviewedBy: String? = nil, reviewedAt: Date? = nil,
        note: String? = nil
    ) {
        self.id = id
        self.cameraID = cameraID
        self.ruleID = ruleID
        self.recordingID = recordingID
        self.kind = kind
        self.zone = zone
        self.time = time
        self.end = end
        self.position = position
        self.detail = detail
        self.status = status
        self.reviewedBy = reviewedBy
        self.reviewedAt = reviewedAt
        self.note = note
    }
}
