import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigieCore
import VigieServer
import VigieStore

@Suite("The pages")
struct WebTests {
    static func form(_ fields: String) -> (HTTPFields, ByteBuffer) {
        ([.contentType: "application/x-www-form-urlencoded"], ByteBuffer(string: fields))
    }

    @Test("log in with the form, see the overview, the map and the agenda, log out; French first, English on request; no inline script")
    func pages() async throws {
        let store = try ServerTests.store()
        try await ServerTests.application(store).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/login")
            }
            try await client.execute(uri: "/login", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok && html.contains("<html lang=\"fr\">") && html.contains("Mot de passe"))
            }
            try await client.execute(uri: "/login?lang=en", method: .get) { response in
                #expect(String(buffer: response.body).contains("Password"))
            }
            let (headers, wrong) = Self.form("name=analyst&password=nope")
            try await client.execute(uri: "/login", method: .post, headers: headers, body: wrong) { response in
                #expect(response.status == .unauthorized && String(buffer: response.body).contains("the name or the password is wrong"))
            }
            let (_, right) = Self.form("name=analyst&password=secret-analyst")
            let cookie = try await client.execute(uri: "/login", method: .post, headers: headers, body: right) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/")
                return String(try #require(response.headers[.setCookie]).split(separator: ";")[0])
            }
            var csrf = ""
            for page in ["/", "/map", "/agenda"] {
                try await client.execute(uri: page, method: .get, headers: [.cookie: cookie]) { response in
                    let html = String(buffer: response.body)
                    #expect(response.status == .ok, "\(page): \(html)")
                    #expect(!html.contains("<script>") && !html.contains(" style="), "\(page) holds an inline script or style")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)
                    if let range = html.range(of: #"name="csrf" value=""#) {
                        csrf = String(html[range.upperBound...].prefix { $0 != "\"" })
                    }
                }
            }
            try await client.execute(uri: "/map", method: .get, headers: [.cookie: cookie]) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(#"<div id="map""#) && html.contains(#"src="/vendor/leaflet/leaflet.js""#))
                #expect(html.contains("Catégorie") && html.contains("Vols"))
            }
            try await client.execute(uri: "/assets/vigie.js", method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains("EventSource"))
            }
            if FileManager.default.fileExists(atPath: "/usr/share/javascript/leaflet/leaflet.js") {
                try await client.execute(uri: "/vendor/leaflet/leaflet.js", method: .get) { response in
                    #expect(response.status == .ok && response.headers[.contentType] == "application/javascript")
                }
            }
            try await client.execute(uri: "/vendor/leaflet/../../../../etc/passwd", method: .get) { response in
                #expect(response.status == .notFound)
            }
            #expect(!csrf.isEmpty)
            let (_, logout) = Self.form("csrf=\(csrf)")
            try await client.execute(uri: "/logout", method: .post, headers: headers.merging([.cookie: cookie]), body: logout) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/login")
            }
            try await client.execute(uri: "/map", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .seeOther, "the session ended with the logout")
            }
        }
    }

    @Test("a role without the permission sees a refusal, not the data")
    func refusedPage() async throws {
        let store = try ServerTests.store()
        try await ServerTests.application(store).test(.router) { client in
            let (headers, body) = Self.form("name=auditor&password=secret-auditor")
            let cookie = try await client.execute(uri: "/login", method: .post, headers: headers, body: body) { response in
                String(try #require(response.headers[.setCookie]).split(separator: ";")[0])
            }
            for page in ["/", "/map", "/agenda"] {
                try await client.execute(uri: page, method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .forbidden && String(buffer: response.body).contains("the role auditor may not"), "\(page)")
                }
            }
        }
    }
}

