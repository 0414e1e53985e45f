import Foundation
import Hummingbird
import VigieCore

/// Open311 GeoReport v2 at `/open311/v2`, with the FixMyStreet updates extension: what city apps and
/// integrators speak. Every answer is JSON or XML as the suffix asks, errors included.
struct Open311Routes: Sendable {
    let desk: CitizenDesk
    var store: any ServedStore { desk.store }
    var settings: CitizenSettings { desk.settings }
    /// Changes to this implementation are dated here, for discovery.
    static let changeset = "2026-11-27T00:00:00Z"
    /// The most a list answer holds, and the longest span a search covers.
    static let maximumPageSize = 1_000
    static let maximumSpan: TimeInterval = 90 * 86_400

    func add(to router: Router<VigieRequestContext>) {
        let group = router.group("open311/v2")
        group.get(":file", use: answering { request, file, format in
            switch file {
            case "discovery": try discovery(request)
            case "services": try services()
            case "requests": try await requests(request)
            case "servicerequestupdates": try updates(request)
            default: throw Open311Error(.notFound, "\(file).\(format.rawValue): no such resource; see discovery.json")
            }
        })
        group.post(":file", use: answering { request, file, format in
            switch file {
            case "requests": return try await post(request, format: format)
            case "servicerequestupdates": return try await postUpdate(request)
            default:
                throw Open311Error(.notFound, "POST \(file).\(format.rawValue): no such resource; requests are posted to requests.\(format.rawValue)")
            }
        })
        group.get("services/:file", use: answering { _, code, _ in try definition(code) })
        group.get("requests/:file", use: answering { request, id, _ in try await requestByID(id) })
        group.get("tokens/:file", use: answering { _, token, _ in try byToken(token) })
    }

    /// A route whose last segment is `name.fmt`: checks the format and the jurisdiction, and answers errors
    /// as the spec lists them, in the format asked for (JSON when the suffix itself is wrong).
    private func answering(
        _ handler: @escaping @Sendable (Request, String, Open311Format) async throws -> Open311Answer
    ) -> @Sendable (Request, VigieRequestContext) async throws -> Response {
        { request, context in
            let file = context.parameters.get("file") ?? ""
            guard let (name, format) = Open311Format.split(file) else {
                return Open311Error(.notFound, "\(file): give the format as a suffix, .json or .xml").response(.json)
            }
            do {
                if let asked = request.uri.queryParameters["jurisdiction_id"].map(String.init), !asked.isEmpty,
                    let served = settings.jurisdiction, asked != served
                {
                    throw Open311Error(.notFound, "jurisdiction_id: '\(asked.prefix(60))' is not served here; this endpoint serves \(served)")
                }
                let answer = try await handler(request, name, format)
                return answer.document.response(format, status: answer.status)
            } catch let error as Open311Error {
                return error.response(format)
            } catch let error as APIError {
                return Open311Error(error.status, descriptions: [error.message]).response(format)
            } catch let error as FormProblem {
                return Open311Error(.badRequest, "\(error)").response(format)
            } catch {
                context.logger.error("\(request.method) \(request.uri.path): \(error)")
                return Open311Error(.internalServerError, "the server could not answer; the incident is logged").response(format)
            }
        }
    }

    // MARK: Discovery and services

    private func discovery(_ request: Request) throws -> Open311Answer {
        let base = settings.publicURL ?? "http://\(request.head.authority ?? "localhost")"
        let deployment = try store.deployment()
        let endpoint = Open311Value.object([
            ("specification", .string("http://wiki.open311.org/GeoReport_v2")),
            ("url", .string("\(base)/open311/v2")),
            ("changeset", .string(Self.changeset)),
            ("type", .string("production")),
            ("formats", .list(item: "format", [.string("application/json"), .string("text/xml")])),
        ])
        return Open311Answer(Open311Document(root: "discovery", value: .object([
            ("changeset", .string(Self.changeset)),
            ("contact", .string("\(deployment.name) — signalements : \(base)/signaler")),
            ("key_service", .string("Les clés d'API sont délivrées par l'administrateur de \(deployment.name) (vigie open311 keys add)")),
            ("endpoints", .list(item: "endpoint", [endpoint])),
        ])))
    }

