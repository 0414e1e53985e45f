import Foundation

/// Which citizen requests to list.
public struct CitizenRequestQuery: Hashable, Sendable {
    /// These requests only, whatever the other filters say (Open311: the id list overrides the rest).
    public var ids: [Int64]?
    public var serviceCodes: [String]?
    public var statuses: Set<CitizenRequestStatus>?
    public var bodies: Set<ResponsibleBody>?
    /// Requested at or after.
    public var from: Date?
    /// Requested before.
    public var to: Date?
    /// Within `radius` metres of this point.
    public var near: GeoPoint?
    public var radius: Double
    /// Words the description or the address contains.
    public var text: String?
    public var limit: Int
    public var offset: Int

    public init(
        ids: [Int64]? = nil, serviceCodes: [String]? = nil, statuses: Set<CitizenRequestStatus>? = nil,
        bodies: Set<ResponsibleBody>? = nil, from: Date? = nil, to: Date? = nil, near: GeoPoint? = nil,
        radius: Double = 0, text: String? = nil, limit: Int = 100, offset: Int = 0
    ) {
        self.ids = ids
        self.serviceCodes = serviceCodes
        self.statuses = statuses
        self.bodies = bodies
        self.from = from
        self.to = to
        self.near = near
        self.radius = radius
        self.text = text
        self.limit = limit
        self.offset = offset
    }
}

/// Where citizen requests, their handling, the reporters' contacts and photos, and the Open311 keys live.
public protocol CitizenRequestRepository: Sendable {
    /// Stores a new request, the incident it becomes (of the citizen reports source), the contact apart and
    /// the photo, in one transaction; returns the request with its ids.
    func submit(_ request: CitizenRequest, incident: Incident, contact: ReporterContact?, photo: RequestPhoto?) throws
        -> CitizenRequest
    func citizenRequest(id: Int64) throws -> CitizenRequest?
    func citizenRequest(token: String) throws -> CitizenRequest?
    /// Requests matching the query, the latest first.
    func citizenRequests(_ query: CitizenRequestQuery) throws -> [CitizenRequest]
    /// How many requests match the query (its limit and offset aside).
    func citizenRequestCount(_ query: CitizenRequestQuery) throws -> Int
    /// A value that changes whenever a request is added, handled or removed, read without scanning: what
    /// figures derived from requests are kept by.
    func citizenRequestsVersion() throws -> String
    /// Per period between consecutive `bounds`, the requests made in it and those of them fixed now, in one
    /// pass over the time index.
    func citizenRequestCounts(between bounds: [Date]) throws -> [(received: Int, fixed: Int)]
    /// Records a step of handling and sets the request's status, body and note to it (a step without a note
    /// clears the note shown; an expected date stays until another is given or the request is closed).
    func addUpdate(_ update: CitizenRequestUpdate) throws -> CitizenRequestUpdate
    /// Steps of handling, oldest first: of some requests, or made in a period; at most `limit`.
    func citizenRequestUpdates(requestIDs: [Int64]?, from: Date?, to: Date?, limit: Int, offset: Int) throws
        -> [CitizenRequestUpdate]
    func reporterContact(requestID: Int64) throws -> ReporterContact?
    func photo(requestID: Int64) throws -> RequestPhoto?
    /// Deletes the contacts and photos whose time is up; returns how many requests lost them.
    func purgeReporterData(now: Date) throws -> Int

    func createOpen311Key(_ key: Open311Key) throws -> Open311Key
    func open311Key(hash: String) throws -> Open311Key?
    func open311Keys() throws -> [Open311Key]
    func revokeOpen311Key(id: Int64, at date: Date) throws
}
