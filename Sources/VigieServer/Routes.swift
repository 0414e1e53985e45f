import Foundation
import Hummingbird
import HummingbirdBcrypt
import NIOPosix
import VigieAnalytics
import VigieIngest
import VigieCore
import VigieVideo

/// The routes of the API, each checked against the permission table and audited.
struct APIRoutes: Sendable {
    let store: any ServedStore
    let sessions: SessionStore
    let limiter: LoginLimiter
    /// Whether the session cookie carries `Secure` (off only for tests and plain loopback development).
    let secureCookies: Bool
    let snapshots: SnapshotCache
    /// The audit log, written in batches of the requests that arrive together.
    let audit: AuditTrail
    /// Aggregation answers, while the snapshot has not moved.
    let aggregates = AggregateCache()
    /// Forecast methods' measured accuracy, kept for the day they were measured on.
    let accuracies = ForecastAccuracies()
    /// The key personal fields are pseudonymised with, for ingestion; sources with personal fields are
    /// refused without it.
    let pseudonymiser: Pseudonymiser?
    /// Citizen requests: taken in, checked, handled.
    let desk: CitizenDesk
    /// Thumbnails and clips cut from cameras' footage.
    let media: VideoMedia

    func add(to router: Router<VigieRequestContext>) {
        let api = router.group("api/v1")
        api.post("session", use: login)
        api.delete("session", use: logout)
        api.get("me", use: authorized(.readOwnAccount, me))
        api.get("sources", use: authorized(.readSources, sources))
        api.get("agenda", use: authorized(.readAgenda, agenda))
        api.get("stats", use: authorized(.readStatistics, stats))
        api.get("density", use: authorized(.readStatistics, density))
        api.get("districts", use: authorized(.readDistricts, districts))
        api.get("alerts", use: authorized(.readAlerts, alerts))
        api.post("alerts/:id/acknowledge", use: authorized(.acknowledgeAlerts, acknowledgeAlert))
        api.post("alerts/scan", use: authorized(.scanAlerts, scanAlerts))
        api.get("hotspots", use: authorized(.readStatistics, hotspots))
        api.get("trends", use: authorized(.readStatistics, trends))
        api.get("forecast", use: authorized(.readForecasts, forecast))
        api.get("patrol", use: authorized(.readForecasts, patrol))
        api.get("live", use: authorized(.readIncidents, live))
        api.get("points", use: authorized(.readIncidents, points))
        api.get("incidents", use: authorized(.readIncidents, incidents))
        api.get("quarantine", use: authorized(.readQuarantine, quarantine))
        api.get("users", use: authorized(.readAccounts, users))
        api.post("users", use: authorized(.manageAccounts, addUser))
        api.patch("users/:name", use: authorized(.manageAccounts, editUser))
        api.post("sources", use: authorized(.manageSources, addSource))
        api.patch("sources/:name", use: authorized(.manageSources, editSource))
        api.post("sources/:name/records", use: authorized(.ingest, ingestRecords))
        api.get("audit", use: authorized(.readAudit, auditEntries))
        api.get("audit/verify", use: authorized(.readAudit, verify))
        api.get("citizen-requests", use: authorized(.readCitizenRequests, citizenRequests))
        api.post("citizen-requests/:id/updates", use: authorized(.triageCitizenRequests, updateCitizenRequest))
        addVideoRoutes(to: api)
    }

    /// A route that needs `permission`: 401 without a session, 403 for a role without it; every request let
    /// through is written to the audit log with its query.
    func authorized<Output: ResponseGenerator>(
        _ permission: Permission,
        _ handler: @escaping @Sendable (Request, VigieRequestContext, Account) async throws -> Output
    ) -> @Sendable (Request, VigieRequestContext) async throws -> Output {
        let audit = self.audit
        return { request, context in
            guard let account = context.account else { throw APIError.unauthenticated }
            guard permission.roles.contains(account.role) else {
                try await audit.record(
                    actor: account.name, action: "refused", target: "\(request.method) \(request.uri.path)",
                    detail: request.uri.query ?? "")
                throw APIError.forbidden(permission, account.role)
            }
            if request.method == .get {
                try await audit.read(actor: account.name, target: "GET \(request.uri.path)", detail: request.uri.query ?? "")
            } else {
                try await audit.record(
                    actor: account.name, action: "write", target: "\(request.method) \(request.uri.path)",
                    detail: request.uri.query ?? "")
            }
            return try await handler(request, context, account)
        }
    }

    struct Credentials: Decodable {
        let name: String
        let password: String
    }

    struct Me: ResponseEncodable {
        let name: String
        let role: String
        let permissions: [String]
        let csrfToken: String?
    }

