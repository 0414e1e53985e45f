import Foundation
import Hummingbird
import HummingbirdBcrypt
import NIOPosix
import VigieAnalytics
import VigieCore

/// The pages beyond the overview, the map and the agenda: trends, the patrol plan and its briefing, the
/// quarantine, the register of sources, the accounts and the audit log.
extension WebRoutes {
    /// An error the page shows in its place, with the status the API would answer.
    static func failure(_ error: APIError, words: Language, session: Session, current: String) -> Response {
        var response = HTML.page(words["title"], language: words, session: session, current: current, body: """
            <p class="error" role="alert">\(HTML.escape(error.message))</p>
            """)
        response.status = error.status
        return response
    }

    static func table(_ header: [String], _ rows: [[String]], escaped: Bool = false) -> String {
        let head = header.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined()
        let body = rows.map { row in
            "<tr>" + row.map { "<td>\(escaped ? $0 : HTML.escape($0))</td>" }.joined() + "</tr>"
        }.joined()
        return "<table><thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table>"
    }

    static func percent(_ value: Double?) -> String {
        value.map { String(format: "%+.0f %%", $0 * 100) } ?? "—"
    }

    // MARK: Trends

    /// The CompStat table by category or district, the weekly series (a chart) and the hour-of-week matrix
    /// of the last 52 weeks.
    func trends(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let access = try await access(request, context, "/trends", .readStatistics, audited: true)
        guard case .granted(let session, let words) = access else { return access.answer! }
        let snapshot = try await api.snapshots.current()
        let by = request.uri.queryParameters["by"] == "district" ? "district" : "category"
        guard let last = snapshot.dayRange?.upperBound else {
            return HTML.page(words["trends"], language: words, session: session, current: "/trends", body: """
                <h1>\(HTML.escape(words["trends"]))</h1><p>\(HTML.escape(words["no-data"]))</p>
                """)
        }
        let asOf = CivilDate(dayNumber: last)
        let level = snapshot.districtLevels.first
        let grouping: Grouping = by == "district" && level != nil ? .district(level: level!) : .category
        let shown = level == nil ? "category" : by
        let table = try snapshot.compStat(asOf: asOf, grouping: grouping)
        let labels = try GroupLabels(store: api.store, level: level)
        let categoryNames = Dictionary(uniqueKeysWithValues: Taxonomy.standard.categories.map {
            ($0.code.rawValue, words == .fr ? $0.labelFR : $0.labelEN)
        })
        func label(_ key: GroupKey?) -> String {
            guard let key else { return words["all"] }
            if case .category(let code) = key { return categoryNames[code.rawValue] ?? code.rawValue }
            return labels.label(key)
        }
        func cell(_ comparison: CompStatTable.Comparison) -> String {
            let direction = comparison.direction(at: 0.05)
            let mark = direction == "up" ? " ↑" : direction == "down" ? " ↓" : ""
            return "<td class=\"\(direction)\">\(comparison.current) <small>(\(comparison.reference), \(Self.percent(comparison.change))\(mark))</small></td>"
        }
        let rows = table.lines.map { line in
            "<tr><th scope=\"row\">\(HTML.escape(label(line.key)))</th>\(cell(line.last7AgainstPrevious))\(cell(line.last28AgainstPrevious))\(cell(line.last28AgainstYearBefore))\(cell(line.yearToDateAgainstYearBefore))</tr>"
        }.joined()
        // Hour of week over the last 52 weeks, shaded in ten steps of the busiest hour.
        let matrixFilter = IncidentFilter(from: snapshot.start(of: asOf.adding(days: -363)), to: snapshot.start(of: asOf.adding(days: 1)))
        let hours = try snapshot.count(by: [.hourOfWeek], filter: matrixFilter)
        let highest = max(1, hours.counts.max() ?? 1)
        var counts = Array(repeating: Array(repeating: 0, count: 24), count: 7)
        for (index, key) in hours.keys(0).enumerated() {
            if case .hourOfWeek(let weekday, let hour) = key { counts[weekday][hour] = hours.counts[index] }
        }
        let weekdays = words == .fr
            ? ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
            : ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        let matrix = "<table class=\"matrix\"><thead><tr><th></th>" + (0..<24).map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead><tbody>"
            + (0..<7).map { day in
                "<tr><th scope=\"row\">\(weekdays[day])</th>" + (0..<24).map { hour in
                    let count = counts[day][hour]
                    return "<td class=\"s\(min(9, count * 10 / highest))\" title=\"\(weekdays[day]) \(hour) h: \(count)\">\(count)</td>"
                }.joined() + "</tr>"
            }.joined() + "</tbody></table>"
        let other = by == "district" ? "category" : "district"
        return HTML.page(
            words["trends"], language: words, session: session, current: "/trends", body: """
                <h1>\(HTML.escape(words["trends"]))</h1>
                <p>\(HTML.escape(words["as-of"])) \(asOf.iso) · <a href="/trends?by=\(other)">\(HTML.escape(words["by-" + other]))</a> · \
                \(HTML.escape(words["compstat-note"]))</p>
                <table class="compstat"><thead><tr><th scope="col">\(HTML.escape(words[shown]))</th>\
                <th scope="col">\(HTML.escape(words["last-7"]))</th><th scope="col">\(HTML.escape(words["last-28"]))</th>\
                <th scope="col">\(HTML.escape(words["last-28-year-before"]))</th><th scope="col">\(HTML.escape(words["year-to-date"]))</th></tr></thead>\
                <tbody>\(rows)</tbody></table>
                <h2>\(HTML.escape(words["weekly-series"]))</h2>
                <div class="chart"><canvas id="series" data-source="/api/v1/trends?series=week" \
                data-label="\(HTML.escape(words["incidents"]))" data-trend="\(HTML.escape(words["trend"]))" \
                aria-label="\(HTML.escape(words["weekly-series"]))" role="img"></canvas></div>
                <p id="series-changes" class="legend"></p>
                <h2>\(HTML.escape(words["hour-of-week"]))</h2>
                \(matrix)
                """,
            scripts: ["/vendor/chart.js/chart.min.js", "/assets/vigie.js"])
    }