    private func services() throws -> Open311Answer {
        Open311Answer(Open311Document(root: "services", value: .list(item: "service", settings.catalogue.services.map { service in
            .object([
                ("service_code", .string(service.code)),
                ("service_name", .string(service.nameFR)),
                ("description", .string(service.descriptionFR)),
                ("metadata", .bool(!service.attributes.isEmpty)),
                ("type", .string(service.kind.rawValue)),
                ("keywords", .string(service.keywords)),
                ("group", .string(service.groupFR)),
            ])
        })))
    }

    private func definition(_ code: String) throws -> Open311Answer {
        guard let service = settings.catalogue.service(code) else {
            throw Open311Error(.notFound, "service_code: '\(code.prefix(40))' is not a service here; GET services.json lists them")
        }
        let attributes = service.attributes.enumerated().map { order, attribute in
            Open311Value.object([
                ("variable", .bool(attribute.variable)),
                ("code", .string(attribute.code)),
                ("datatype", .string(attribute.datatype.rawValue)),
                ("required", .bool(attribute.required)),
                ("datatype_description", .string(Self.datatypeDescription(attribute.datatype))),
                ("order", .number(Double(order + 1))),
                ("description", .string(attribute.descriptionFR)),
                ("values", .list(item: "value", attribute.values.map { value in
                    .object([("key", .string(value.key)), ("name", .string(value.nameFR))])
                })),
            ])
        }
        return Open311Answer(Open311Document(root: "service_definition", value: .object([
            ("service_code", .string(service.code)), ("attributes", .list(item: "attribute", attributes)),
        ])))
    }

    static func datatypeDescription(_ datatype: ServiceAttributeDatatype) -> String {
        switch datatype {
        case .string: "Une ligne, 255 caractères au plus"
        case .number: "Un nombre, avec un point décimal"
        case .datetime: "Une date et une heure avec leur décalage, par exemple 2026-11-27T18:30:00+01:00"
        case .text: "Un texte libre, 4000 caractères au plus"
        case .singlevaluelist: "Une des clés de values"
        case .multivaluelist: "Une ou plusieurs des clés de values (attribute[code][]=…)"
        }
    }

    // MARK: Posting