    /// Refuses a login posted from another site's page: a forged login would put the victim in the
    /// attacker's account.
    func prepareLogin(_ request: Request) async throws {
        if let origin = request.headers[.origin], let host = request.head.authority,
            origin != "http://\(host)" && origin != "https://\(host)"
        {
            throw APIError(.forbidden, "cross-origin", "a login must come from this server's own page")
        }
    }

    /// Once a login succeeded, closes the session the browser had before it, if any.
    func replaceSession(of request: Request) async {
        if let previous = request.cookies[SessionMiddleware.cookie]?.value { await sessions.close(token: previous) }
    }

    @Sendable func login(_ request: Request, context: VigieRequestContext) async throws -> Response {
        try await prepareLogin(request)
        let credentials: Credentials
        do {
            credentials = try await request.decode(as: Credentials.self, context: context)
        } catch {
            throw APIError(.badRequest, "bad-request", "send {\"name\": …, \"password\": …} as JSON")
        }
        let (token, session) = try await authenticate(
            name: credentials.name, password: credentials.password, address: context.remoteAddress,
            target: "POST /api/v1/session")
        await replaceSession(of: request)
        let account = session.account
        var response = try Me(
            name: account.name, role: account.role.rawValue, permissions: Self.permissions(account.role),
            csrfToken: session.csrfToken
        ).response(from: request, context: context)
        response.setCookie(sessionCookie(token))
        return response
    }

    /// Checks a name and password against the limiter and the bcrypt hash, audits the attempt, and opens
    /// a session: the cookie's token and the session.
    func authenticate(name: String, password: String, address: String?, target: String) async throws -> (String, Session) {
        guard Account.isValidName(name), password.utf8.count <= 1_024 else {
            throw APIError(.unauthorized, "bad-credentials", "the name or the password is wrong, or the account is disabled")
        }
        let keys = ["name:" + name, "address:" + (address ?? "unknown")]
        if let wait = await limiter.admit(keys) {
            throw APIError(.tooManyRequests, "too-many-attempts", "too many failed logins: try again in \(Int(wait / 60) + 1) min")
        }
        // The hash is always checked, against a stand-in when there is no such account, so that the time an
        // answer takes does not tell which names exist.
        let account = try store.account(named: name)
        // bcrypt takes a quarter of a second on purpose: it runs on NIO's blocking pool, not on the threads
        // every other request shares.
        let hash = account?.passwordHash ?? Self.standInHash
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        guard matches, let account, account.disabledAt == nil else {
            try await audit.record(actor: name, action: "login-failed", target: target, detail: address ?? "")
            throw APIError(.unauthorized, "bad-credentials", "the name or the password is wrong, or the account is disabled")
        }
        await limiter.succeeded(keys)
        let opened = await sessions.open(for: account)
        try await audit.record(actor: account.name, action: "login", target: target, detail: address ?? "")
        return opened
    }

    /// A bcrypt hash of no one's password, at the cost accounts use, checked when a name has no account.
    static let standInHash = Bcrypt.hash(SessionStore.randomToken(), cost: 12)

    /// The session cookie for `token` (an empty token and no age clear it).
    func sessionCookie(_ token: String) -> Cookie {
        token.isEmpty
            ? Cookie(name: SessionMiddleware.cookie, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict)
            : Cookie(name: SessionMiddleware.cookie, value: token, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict)
    }

    @Sendable func logout(_ request: Request, context: VigieRequestContext) async throws -> Response {
        guard let account = context.account, let token = request.cookies[SessionMiddleware.cookie]?.value else {
            throw APIError.unauthenticated
        }
        await sessions.close(token: token)
        try await audit.record(actor: account.name, action: "logout", target: "DELETE /api/v1/session", detail: "")
        var response = Response(status: .noContent)
        response.setCookie(sessionCookie(""))
        return response
    }

    static func permissions(_ role: Role) -> [String] {
        Permission.allCases.filter { $0.roles.contains(role) }.map(\.rawValue)
    }