    // MARK: Patrol plan

    /// The form of a patrol plan, and the plan it asks for with the forecast's provenance, a link to the
    /// printable briefing.
    func patrol(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let access = try await access(request, context, "/patrol", .readForecasts, audited: true)
        guard case .granted(let session, let words) = access else { return access.answer! }
        let query = request.uri.queryParameters
        let snapshot = try await api.snapshots.current()
        let categories = Taxonomy.standard.categories.map { category in
            "<option value=\"\(category.code.rawValue)\"\(query["category"].map(String.init) == category.code.rawValue ? " selected" : "")>\(HTML.escape(words == .fr ? category.labelFR : category.labelEN))</option>"
        }.joined()
        func value(_ name: String, _ fallback: String) -> String { HTML.escape(query[name[...]].map(String.init) ?? fallback) }
        let form = """
            <form class="filters" method="get" action="/patrol">\
            <label>\(HTML.escape(words["units"])) <input name="units" type="number" min="1" max="200" value="\(value("units", "6"))"></label>\
            <label>\(HTML.escape(words["day"])) <input name="day" type="date" value="\(value("day", ""))"></label>\
            <label>\(HTML.escape(words["start-hour"])) <input name="startHour" type="number" min="0" max="23" value="\(value("startHour", "0"))"></label>\
            <label>\(HTML.escape(words["horizon"])) <input name="horizon" value="\(value("horizon", "8h"))" pattern="[0-9]+[hd]" size="4"></label>\
            <label>\(HTML.escape(words["radius"])) <input name="radius" type="number" min="50" max="5000" value="\(value("radius", "250"))"></label>\
            <label>\(HTML.escape(words["category"])) <select name="category"><option value="">\(HTML.escape(words["all-categories"]))</option>\(categories)</select></label>\
            <button type="submit">\(HTML.escape(words["plan"]))</button></form>
            """
        var parameters = query
        if parameters["category"] == "" { parameters = Self.without("category", parameters) }
        if parameters["day"] == "" { parameters = Self.without("day", parameters) }
        let plan: PatrolPlan
        let names: PlaceNames
        do {
            (plan, names, _) = try api.patrolPlan(parameters, snapshot)
        } catch let error as APIError {
            return HTML.page(words["patrol"], language: words, session: session, current: "/patrol", body: """
                <h1>\(HTML.escape(words["patrol"]))</h1>\(form)<p class="error" role="alert">\(HTML.escape(error.message))</p>
                """)
        } catch let error as AnalyticsError {
            return HTML.page(words["patrol"], language: words, session: session, current: "/patrol", body: """
                <h1>\(HTML.escape(words["patrol"]))</h1>\(form)<p class="error" role="alert">\(HTML.escape(error.description))</p>
                """)
        }
        let document = ForecastDocument.plan(plan, names: names)
        let rows = document.areas.map { area in
            [String(area.unit), area.district,
                area.latitude.map { String(format: "%.5f, %.5f", $0, area.longitude ?? 0) } ?? "",
                String(format: "%.1f %%", area.share * 100), String(format: "%.1f", area.expectedIncidents)]
        }
        let briefing = "/patrol/briefing" + (request.uri.query.map { "?" + $0 } ?? "")
        return HTML.page(words["patrol"], language: words, session: session, current: "/patrol", body: """
            <h1>\(HTML.escape(words["patrol"]))</h1>\(form)
            <p>\(String(format: "%.1f", plan.share * 100)) % \(HTML.escape(words["of-risk"])) · \
            <a href="\(HTML.escape(briefing))">\(HTML.escape(words["briefing"]))</a></p>
            \(Self.table([words["unit"], words["district"], words["centre"], words["share"], words["expected"]], rows))
            <h2>\(HTML.escape(words["provenance"]))</h2>
            <ul class="legend">\(document.provenance.summary.map { "<li>\(HTML.escape($0))</li>" }.joined())</ul>
            """)
    }