@Suite("Every page for every role")
struct PageMatrixTests {
    /// Each page, the permission it needs, and a text it shows when allowed (French, the default).
    static let pages: [(path: String, permission: Permission, shows: String)] = [
        ("/", .readStatistics, "Vue d&#39;ensemble"), ("/map", .readStatistics, #"id="map""#),
        ("/trends", .readStatistics, "Heures de la semaine"), ("/agenda", .readAgenda, "Agenda"),
        ("/patrol?method=count&units=2&cell=100", .readForecasts, "Briefing imprimable"),
        ("/patrol/briefing?method=count&units=2&cell=100", .readForecasts, "Briefing de patrouille"),
        ("/report?month=2026-04", .readStatistics, "Rapport mensuel — avril 2026"),
        ("/quarantine", .readQuarantine, "lignes en quarantaine"), ("/sources", .readSources, "Main courante"),
        ("/users", .readAccounts, "commander"), ("/audit", .readAudit, "La chaîne du journal est intacte"),
        ("/triage", .readCitizenRequests, #"id="requests""#),
        ("/video", .readVideo, "caméras par activité inhabituelle"), ("/video/search", .readVideo, "Rechercher dans les enregistrements"),
        ("/video/events", .readVideo, "Évènements à examiner"),
    ]

    @Test("the overview lists the open alerts; an operator acknowledges one with a note through its form, which needs the CSRF token")
    func acknowledgeFromOverview() async throws {
        let store = try ServerTests.seeded()
        let recorded = try store.record([Alert(
            kind: .excess, day: CivilDate(year: 2026, month: 5, day: 2), districtLevel: "arrondissement",
            districtCode: "13201", category: "theft", observed: 14, expected: 4, p: 0.0002, detectedAt: Date())])
        let id = try #require(recorded.first?.id)
        try await ServerTests.application(store).test(.router) { client in
            let cookie = try await Self.login(client, .operator)
            let csrf = try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("2026-05-02") && html.contains("action=\"/alerts/\(id)/acknowledge\""))
                let range = try #require(html.range(of: #"name="csrf" value=""#))
                return String(html[range.upperBound...].prefix { $0 != "\"" })
            }
            let (headers, forged) = WebTests.form("csrf=wrong&note=x")
            try await client.execute(uri: "/alerts/\(id)/acknowledge", method: .post, headers: headers.merging([.cookie: cookie]), body: forged) { response in
                #expect(response.status == .forbidden)
            }
            let (_, body) = WebTests.form("csrf=\(csrf)&note=vu+sur+place")
            try await client.execute(uri: "/alerts/\(id)/acknowledge", method: .post, headers: headers.merging([.cookie: cookie]), body: body) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/")
            }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { response in
                #expect(!String(buffer: response.body).contains("2026-05-02"))
            }
            let auditor = try await Self.login(client, .auditor)
            try await client.execute(uri: "/alerts/\(id)/acknowledge", method: .post, headers: headers.merging([.cookie: auditor]), body: body) { response in
                #expect(response.status == .forbidden)
            }
        }
        let alert = try #require(try store.alerts(includeAcknowledged: true, limit: 10).first { $0.id == id })
        #expect(alert.acknowledgedBy == "operator" && alert.note == "vu sur place")
        #expect(try store.auditEntries(limit: 500).contains { $0.actor == "operator" && $0.target == "POST /alerts/\(id)/acknowledge" })
    }

    @Test("an administrator adds an account, changes its role and disables it from the accounts page; bad input is refused with its reason; every change is audited")
    func manageAccounts() async throws {
        let store = try ServerTests.store()
        try await ServerTests.application(store).test(.router) { client in
            let cookie = try await Self.login(client, .admin)
            let csrf = try await client.execute(uri: "/users", method: .get, headers: [.cookie: cookie]) { response in
                let html = String(buffer: response.body)
                let range = try #require(html.range(of: #"name="csrf" value=""#))
                return String(html[range.upperBound...].prefix { $0 != "\"" })
            }
            func post(_ fields: String, as who: String? = nil) async throws -> (HTTPResponse.Status, String) {
                let (headers, body) = WebTests.form(fields)
                return try await client.execute(uri: "/users", method: .post, headers: headers.merging([.cookie: who ?? cookie]), body: body) { response in
                    (response.status, String(buffer: response.body))
                }
            }
            #expect(try await post("csrf=wrong&action=add&name=agent.martin&role=operator&password=correct-horse-battery").0 == .forbidden)
            let short = try await post("csrf=\(csrf)&action=add&name=agent.martin&role=operator&password=short")
            #expect(short.0 == .badRequest && short.1.contains("at least 12 characters"))
            let badName = try await post("csrf=\(csrf)&action=add&name=Agent+Martin&role=operator&password=correct-horse-battery")
            #expect(badName.0 == .badRequest && badName.1.contains("is not a login name"))
            let added = try await post("csrf=\(csrf)&action=add&name=agent.martin&role=operator&password=correct-horse-battery")
            #expect(added.0 == .ok && added.1.contains("agent.martin"))
            #expect(try await post("csrf=\(csrf)&action=add&name=agent.martin&role=operator&password=correct-horse-battery").1.contains("already"))
            let (headers, form) = WebTests.form("name=agent.martin&password=correct-horse-battery")
            try await client.execute(uri: "/login", method: .post, headers: headers, body: form) { response in
                #expect(response.status == .seeOther, "the new account logs in")
            }
            #expect(try await post("csrf=\(csrf)&action=set-role&name=agent.martin&role=commander").0 == .ok)
            #expect(try store.account(named: "agent.martin")?.role == .commander)
            let own = try await post("csrf=\(csrf)&action=disable&name=admin")
            #expect(try own.0 == .badRequest && store.account(named: "admin")?.disabledAt == nil)
            #expect(try await post("csrf=\(csrf)&action=disable&name=agent.martin").0 == .ok)
            #expect(try store.account(named: "agent.martin")?.disabledAt != nil)
            let analyst = try await Self.login(client, .analyst)
            #expect(try await post("csrf=\(csrf)&action=disable&name=operator", as: analyst).0 == .forbidden)
        }
        let changes = try store.auditEntries(limit: 500).filter { $0.actor == "admin" && $0.target == "account:agent.martin" }
        #expect(changes.map(\.action) == ["update", "update", "create"], "newest first")
        #expect(try store.verifyAudit() == .intact(entries: Int64(try store.auditEntries(limit: 10_000).count)))
    }

    static func login(_ client: some TestClientProtocol, _ role: Role) async throws -> String {
        let (headers, body) = WebTests.form("name=\(role.rawValue)&password=secret-\(role.rawValue)")
        return try await client.execute(uri: "/login", method: .post, headers: headers, body: body) { response in
            String(try #require(response.headers[.setCookie]).split(separator: ";")[0])
        }
    }

    @Test("each page answers its roles with its content and no inline script or style, the others with 403; the navigation lists what the role may open")
    func matrix() async throws {
        let store = try ServerTests.seeded()
        try await ServerTests.application(store).test(.router) { client in
            for role in Role.allCases {
                let cookie = try await Self.login(client, role)
                for page in Self.pages {
                    try await client.execute(uri: page.path, method: .get, headers: [.cookie: cookie]) { response in
                        let html = String(buffer: response.body)
                        if page.permission.roles.contains(role) {
                            #expect(response.status == .ok, "\(role.rawValue) on \(page.path): \(html.prefix(300))")
                            #expect(html.contains(page.shows), "\(role.rawValue) on \(page.path) lacks '\(page.shows)'")
                            #expect(!html.contains("<script>") && !html.contains(" style=") && !html.contains("<style"), "\(page.path)")
                        } else {
                            #expect(response.status == .forbidden, "\(role.rawValue) on \(page.path)")
                        }
                        if response.status == .ok && page.path == "/sources" {
                            for listed in ["/users", "/audit", "/patrol", "/quarantine"] {
                                let permission = Self.pages.first { $0.path.hasPrefix(listed) }!.permission
                                #expect(html.contains("href=\"\(listed)\"") == permission.roles.contains(role), "\(role.rawValue) nav \(listed)")
                            }
                        }
                    }
                }
            }
            let cookie = try await Self.login(client, .analyst)
            try await client.execute(uri: "/report?month=2026-13", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .badRequest && String(buffer: response.body).contains("month: &#39;2026-13&#39; is not a month"))
            }
            try await client.execute(uri: "/report?month=2026-04", method: .get, headers: [.cookie: cookie]) { response in
                let html = String(buffer: response.body)
                // 30 days of April, three incidents each; March had 31 days.
                #expect(html.contains("<strong>90</strong>") && html.contains("<svg") && html.contains("report-chart"))
            }
            try await client.execute(uri: "/assets/briefing.css", method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body).contains("@page"))
            }
        }
        // Reading a page of non-public data is in the audit log, with what was asked; so is a refusal.
        let entries = try store.auditEntries(limit: 5_000)
        #expect(entries.contains { $0.actor == "admin" && $0.target == "GET /quarantine" })
        #expect(entries.contains { $0.actor == "analyst" && $0.target == "GET /report" && $0.detail == "month=2026-04" })
        #expect(entries.contains { $0.actor == "auditor" && $0.action == "refused" && $0.target == "GET /report" })
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var merged = self
        for field in other { merged.append(field) }
        return merged
    }
}
