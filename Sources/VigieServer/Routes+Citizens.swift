import Foundation
import Hummingbird
import VigieCore

/// Citizen requests for the staff who handle them: the list to triage, and steps of handling.
extension APIRoutes {
    /// A request as staff see it: everything but the reporter's contact, which only the triage page shows.
    struct CitizenRequestView: Encodable, Sendable {
        let id: Int64
        let service: String
        let serviceName: String
        let status: String
        let body: String
        let description: String
        let address: String?
        let latitude: Double?
        let longitude: Double?
        let attributes: [String: [String]]
        let hasPhoto: Bool
        let channel: String
        let requestedAt: Date
        let updatedAt: Date
        let statusNote: String?
        let districts: [String: String]

        init(_ request: CitizenRequest, catalogue: CitizenServiceCatalogue) {
            id = request.id ?? 0
            service = request.serviceCode
            serviceName = catalogue.service(request.serviceCode)?.nameFR ?? request.serviceCode
            status = request.status.rawValue
            body = request.body.rawValue
            description = request.description
            address = request.address
            latitude = request.location?.latitude
            longitude = request.location?.longitude
            attributes = request.attributes
            hasPhoto = request.hasPhoto
            channel = request.channel
            requestedAt = request.requestedAt
            updatedAt = request.updatedAt
            statusNote = request.statusNote
            districts = request.districts
        }
    }

    struct CitizenRequestPage: Encodable, Sendable {
        let total: Int
        let page: Int
        let limit: Int
        let requests: [CitizenRequestView]
    }

    /// The query of the triage list: `status` and `body` (repeated), `service`, `q` (words), `page`, `limit`.
    static func citizenQuery(_ query: Parameters) throws -> CitizenRequestQuery {
        var search = CitizenRequestQuery()
        let statuses = try query.getAll("status").map { text -> CitizenRequestStatus in
            guard let status = CitizenRequestStatus(rawValue: String(text)) else {
                throw APIError(.badRequest, "bad-parameter", "status: '\(text)' is not one of \(CitizenRequestStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return status
        }
        if !statuses.isEmpty { search.statuses = Set(statuses) }
        let bodies = try query.getAll("body").map { text -> ResponsibleBody in
            guard let body = ResponsibleBody(rawValue: String(text)) else {
                throw APIError(.badRequest, "bad-parameter", "body: '\(text)' is not one of city, metropolis, police")
            }
            return body
        }
        if !bodies.isEmpty { search.bodies = Set(bodies) }
        let services = query.getAll("service").map { String($0) }.filter { !$0.isEmpty }
        if !services.isEmpty { search.serviceCodes = services }
        search.text = query["q"].map { String($0) }
        search.limit = try Self.integer(query, "limit", 1...500, default: 50)
        search.offset = (try Self.integer(query, "page", 1...100_000, default: 1) - 1) * search.limit
        return search
    }

    func citizenRequests(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws
        -> JSONBody<CitizenRequestPage>
    {
        let search = try Self.citizenQuery(request.uri.queryParameters)
        let found = try store.citizenRequests(search)
        return JSONBody(CitizenRequestPage(
            total: try store.citizenRequestCount(search), page: search.offset / search.limit + 1, limit: search.limit,
            requests: found.map { CitizenRequestView($0, catalogue: desk.settings.catalogue) }))
    }

    struct UpdateFields: Decodable {
        let status: String?
        let note: String?
        let body: String?
        let expected: String?
    }

    static let updateExample = #"{"status": "in-progress", "note": "Équipe prévue jeudi", "body": "metropolis", "expected": "2026-12-03"}"#

    /// Records a step of handling: a status, optionally a note the reporter reads, another body, a date.
    func updateCitizenRequest(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(Int64.init) else {
            throw APIError(.badRequest, "bad-parameter", "id: a citizen request is named by its number")
        }
        let fields = try await Self.decode(UpdateFields.self, request, Self.updateExample)
        guard let statusText = fields.status, let status = CitizenRequestStatus(rawValue: statusText) else {
            throw APIError(.badRequest, "bad-parameter", "status: give one of \(CitizenRequestStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let body = try fields.body.map { text -> ResponsibleBody in
            guard let body = ResponsibleBody(rawValue: text) else {
                throw APIError(.badRequest, "bad-parameter", "body: '\(text)' is not one of city, metropolis, police")
            }
            return body
        }
        let timeZone = try Open311Routes.timeZone(store)
        let expected = try fields.expected.map { text -> Date in
            let strict = text.utf8.count == 10 && text.enumerated().allSatisfy { index, character in
                index == 4 || index == 7 ? character == "-" : character.isASCII && character.isNumber
            }
            guard strict, let day = CivilDate(iso: text) else {
                throw APIError(.badRequest, "bad-parameter", "expected: '\(text)' is not a date YYYY-MM-DD")
            }
            return day.start(in: timeZone)
        }
        let updated = try desk.update(id: id, status: status, body: body, note: fields.note, expectedAt: expected, actor: account.name).request
        return try Self.created(CitizenRequestView(updated, catalogue: desk.settings.catalogue), request, context)
    }
}