    static func without(_ name: String, _ parameters: Parameters) -> Parameters {
        var kept = Parameters()
        for (key, value) in parameters where key != name[...] { kept.append(key: key, value: value) }
        return kept
    }

    /// The printable briefing of the plan the query asks for: one A4 page, its style from this server.
    func patrolBriefing(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let access = try await access(request, context, "/patrol/briefing", .readForecasts, audited: true)
        guard case .granted(let session, let words) = access else { return access.answer! }
        let snapshot = try await api.snapshots.current()
        var parameters = request.uri.queryParameters
        for name in ["category", "day"] where parameters[name[...]] == "" { parameters = Self.without(name, parameters) }
        do {
            let (plan, names, districts) = try api.patrolPlan(parameters, snapshot)
            let html = PatrolBriefing(
                plan: plan, districts: districts, names: names, city: try api.store.deployment().name, timeZone: snapshot.timeZone
            ).html(style: .linked("/assets/briefing.css"))
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: html)))
        } catch let error as APIError {
            return Self.failure(error, words: words, session: session, current: "/patrol")
        } catch let error as AnalyticsError {
            return Self.failure(APIRoutes.apiError(error), words: words, session: session, current: "/patrol")
        }
    }

    // MARK: Registers and logs

    /// Quarantined rows, newest first, with where and why.
    func quarantine(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let access = try await access(request, context, "/quarantine", .readQuarantine, audited: true)
        guard case .granted(let session, let words) = access else { return access.answer! }
        let sources = Dictionary(uniqueKeysWithValues: try api.store.sources().compactMap { source in source.id.map { ($0, source.name) } })
        let rows = try api.store.quarantinedRows(sourceID: nil, limit: 500).map { row in
            [sources[row.sourceID] ?? String(row.sourceID), row.file, String(row.line), row.field ?? "", row.reason,
                String(row.rawRecord.prefix(200))]
        }
        let total = try api.store.quarantineCount(sourceID: nil)
        return HTML.page(words["quarantine"], language: words, session: session, current: "/quarantine", body: """
            <h1>\(HTML.escape(words["quarantine"]))</h1>
            <p>\(total.groupedDigits) \(HTML.escape(words["rows-quarantined"]))</p>
            \(Self.table([words["source"], words["file"], words["line"], words["field"], words["reason"], words["raw"]], rows))
            """)
    }

    /// The register of sources: owner, purpose, legal regime, personal data, retention, public or not.
    func sources(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let access = try await access(request, context, "/sources", .readSources, audited: false)
        guard case .granted(let session, let words) = access else { return access.answer! }
        // How many incidents each source holds is a statistic: only for the roles that read them.
        let counts = Permission.readStatistics.roles.contains(session.account.role)
        let rows = try api.store.sources().map { source in
            [source.name, source.title, source.owner, source.purpose, source.legalRegime.rawValue,
                source.holdsPersonalData ? words["yes"] : words["no"], "\(source.retentionDays) \(words["days"])",
                source.isPublic ? words["yes"] : words["no"],
                counts ? (try? api.store.incidentCount(sourceID: source.id))?.groupedDigits ?? "" : "—"]
        }
        return HTML.page(words["sources"], language: words, session: session, current: "/sources", body: """
            <h1>\(HTML.escape(words["sources"]))</h1>
            \(Self.table([words["name"], words["title-column"], words["owner"], words["purpose"], words["legal-regime"],
                words["personal-data"], words["retention"], words["public"], words["incidents"]], rows))
            """)
    }

    /// The accounts and their roles, with forms to add one, change a role and disable one.
    func users(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let access = try await access(request, context, "/users", .readAccounts, audited: true)
        guard case .granted(let session, let words) = access else { return access.answer! }
        return try usersPage(session: session, words: words, message: nil)
    }

    func usersPage(session: Session, words: Language, message: (text: String, isError: Bool)?) throws -> Response {
        let csrf = "<input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape(session.csrfToken))\">"
        func roles(selected: Role?) -> String {
            Role.allCases.map { role in
                "<option value=\"\(role.rawValue)\"\(role == selected ? " selected" : "")>\(role.rawValue)</option>"
            }.joined()
        }
        let rows = try api.store.accounts().map { account -> [String] in
            let own = account.name == session.account.name
            let actions = account.disabledAt != nil || own ? "" : """
                <form method="post" action="/users" class="inline">\(csrf)<input type="hidden" name="action" value="set-role">\
                <input type="hidden" name="name" value="\(HTML.escape(account.name))">\
                <select name="role" aria-label="\(HTML.escape(words["role"]))">\(roles(selected: account.role))</select>\
                <button type="submit">\(HTML.escape(words["change-role"]))</button></form>\
                <form method="post" action="/users" class="inline">\(csrf)<input type="hidden" name="action" value="disable">\
                <input type="hidden" name="name" value="\(HTML.escape(account.name))">\
                <button type="submit">\(HTML.escape(words["disable"]))</button></form>
                """
            return [HTML.escape(account.name), account.role.rawValue, account.createdAt.formatted(.iso8601),
                account.disabledAt.map { "\(HTML.escape(words["disabled"])) \($0.formatted(.iso8601))" } ?? HTML.escape(words["active"]),
                actions]
        }
        let notice = message.map { "<p class=\"\($0.isError ? "error" : "intact")\" role=\"status\">\(HTML.escape($0.text))</p>" } ?? ""
        var response = HTML.page(words["users"], language: words, session: session, current: "/users", body: """
            <h1>\(HTML.escape(words["users"]))</h1>\(notice)
            \(Self.table([words["name"], words["role"], words["created"], words["state"], ""], rows, escaped: true))
            <h2>\(HTML.escape(words["add-account"]))</h2>
            <form method="post" action="/users" class="filters">\(csrf)<input type="hidden" name="action" value="add">\
            <label>\(HTML.escape(words["name"])) <input name="name" required pattern="[a-z0-9._-]{2,64}" autocomplete="off"></label>\
            <label>\(HTML.escape(words["role"])) <select name="role">\(roles(selected: .analyst))</select></label>\
            <label>\(HTML.escape(words["password"])) <input name="password" type="password" required minlength="\(Account.minimumPasswordLength)" autocomplete="new-password"></label>\
            <button type="submit">\(HTML.escape(words["add"]))</button></form>
            <p class="legend">\(HTML.escape(words["users-note"]))</p>
            """)
        if let message, message.isError { response.status = .badRequest }
        return response
    }

    struct AccountForm: Decodable {
        let csrf: String
        let action: String
        let name: String
        let role: String?
        let password: String?
    }

    /// Adds an account, changes a role or disables an account, from the accounts page; every change is audited.
    /// An administrator cannot change or disable their own account here, so as never to lock everyone out.
    func accountForm(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let access = try await access(request, context, "/users", .manageAccounts, audited: false)
        guard case .granted(let session, let words) = access else { return access.answer! }
        let body = try await APIRoutes.body(of: request, limit: 16 * 1024)
        guard let form = try? URLEncodedFormDecoder().decode(AccountForm.self, from: String(buffer: body)),
            form.csrf == session.csrfToken
        else { throw APIError(.forbidden, "csrf", "the form lacks the session's CSRF token") }
        func refuse(_ text: String) throws -> Response { try usersPage(session: session, words: words, message: (text, true)) }
        let role = form.role.flatMap(Role.init(rawValue:))
        let actor = session.account.name
        switch form.action {
        case "add":
            if let problem = Account.nameProblem(form.name) { return try refuse(problem) }
            guard let role else { return try refuse("role: give one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))") }
            let password = form.password ?? ""
            if let problem = Account.passwordProblem(password) { return try refuse(problem) }
            guard try api.store.account(named: form.name) == nil else { return try refuse("there is an account '\(form.name)' already") }
            let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: 12) }
            _ = try api.store.create(Account(name: form.name, role: role, passwordHash: hash, createdAt: Date()))
            try await api.audit.record(actor: actor, action: "create", target: "account:\(form.name)", detail: #"{"role":"\#(role.rawValue)"}"#)
            return try usersPage(session: session, words: words, message: ("\(form.name): \(words["account-added"])", false))
        case "set-role", "disable":
            guard form.name != actor else { return try refuse(words["not-own-account"]) }
            guard var account = try api.store.account(named: form.name) else { return try refuse("there is no account '\(form.name)'") }
            if form.action == "disable" {
                account.disabledAt = Date()
                try api.store.update(account)
                try await api.audit.record(actor: actor, action: "update", target: "account:\(form.name)", detail: #"{"disabled":true}"#)
                return try usersPage(session: session, words: words, message: ("\(form.name): \(words["account-disabled"])", false))
            }
            guard let role else { return try refuse("role: give one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))") }
            let before = account.role
            account.role = role
            try api.store.update(account)
            try await api.audit.record(
                actor: actor, action: "update", target: "account:\(form.name)",
                detail: #"{"role":"\#(role.rawValue)","was":"\#(before.rawValue)"}"#)
            return try usersPage(session: session, words: words, message: ("\(form.name): \(before.rawValue) → \(role.rawValue)", false))
        default:
            return try refuse("action: '\(form.action)' is not add, set-role or disable")
        }
    }

    /// The last entries of the audit log, and whether its chain holds.
    func audit(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let access = try await access(request, context, "/audit", .readAudit, audited: true)
        guard case .granted(let session, let words) = access else { return access.answer! }
        let verdict = switch try api.store.verifyAudit() {
        case .intact(let entries): "<p class=\"intact\">\(HTML.escape(words["chain-intact"])) (\(Int(entries).groupedDigits))</p>"
        case .broken(let sequence, let reason): "<p class=\"error\" role=\"alert\">\(HTML.escape(words["chain-broken"])) \(sequence): \(HTML.escape(reason))</p>"
        }
        let rows = try api.store.auditEntries(limit: 300).map { entry in
            [String(entry.sequence), entry.at.formatted(.iso8601), entry.actor, entry.action, entry.target, entry.detail]
        }
        return HTML.page(words["audit"], language: words, session: session, current: "/audit", body: """
            <h1>\(HTML.escape(words["audit"]))</h1>\(verdict)
            \(Self.table(["#", words["when"], words["who"], words["action"], words["target"], words["detail"]], rows))
            """)
    }
}