    /// The fields of a form-encoded POST made with a valid `api_key`, within the key's rate, and the key.
    private func authorizedPost(_ request: Request) async throws -> (FormFields, Open311Key) {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 64 * 1024)
        } catch {
            throw Open311Error(.badRequest, "body: at most 64 KB are accepted; photos go by media_url")
        }
        let fields = try FormFields(parsing: String(decoding: buffer.readableBytesView, as: UTF8.self))
        guard let key = fields.first("api_key") else {
            throw Open311Error(.forbidden, "api_key: is required to post; the city's administrator issues keys")
        }
        let hash = SessionStore.key(key)
        guard let client = try store.open311Key(hash: hash), client.revokedAt == nil else {
            throw Open311Error(.forbidden, "api_key: is not valid, or was revoked")
        }
        if let jurisdiction = fields.first("jurisdiction_id"), let served = settings.jurisdiction, jurisdiction != served {
            throw Open311Error(.notFound, "jurisdiction_id: '\(jurisdiction.prefix(60))' is not served here; this endpoint serves \(served)")
        }
        if let wait = await desk.limiter.admit("key:\(client.id ?? 0)", settings.keyRule) {
            var error = Open311Error(.tooManyRequests, "too many requests from this key: try again in \(wait) s")
            error.retryAfter = wait
            throw error
        }
        return (fields, client)
    }

    /// An update posted by a client (FixMyStreet's extension): a citizen's comment through an app, a reopening
    /// (`OPEN` on a closed request), a closing, or a partner body's own step (`IN_PROGRESS`, `FIXED`…).
    /// The description becomes the note the reporter reads; who posted is the key's label.
    func postUpdate(_ request: Request) async throws -> Open311Answer {
        let (fields, client) = try await authorizedPost(request)
        try requirePublic()
        guard let idText = fields.first("service_request_id") else {
            throw Open311Error(.badRequest, "service_request_id: is required")
        }
        guard let id = Int64(idText), let found = try store.citizenRequest(id: id) else {
            throw Open311Error(.notFound, "service_request_id: there is no request '\(idText.prefix(40))'")
        }
        guard let statusText = fields.first("status") else { throw Open311Error(.badRequest, "status: is required") }
        let status: CitizenRequestStatus
        switch statusText.uppercased() {
        // OPEN on an open request keeps its step; on a closed one it reopens it. CLOSED closes it.
        case "OPEN", "REOPEN": status = found.status.isOpen ? found.status : .open
        case "CLOSED": status = found.status.isOpen ? .closed : found.status
        default:
            guard let named = CitizenRequestStatus.allCases.first(where: { $0.fixMyStreet == statusText.uppercased() }) else {
                throw Open311Error(.badRequest, "status: '\(statusText.prefix(40))' is not one of OPEN, CLOSED, \(CitizenRequestStatus.allCases.map(\.fixMyStreet).joined(separator: ", "))")
            }
            status = named
        }
        var at = Date()
        if let text = fields.first("updated_datetime") {
            guard let date = W3CDateTime.parse(text) else {
                throw Open311Error(.badRequest, "updated_datetime: '\(text.prefix(40))' is not a date and time with its offset")
            }
            guard date <= at.addingTimeInterval(300), date >= found.requestedAt else {
                throw Open311Error(.badRequest, "updated_datetime: must lie between the request's time and now")
            }
            at = date
        }
        if let note = fields.first("description"), note.unicodeScalars.count > CitizenService.maximumTextLength {
            throw Open311Error(.badRequest, "description: at most \(CitizenService.maximumTextLength) characters")
        }
        let (update, _) = try desk.update(
            id: id, status: status, body: nil, note: fields.first("description"), actor: "open311:" + client.label, now: at)
        return Open311Answer(Open311Document(root: "service_request_updates", value: .list(item: "request_update", [
            .object([("update_id", .string(String(update.id ?? 0)))]),
        ])), status: .created)
    }

    /// Creates a request from a form-encoded POST with a valid `api_key`.
    func post(_ request: Request, format: Open311Format) async throws -> Open311Answer {
        let (fields, client) = try await authorizedPost(request)
        let submission = CitizenSubmission(
            serviceCode: fields.first("service_code"), latitude: fields.first("lat"), longitude: fields.first("long"),
            address: fields.first("address_string"), addressID: fields.first("address_id"),
            description: fields.first("description"), attributes: fields.attributes, mediaURL: fields.first("media_url"),
            email: fields.first("email"), phone: fields.first("phone"), firstName: fields.first("first_name"),
            lastName: fields.first("last_name"), deviceID: fields.first("device_id"), accountID: fields.first("account_id"),
            photo: nil, channel: "open311:" + client.label)
        let stored = try await desk.submit(submission)
        let service = settings.catalogue.service(stored.serviceCode)
        let notice = Open311Value.string("Transmis à : \(stored.body.labels.fr)")
        let item: Open311Value = service?.kind == .batch
            ? .object([("token", .string(stored.token)), ("service_notice", notice), ("account_id", .string(nil))])
            : .object([("service_request_id", .string(String(stored.id ?? 0))), ("service_notice", notice),
                ("account_id", .string(nil))])
        return Open311Answer(Open311Document(root: "service_requests", value: .list(item: "request", [item])), status: .created)
    }

    // MARK: Reading requests

    /// Citizen requests are listed only while the register marks their source public.
    private func requirePublic() throws {
        guard try store.source(named: settings.sourceName)?.isPublic == true else {
            throw Open311Error(.forbidden, "the register does not mark citizen reports as public: requests are not listed here")
        }
    }

    /// A comma-separated list of ids, at most a page's worth.
    static func ids(_ text: String) throws -> [Int64] {
        let parts = text.split(separator: ",")
        guard parts.count <= maximumPageSize else {
            throw Open311Error(.badRequest, "service_request_id: at most \(maximumPageSize) ids at once")
        }
        return try parts.map { part in
            guard let id = Int64(part.trimmingCharacters(in: .whitespaces)) else {
                throw Open311Error(.badRequest, "service_request_id: '\(part.prefix(40))' is not a request id")
            }
            return id
        }
    }

    private func requests(_ request: Request) async throws -> Open311Answer {
        try requirePublic()
        let query = request.uri.queryParameters
        func value(_ name: String) -> String? {
            query[name[...]].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        }
        var search = CitizenRequestQuery()
        let (page, pageSize) = try Self.paging(value("page"), value("page_size"), default: Self.maximumPageSize)
        search.limit = pageSize
        search.offset = (page - 1) * pageSize
        if let ids = value("service_request_id") {
            search.ids = try Self.ids(ids)
        } else {
            if let codes = value("service_code") {
                let list = codes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                if let unknown = list.first(where: { settings.catalogue.service($0) == nil }) {
                    throw Open311Error(.notFound, "service_code: '\(unknown.prefix(40))' is not a service here; GET services.json lists them")
                }
                search.serviceCodes = list
            }
            (search.from, search.to) = try Self.period(value("start_date"), value("end_date"))
            if let status = value("status") {
                var statuses = Set<CitizenRequestStatus>()
                for word in status.split(separator: ",") {
                    switch word.trimmingCharacters(in: .whitespaces) {
                    case "open": statuses.formUnion(CitizenRequestStatus.allCases.filter(\.isOpen))
                    case "closed": statuses.formUnion(CitizenRequestStatus.allCases.filter { !$0.isOpen })
                    default: throw Open311Error(.badRequest, "status: '\(word.prefix(40))' is neither open nor closed")
                    }
                }
                search.statuses = statuses
            }
            if value("lat") != nil || value("long") != nil {
                guard let latitude = value("lat").flatMap(Double.init), (-90...90).contains(latitude),
                    let longitude = value("long").flatMap(Double.init), (-180...180).contains(longitude)
                else { throw Open311Error(.badRequest, "lat, long: give both, in degrees, to search near a place") }
                let radius = try value("radius").map { text -> Double in
                    guard let radius = Double(text), radius > 0, radius <= 5_000 else {
                        throw Open311Error(.badRequest, "radius: '\(text.prefix(40))' is not a distance of 1 to 5000 metres")
                    }
                    return radius
                } ?? 300
                search.near = GeoPoint(latitude: latitude, longitude: longitude)
                search.radius = radius
                // Requests whose place is not published are not found by their place either.
                let placed = settings.catalogue.services.filter(\.publishesDetails).map(\.code)
                search.serviceCodes = (search.serviceCodes ?? placed).filter(placed.contains)
            }
        }
        let found = try store.citizenRequests(search)
        let timeZone = try Self.timeZone(store)
        return Open311Answer(Open311Document(
            root: "service_requests", value: .list(item: "request", found.map { render($0, timeZone: timeZone) })))
    }

    private func requestByID(_ text: String) async throws -> Open311Answer {
        try requirePublic()
        guard let id = Int64(text), let found = try store.citizenRequest(id: id) else {
            throw Open311Error(.notFound, "service_request_id: there is no request '\(text.prefix(40))'")
        }
        return Open311Answer(Open311Document(
            root: "service_requests", value: .list(item: "request", [render(found, timeZone: try Self.timeZone(store))])))
    }

    private func byToken(_ token: String) throws -> Open311Answer {
        try requirePublic()
        guard token.count <= 128, let found = try store.citizenRequest(token: token), let id = found.id else {
            throw Open311Error(.notFound, "token: there is no request with this token")
        }
        return Open311Answer(Open311Document(root: "service_requests", value: .list(item: "request", [
            .object([("service_request_id", .string(String(id))), ("token", .string(token))]),
        ])))
    }

    /// A request as the public sees it: what it is, where, and where it stands; never who sent it. The place
    /// and the words of a service that does not publish them (a problem reported at home) are left out.
    func render(_ request: CitizenRequest, timeZone: TimeZone) -> Open311Value {
        let service = settings.catalogue.service(request.serviceCode)
        let details = service?.publishesDetails ?? false
        return .object([
            ("service_request_id", .string(String(request.id ?? 0))),
            ("status", .string(request.status.isOpen ? "open" : "closed")),
            ("status_notes", .string(request.statusNote)),
            ("service_name", .string(service?.nameFR ?? request.serviceCode)),
            ("service_code", .string(request.serviceCode)),
            ("description", .string(details ? request.description.nilIfEmpty : nil)),
            ("agency_responsible", .string(request.body.labels.fr)),
            ("service_notice", .string(nil)),
            ("requested_datetime", .string(W3CDateTime.format(request.requestedAt, timeZone: timeZone))),
            ("updated_datetime", .string(W3CDateTime.format(request.updatedAt, timeZone: timeZone))),
            ("expected_datetime", .string(request.expectedAt.map { W3CDateTime.format($0, timeZone: timeZone) })),
            ("address", .string(details ? request.address : nil)),
            ("address_id", .string(nil)),
            ("zipcode", .string(nil)),
            ("lat", .number(details ? request.location?.latitude : nil)),
            ("long", .number(details ? request.location?.longitude : nil)),
            ("media_url", .string(details ? request.mediaURL : nil)),
        ])
    }

    // MARK: Updates (FixMyStreet)

    private func updates(_ request: Request) throws -> Open311Answer {
        try requirePublic()
        let query = request.uri.queryParameters
        func value(_ name: String) -> String? {
            query[name[...]].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        }
        let (page, pageSize) = try Self.paging(value("page"), value("page_size"), default: Self.maximumPageSize)
        let ids = try value("service_request_id").map(Self.ids)
        let (from, to) = ids == nil ? try Self.period(value("start_date"), value("end_date")) : (nil, nil)
        let found = try store.citizenRequestUpdates(
            requestIDs: ids, from: from, to: to, limit: pageSize, offset: (page - 1) * pageSize)
        let timeZone = try Self.timeZone(store)
        return Open311Answer(Open311Document(root: "service_request_updates", value: .list(item: "request_update", found.map { update in
            .object([
                ("update_id", .string(String(update.id ?? 0))),
                ("service_request_id", .string(String(update.requestID))),
                ("status", .string(update.status.fixMyStreet)),
                ("updated_datetime", .string(W3CDateTime.format(update.at, timeZone: timeZone))),
                ("description", .string(update.note ?? "")),
                ("media_url", .string(nil)),
            ])
        })))
    }

    // MARK: Parameters

    static func paging(_ pageText: String?, _ sizeText: String?, default size: Int) throws -> (Int, Int) {
        let page = try pageText.map { text -> Int in
            guard let page = Int(text), page >= 1, page <= 1_000_000 else {
                throw Open311Error(.badRequest, "page: '\(text.prefix(40))' is not a page number from 1")
            }
            return page
        } ?? 1
        let pageSize = try sizeText.map { text -> Int in
            guard let size = Int(text), (1...maximumPageSize).contains(size) else {
                throw Open311Error(.badRequest, "page_size: '\(text.prefix(40))' is not a size from 1 to \(maximumPageSize)")
            }
            return size
        } ?? size
        return (page, pageSize)
    }

    /// A search period: the dates given, at most 90 days apart; by default the 90 days up to now.
    static func period(_ startText: String?, _ endText: String?, now: Date = Date()) throws -> (Date, Date) {
        func parse(_ name: String, _ text: String?) throws -> Date? {
            try text.map { text in
                guard let date = W3CDateTime.parse(text) else {
                    throw Open311Error(.badRequest, "\(name): '\(text.prefix(40))' is not a date and time with its offset (2026-11-27T00:00:00+01:00)")
                }
                return date
            }
        }
        let start = try parse("start_date", startText)
        let end = try parse("end_date", endText)
        switch (start, end) {
        case (let start?, let end?):
            guard start <= end else { throw Open311Error(.badRequest, "start_date: comes after end_date") }
            // An hour more, for a span of 90 calendar days across a change of the clocks.
            guard end.timeIntervalSince(start) <= maximumSpan + 3_600 else {
                throw Open311Error(.badRequest, "start_date, end_date: a search spans at most 90 days")
            }
            return (start, inclusive(end))
        case (let start?, nil): return (start, min(now, start.addingTimeInterval(maximumSpan)).addingTimeInterval(1))
        case (nil, let end?): return (end.addingTimeInterval(-maximumSpan), inclusive(end))
        case (nil, nil): return (now.addingTimeInterval(-maximumSpan), now.addingTimeInterval(1))
        }
    }

    /// The first instant after `date`: the store's upper bound is exclusive, Open311's `end_date` is not.
    static func inclusive(_ date: Date) -> Date { Date(timeIntervalSince1970: date.timeIntervalSince1970.nextUp) }

    static func timeZone(_ store: any ServedStore) throws -> TimeZone {
        TimeZone(identifier: try store.deployment().timeZoneIdentifier) ?? TimeZone(identifier: "Europe/Paris")!
    }
}

/// What an Open311 route answers, before it is written in the format asked.
struct Open311Answer: Sendable {
    let document: Open311Document
    var status: HTTPResponse.Status = .ok

    init(_ document: Open311Document, status: HTTPResponse.Status = .ok) {
        self.document = document
        self.status = status
    }
}
