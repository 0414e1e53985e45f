import VigieCore

/// What a route lets a person do, and the roles allowed to: the one table every route is checked against.
public enum Permission: String, Sendable, CaseIterable {
    case readOwnAccount = "read-own-account"
    case readSources = "read-sources"
    case readAgenda = "read-agenda"
    case readStatistics = "read-statistics"
    case readDistricts = "read-districts"
    case readAlerts = "read-alerts"
    case readIncidents = "read-incidents"
    case readQuarantine = "read-quarantine"
    case ingest
    case readAccounts = "read-accounts"
    case readAudit = "read-audit"
    case readForecasts = "read-forecasts"
    case acknowledgeAlerts = "acknowledge-alerts"
    case manageAccounts = "manage-accounts"
    case scanAlerts = "scan-alerts"
    case manageSources = "manage-sources"
    case readCitizenRequests = "read-citizen-requests"
    case triageCitizenRequests = "triage-citizen-requests"
    case readVideo = "read-video"
    case reviewVideoEvents = "review-video-events"

    /// The roles that hold the permission.
    public var roles: Set<Role> {
        switch self {
        case .readOwnAccount, .readSources, .readDistricts: Set(Role.allCases)
        case .readAlerts, .readIncidents: [.admin, .analyst, .commander, .operator]
        case .readQuarantine: [.admin, .analyst]
        case .ingest: [.admin, .operator]
        case .readAgenda: [.admin, .analyst, .commander, .operator]
        case .readStatistics: [.admin, .analyst, .commander, .operator]
        case .readAccounts: [.admin]
        case .readAudit: [.admin, .auditor]
        case .readForecasts: [.admin, .analyst, .commander]
        case .acknowledgeAlerts: [.admin, .analyst, .commander, .operator]
        case .manageAccounts: [.admin]
        case .scanAlerts: [.admin, .analyst]
        case .manageSources: [.admin]
        case .readCitizenRequests, .triageCitizenRequests: [.admin, .commander, .operator]
        case .readVideo, .reviewVideoEvents: [.admin, .videoOperator]
        }
    }

    /// The permission in words, for a refusal.
    var words: String {
        switch self {
        case .readOwnAccount: "read its own account"
        case .readSources: "read the register of sources"
        case .readAgenda: "read the agenda"
        case .readStatistics: "read incident statistics"
        case .readDistricts: "read the districts"
        case .readAlerts: "read the alerts"
        case .readIncidents: "read incidents one by one"
        case .readQuarantine: "read quarantined rows, which may hold personal data"
        case .ingest: "send records to a source"
        case .readAccounts: "read the accounts"
        case .readAudit: "read the audit log"
        case .readForecasts: "read forecasts and patrol plans"
        case .acknowledgeAlerts: "acknowledge alerts"
        case .manageAccounts: "add, change or disable accounts"
        case .scanAlerts: "scan for alerts"
        case .manageSources: "add or change entries of the register of sources"
        case .readCitizenRequests: "read citizen requests and their reporters' contacts"
        case .triageCitizenRequests: "handle citizen requests"
        case .readVideo: "search recordings and view cameras"
        case .reviewVideoEvents: "confirm or dismiss video events"
        }
    }
}