    func me(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> Me {
        Me(name: account.name, role: account.role.rawValue, permissions: Self.permissions(account.role),
            csrfToken: context.session?.csrfToken)
    }

    func sources(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> JSONBody<[Source]> {
        JSONBody(try store.sources())
    }

    /// The next days' agenda assessed: each item's and each district day's risk with its reasons, the
    /// clashes, the means; `from` (YYYY-MM-DD, default today), `days` (1–366, default 30), `level`.
    func agenda(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> JSONBody<AgendaDocument.Document> {
        let query = request.uri.queryParameters
        let snapshot = try await snapshots.current()
        let firstDay = try query["from"].map { text -> CivilDate in
            guard let day = CivilDate(iso: String(text)) else {
                throw APIError(.badRequest, "bad-parameter", "from: '\(text)' is not a date YYYY-MM-DD")
            }
            return day
        } ?? CivilDate(Date(), in: snapshot.timeZone)
        let days = try Self.integer(query, "days", 1...366, default: 30)
        do {
            let loaded = try AgendaAssessment.load(
                from: store, snapshot: snapshot, firstDay: firstDay, days: days, level: query["level"].map(String.init),
                rules: AgendaRules())
            return JSONBody(AgendaDocument(loaded).document)
        } catch let error as AnalyticsError {
            throw Self.apiError(error)
        }
    }

    /// Incident counts grouped `by` one or two of district, category, source, hour-of-week, day, week,
    /// month, filtered by `from`, `to` (YYYY-MM-DD, `to` exclusive), `category`, `district` with `level`.
    func stats(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> EncodedJSON {
        let query = request.uri.queryParameters
        return try await aggregate(request) { snapshot in
            let level = query["level"].map(String.init) ?? snapshot.districtLevels.first ?? "arrondissement"
            let groupings = try query.getAll("by").map { name -> Grouping in
                switch name {
                case "district": .district(level: level)
                case "category": .category
                case "source": .source
                case "hour-of-week": .hourOfWeek
                case "day": .day
                case "week": .week
                case "month": .month
                default:
                    throw APIError(.badRequest, "bad-parameter", "by: '\(name)' is not a grouping; use district, category, source, hour-of-week, day, week or month")
                }
            }
            guard groupings.count <= 2 else {
                throw APIError(.badRequest, "bad-parameter", "by: give at most two groupings")
            }
            var filter = try self.filter(query, snapshot: snapshot)
            let districts = query.getAll("district").map { String($0) }
            if !districts.isEmpty { filter.districts = (level, Set(districts)) }
            let table = try snapshot.count(by: groupings, filter: filter)
            return try JSONBody(StatisticsTable(table, groupings: query.getAll("by").map { String($0) })).encoded()
        }
    }

    /// An aggregation route's answer on the current snapshot: the one kept while the snapshot has not
    /// moved, or `compute`'s, then kept. Analytics refusals become API errors.
    func aggregate(_ request: Request, _ compute: (IncidentSnapshot) throws -> ByteBuffer) async throws -> EncodedJSON {
        let snapshot = try await snapshots.current()
        let key = request.uri.path + "?" + (request.uri.query ?? "")
        if let kept = await aggregates.answer(key, cursor: snapshot.cursor) { return EncodedJSON(body: kept) }
        let body: ByteBuffer
        do {
            body = try compute(snapshot)
        } catch let error as AnalyticsError {
            throw Self.apiError(error)
        }
        await aggregates.keep(body, for: key, cursor: snapshot.cursor)
        return EncodedJSON(body: body)
    }

    /// An analytics refusal as the API answers it: what does not exist is not found, the rest a bad parameter.
    static func apiError(_ error: AnalyticsError) -> APIError {
        switch error {
        case .unknownDistrictLevel, .unknownDistrict: APIError(.notFound, "not-found", "\(error)")
        default: APIError(.badRequest, "bad-parameter", "\(error)")
        }
    }

    struct AccountView: Encodable, Sendable {
        let name: String
        let role: String
        let createdAt: Date
        let disabledAt: Date?

        init(_ account: Account) {
            name = account.name
            role = account.role.rawValue
            createdAt = account.createdAt
            disabledAt = account.disabledAt
        }
    }

    func users(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> JSONBody<[AccountView]> {
        JSONBody(try store.accounts().map(AccountView.init))
    }

    func auditEntries(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> JSONBody<[AuditEntry]> {
        let limit = try Self.integer(request.uri.queryParameters, "limit", 1...10_000, default: 100)
        return JSONBody(try store.auditEntries(limit: limit))
    }

    struct Verification: ResponseEncodable {
        let intact: Bool
        let entries: Int64?
        let brokenAt: Int64?
        let reason: String?
    }

    func verify(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> Verification {
        switch try store.verifyAudit() {
        case .intact(let entries): Verification(intact: true, entries: entries, brokenAt: nil, reason: nil)
        case .broken(let sequence, let reason): Verification(intact: false, entries: nil, brokenAt: sequence, reason: reason)
        }
    }
}

/// A count table as JSON: the groupings asked, then one row per group that holds incidents.
struct StatisticsTable: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let keys: [String]
        let count: Int
    }
    let by: [String]
    let total: Int
    let rows: [Row]

    init(_ table: CountTable, groupings: [String]) {
        by = groupings
        total = table.matched
        rows = table.rows(nonZeroOnly: true).map { row in Row(keys: row.keys.map(\.text), count: row.count) }
    }
}

/// Any encodable value as a JSON response, dates in ISO 8601.
struct JSONBody<Value: Encodable & Sendable>: ResponseGenerator {
    let value: Value
    init(_ value: Value) { self.value = value }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try EncodedJSON(body: encoded()).response(from: request, context: context)
    }
}
