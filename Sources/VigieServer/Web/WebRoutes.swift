import Foundation
import Hummingbird
import VigieAnalytics
import VigieCore

/// The pages: server-rendered, French first, working without JavaScript except the map, which needs it.
struct WebRoutes: Sendable {
    let api: APIRoutes
    /// The URL template of map tiles (`https://tile.example.org/{z}/{x}/{y}.png`), if any.
    let tiles: String?

    func add(to router: Router<VigieRequestContext>) {
        router.get("login", use: loginPage)
        router.post("login", use: loginForm)
        router.post("logout", use: logoutForm)
        router.get("/", use: overview)
        router.get("map", use: map)
        router.get("agenda", use: agenda)
        router.get("trends", use: trends)
        router.post("alerts/:id/acknowledge", use: acknowledgeForm)
        router.post("users", use: accountForm)
        router.get("patrol", use: patrol)
        router.get("patrol/briefing", use: patrolBriefing)
        router.get("quarantine", use: quarantine)
        router.get("sources", use: sources)
        router.get("users", use: users)
        router.get("audit", use: audit)
        router.get("report", use: report)
        addCitizenPages(to: router)
        addPublicPages(to: router)
        addVideoPages(to: router)
        router.get("assets/briefing.css") { _, _ in Self.asset(PatrolBriefing.stylesheet, type: "text/css; charset=utf-8") }
        router.get("assets/vigie.css") { _, _ in Self.asset(WebAssets.css, type: "text/css; charset=utf-8") }
        router.get("assets/vigie.js") { _, _ in Self.asset(WebAssets.javascript, type: "application/javascript; charset=utf-8") }
        router.get("vendor/**", use: VendorFiles().serve)
        router.get("favicon.ico") { _, _ in Self.asset(WebAssets.icon, type: "image/svg+xml") }
        router.get("assets/icon.svg") { _, _ in Self.asset(WebAssets.icon, type: "image/svg+xml") }
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    // MARK: Login and logout

    func loginPage(_ request: Request, context: VigieRequestContext) async throws -> Response {
        if let session = context.session { return HTML.redirect(HTML.home(for: session.account.role)) }
        return Self.loginHTML(Language.of(request), error: nil)
    }

    static func loginHTML(_ words: Language, error: String?) -> Response {
        var response = HTML.page(words["login"], language: words, session: nil, current: "/login", body: """
            <section class="login"><h1>\(HTML.escape(words["title"]))</h1>\
            \(error.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? "")\
            <form method="post" action="/login">\
            <label>\(HTML.escape(words["name"])) <input name="name" autocomplete="username" required></label>\
            <label>\(HTML.escape(words["password"])) <input name="password" type="password" autocomplete="current-password" required></label>\
            <button type="submit">\(HTML.escape(words["sign-in"]))</button></form>\
            <p><a href="/login?lang=\(words == .fr ? "en" : "fr")">\(HTML.escape(words["other-language"]))</a></p></section>
            """)
        if error != nil { response.status = .unauthorized }
        return response
    }

    struct LoginForm: Decodable {
        let name: String
        let password: String
    }

    func loginForm(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let words = Language.of(request)
        try await api.prepareLogin(request)
        let body = try await APIRoutes.body(of: request, limit: 16 * 1024)
        guard let form = try? URLEncodedFormDecoder().decode(LoginForm.self, from: String(buffer: body)) else {
            return Self.loginHTML(words, error: words == .fr ? "Indiquez l'identifiant et le mot de passe." : "Give the name and the password.")
        }
        do {
            let (token, session) = try await api.authenticate(
                name: form.name, password: form.password, address: context.remoteAddress, target: "POST /login")
            await api.replaceSession(of: request)
            var response = HTML.redirect(HTML.home(for: session.account.role))
            response.setCookie(api.sessionCookie(token))
            return response
        } catch let error as APIError {
            return Self.loginHTML(words, error: error.message)
        }
    }

    struct LogoutForm: Decodable {
        let csrf: String
    }

    func logoutForm(_ request: Request, context: VigieRequestContext) async throws -> Response {
        guard let session = context.session, let token = request.cookies[SessionMiddleware.cookie]?.value else {
            return HTML.redirect("/login")
        }
        let body = try await APIRoutes.body(of: request, limit: 4 * 1024)
        guard let form = try? URLEncodedFormDecoder().decode(LogoutForm.self, from: String(buffer: body)),
            form.csrf == session.csrfToken
        else { throw APIError(.forbidden, "csrf", "the form lacks the session's CSRF token") }
        await api.sessions.close(token: token)
        try await api.audit.record(actor: session.account.name, action: "logout", target: "POST /logout", detail: "")
        var response = HTML.redirect("/login")
        response.setCookie(api.sessionCookie(""))
        return response
    }

    // MARK: Pages

    /// Who may see a page: the session and the language, or the answer instead (the login page without a
    /// session, a refusal for a role without `permission`). Reads that show data are audited.
    enum Access {
        case granted(Session, Language)
        case answered(Response)

        /// The answer to give instead of the page, when there is one.
        var answer: Response? {
            if case .answered(let response) = self { return response }
            return nil
        }
    }

    func access(_ request: Request, _ context: VigieRequestContext, _ current: String, _ permission: Permission, audited: Bool) async throws -> Access {
        guard let session = context.session else { return .answered(HTML.redirect("/login")) }
        let words = Language.of(request)
        guard permission.roles.contains(session.account.role) else {
            try await api.audit.record(
                actor: session.account.name, action: "refused", target: "\(request.method) \(request.uri.path)",
                detail: request.uri.query ?? "")
            var response = HTML.page(words["title"], language: words, session: session, current: current, body: """
                <p class="error" role="alert">\(HTML.escape(APIError.forbidden(permission, session.account.role).message))</p>
                """)
            response.status = .forbidden
            return .answered(response)
        }
        if audited {
            // Which month, plan or filter was read goes with the read, as for the API.
            // The path read, not the page's place in the navigation: a request's triage page names the request.
            try await api.audit.record(actor: session.account.name, action: "read", target: "GET \(request.uri.path)", detail: request.uri.query ?? "")
        }
        return .granted(session, words)
    }

    /// Key figures: incidents of the last 28 days by category against the 28 before, and the open alerts.
    func overview(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let (session, words): (Session, Language)
        switch try await access(request, context, "/", .readStatistics, audited: true) {
        case .answered(let response): return response
        case .granted(let granted, let language): (session, words) = (granted, language)
        }
        let snapshot = try await api.snapshots.current()
        let today = CivilDate(Date(), in: snapshot.timeZone)
        let end = snapshot.start(of: today.adding(days: 1))
        let middle = snapshot.start(of: today.adding(days: -27))
        let start = snapshot.start(of: today.adding(days: -55))
        let recent = try snapshot.count(by: [.category], filter: IncidentFilter(from: middle, to: end))
        let before = try snapshot.count(by: [.category], filter: IncidentFilter(from: start, to: middle))
        let labels = Dictionary(uniqueKeysWithValues: Taxonomy.standard.categories.map {
            ($0.code.rawValue, words == .fr ? $0.labelFR : $0.labelEN)
        })
        func counts(_ table: CountTable) -> [String: Int] {
            Dictionary(uniqueKeysWithValues: table.rows().map { ($0.keys[0].text, $0.count) })
        }
        let (now, then) = (counts(recent), counts(before))
        let rows = Taxonomy.standard.categories.map(\.code.rawValue).filter { (now[$0] ?? 0) + (then[$0] ?? 0) > 0 }.map { code in
            let (a, b) = (now[code] ?? 0, then[code] ?? 0)
            let change = b > 0 ? String(format: "%+.0f %%", (Double(a) / Double(b) - 1) * 100) : "—"
            return "<tr><th scope=\"row\">\(HTML.escape(labels[code] ?? code))</th><td>\(a)</td><td>\(b)</td><td>\(change)</td></tr>"
        }.joined()
        let open = Permission.readAlerts.roles.contains(session.account.role)
            ? try api.store.alerts(includeAcknowledged: false, limit: 1_000) : []
        let alerts = open.count
        let alertList = Self.alertTable(open.prefix(30), session: session, words: words, labels: labels)
        return HTML.page(words["overview"], language: words, session: session, current: "/", body: """
            <h1>\(HTML.escape(words["overview"]))</h1>
            <p class="figures"><span><strong>\(recent.matched)</strong> \(HTML.escape(words["incidents"].lowercased())) · \
            \(HTML.escape(words["last-28"].lowercased()))</span><span><strong>\(alerts)</strong> \(HTML.escape(words["open-alerts"].lowercased()))</span></p>
            <table><thead><tr><th scope="col">\(HTML.escape(words["category"]))</th><th scope="col">\(HTML.escape(words["last-28"]))</th>\
            <th scope="col">\(HTML.escape(words["previous-28"]))</th><th scope="col">\(HTML.escape(words["change"]))</th></tr></thead>\
            <tbody>\(rows)</tbody></table>
            \(alertList)
            """)
    }

    /// The open alerts, the latest first, each with a form to acknowledge it for the roles that may.
    static func alertTable(_ alerts: ArraySlice<Alert>, session: Session, words: Language, labels: [String: String]) -> String {
        guard !alerts.isEmpty else { return "" }
        let canAcknowledge = Permission.acknowledgeAlerts.roles.contains(session.account.role)
        let rows = alerts.map { alert -> String in
            let form = canAcknowledge && alert.id != nil ? """
                <form method="post" action="/alerts/\(alert.id!)/acknowledge" class="inline">\
                <input type="hidden" name="csrf" value="\(HTML.escape(session.csrfToken))">\
                <label>\(HTML.escape(words["note"])) <input name="note" maxlength="2000"></label>\
                <button type="submit">\(HTML.escape(words["acknowledge"]))</button></form>
                """ : ""
            let place = [alert.districtLevel, alert.districtCode].compactMap { $0 }.joined(separator: " ")
            return """
                <tr><td>\(alert.day.iso)</td><td>\(HTML.escape(alert.kind.rawValue))</td><td>\(HTML.escape(place.isEmpty ? words["all"] : place))</td>\
                <td>\(HTML.escape(labels[alert.category.rawValue] ?? alert.category.rawValue))</td>\
                <td>\(String(format: "%.0f", alert.observed)) / \(String(format: "%.1f", alert.expected))</td>\
                <td>\(alert.p.map { String(format: "%.2g", $0) } ?? "")</td><td>\(form)</td></tr>
                """
        }.joined()
        return """
            <h2>\(HTML.escape(words["open-alerts"]))</h2>
            <table class="alerts"><thead><tr><th scope="col">\(HTML.escape(words["day"]))</th><th scope="col">\(HTML.escape(words["kind"]))</th>\
            <th scope="col">\(HTML.escape(words["district"]))</th><th scope="col">\(HTML.escape(words["category"]))</th>\
            <th scope="col">\(HTML.escape(words["observed-expected"]))</th><th scope="col">p</th><th scope="col"></th></tr></thead>\
            <tbody>\(rows)</tbody></table>
            """
    }

    struct AcknowledgeForm: Decodable {
        let csrf: String
        let note: String?
    }

    /// The overview's form to acknowledge an alert: the same check and record as the API's.
    func acknowledgeForm(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let access = try await access(request, context, "/", .acknowledgeAlerts, audited: false)
        guard case .granted(let session, let words) = access else { return access.answer! }
        let body = try await APIRoutes.body(of: request, limit: 16 * 1024)
        guard let form = try? URLEncodedFormDecoder().decode(AcknowledgeForm.self, from: String(buffer: body)),
            form.csrf == session.csrfToken
        else { throw APIError(.forbidden, "csrf", "the form lacks the session's CSRF token") }
        let note = form.note?.trimmingCharacters(in: .whitespacesAndNewlines).prefix(2_000).description
        guard let id = context.parameters.get("id").flatMap(Int64.init) else {
            return Self.failure(APIError(.notFound, "not-found", "there is no alert with this id"), words: words, session: session, current: "/")
        }
        do {
            try api.acknowledge(alertID: id, by: session.account.name, note: note)
        } catch let error as APIError {
            return Self.failure(error, words: words, session: session, current: "/")
        }
        try await api.audit.record(
            actor: session.account.name, action: "write", target: "POST /alerts/\(id)/acknowledge", detail: note ?? "")
        return HTML.redirect("/")
    }

    /// The map: districts shaded by incidents, density, new incidents live.
    func map(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let (session, words): (Session, Language)
        switch try await access(request, context, "/map", .readStatistics, audited: false) {
        case .answered(let response): return response
        case .granted(let granted, let language): (session, words) = (granted, language)
        }
        let categories = Taxonomy.standard.categories.map { category in
            "<option value=\"\(category.code.rawValue)\">\(HTML.escape(words == .fr ? category.labelFR : category.labelEN))</option>"
        }.joined()
        let sources = try api.store.sources().map { source in
            "<option value=\"\(HTML.escape(source.name))\">\(HTML.escape(source.title))</option>"
        }.joined()
        // The next 8 hours' forecast, for the roles that read forecasts (the server measures it ahead).
        let forecast = Permission.readForecasts.roles.contains(session.account.role)
            ? "<label><input type=\"checkbox\" name=\"forecast\"> \(HTML.escape(words["forecast-layer"]))</label>" : ""
        return HTML.page(
            words["map"], language: words, session: session, current: "/map",
            body: """
                <form class="filters" id="filters">\
                <label>\(HTML.escape(words["period"])) <select name="days"><option value="7">\(HTML.escape(words["days-7"]))</option>\
                <option value="28" selected>\(HTML.escape(words["days-28"]))</option><option value="365">\(HTML.escape(words["days-365"]))</option></select></label>\
                <label>\(HTML.escape(words["category"])) <select name="category"><option value="">\(HTML.escape(words["all-categories"]))</option>\(categories)</select></label>\
                <label>\(HTML.escape(words["source"])) <select name="source"><option value="">\(HTML.escape(words["all-sources"]))</option>\(sources)</select></label>\
                <label><input type="checkbox" name="density"> \(HTML.escape(words["density"]))</label>\
                <label><input type="checkbox" name="hotspots"> \(HTML.escape(words["hotspots"]))</label>\
                \(forecast)\
                <label><input type="checkbox" name="live" checked> \(HTML.escape(words["live"]))</label></form>
                <div id="map" data-tiles="\(HTML.escape(tiles ?? ""))" data-live="\(Permission.readIncidents.roles.contains(session.account.role))"></div>
                <p id="legend" class="legend">\(HTML.escape(words["loading"]))</p>
                """,
            scripts: ["/vendor/leaflet/leaflet.js", "/vendor/leaflet/leaflet.markercluster.js", "/assets/vigie.js"],
            styles: ["/vendor/leaflet/leaflet.css", "/vendor/leaflet/MarkerCluster.css", "/vendor/leaflet/MarkerCluster.Default.css"])
    }

    /// The next 14 days' items with their risk, clashes and officers.
    func agenda(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let (session, words): (Session, Language)
        switch try await access(request, context, "/agenda", .readAgenda, audited: true) {
        case .answered(let response): return response
        case .granted(let granted, let language): (session, words) = (granted, language)
        }
        let snapshot = try await api.snapshots.current()
        let loaded = try AgendaAssessment.load(
            from: api.store, snapshot: snapshot, firstDay: CivilDate(Date(), in: snapshot.timeZone), days: 14, level: nil,
            rules: AgendaRules())
        let assessment = loaded.assessment
        let rows = assessment.assessed.map { item -> String in
            let event = assessment.items[item.index]
            let when = event.startsAt.localDateTime(in: loaded.timeZone)
            return """
                <tr class="band-\(item.risk.band.rawValue)"><td>\(when)</td><td>\(HTML.escape(event.title))</td>\
                <td>\(event.kind.rawValue)</td><td title="\(HTML.escape(item.risk.summary))">\(item.risk.score)</td>\
                <td>\(item.clashes.count)</td><td>\(item.planned[.officers] ?? 0)/\(item.recommended[.officers] ?? 0)</td></tr>
                """
        }.joined()
        return HTML.page(words["agenda"], language: words, session: session, current: "/agenda", body: """
            <h1>\(HTML.escape(words["agenda"]))</h1>
            <table><thead><tr><th scope="col">\(HTML.escape(words["day"]))</th><th scope="col">\(HTML.escape(words["item"]))</th>\
            <th scope="col"></th><th scope="col">\(HTML.escape(words["risk"]))</th><th scope="col">\(HTML.escape(words["clashes"]))</th>\
            <th scope="col">\(HTML.escape(words["officers"]))</th></tr></thead><tbody>\(rows)</tbody></table>
            """)
    }
}
