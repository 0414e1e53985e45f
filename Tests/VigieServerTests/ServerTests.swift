import Foundation
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Testing
import VigieCore
import VigieServer
import VigieStore

@Suite("The server: sessions, permissions, audit")
struct ServerTests {
    /// A store with one account per role, each named after its role, password "secret-<role>".
    static func store() throws -> SQLiteStore {
        let store = try SQLiteStore.inMemory()
        for role in Role.allCases {
            _ = try store.create(Account(
                name: role.rawValue, role: role, passwordHash: Bcrypt.hash("secret-\(role.rawValue)", cost: 4),
                createdAt: Date()))
        }
        return store
    }

    /// A store with accounts, a district and 480 incidents over 160 days: most at one corner, the rest spread,
    /// enough for hot spots, trends, forecasts with a measured accuracy, and patrol plans.
    static func seeded() throws -> SQLiteStore {
        let store = try store()
        let source = try policeLog(in: store)
        let run = try store.beginIngestRun(sourceID: source.id!, file: "seed.csv", startedAt: Date())
        let records = (0..<480).map { number -> IngestBatch.Record in
            // Two in three at the corner's hot block, the others on a regular spread over the district.
            let hot = number % 3 != 0
            let latitude = hot ? 43.2950 + Double(number % 5) * 0.0002 : 43.281 + Double(number * 7 % 29) * 0.001
            let longitude = hot ? 5.3750 + Double(number % 7) * 0.0002 : 5.361 + Double(number * 11 % 37) * 0.001
            let category: CategoryCode = number % 4 == 0 ? "burglary" : "theft"
            return IngestBatch.Record(
                incident: Incident(
                    sourceID: source.id!, sourceReference: "s\(number)", category: category, rawLabel: category.rawValue,
                    occurredAt: Date(timeIntervalSince1970: 1_767_225_600 + Double(number) * 28_800), timePrecision: .exact,
                    location: GeoPoint(latitude: latitude, longitude: longitude), locationPrecisionMeters: nil,
                    districts: ["arrondissement": "13201"]),
                contentHash: Int64(number), recordNumber: number + 1, line: number + 2)
        }
        _ = try store.write(IngestBatch(sourceID: source.id!, runID: run, file: "seed.csv", records: records))
        return store
    }

    /// Marseille's deployment, its 1st arrondissement, and a registered police log.
    static func policeLog(in store: SQLiteStore) throws -> Source {
        try store.save(Deployment(name: "Marseille", timeZoneIdentifier: "Europe/Paris"))
        try store.replaceDistricts(level: "arrondissement", with: [
            District(level: "arrondissement", code: "13201", name: "1er", outline: Polygon(outer: [
                .init(x: 5.36, y: 43.28), .init(x: 5.40, y: 43.28), .init(x: 5.40, y: 43.31), .init(x: 5.36, y: 43.31)])),
        ])
        let source = try store.register(Source(
            name: "police", title: "Main courante", owner: "Ville", purpose: "Suivi", legalRegime: .policeJustice,
            holdsPersonalData: false, retentionDays: 3650, isPublic: false))
        return source
    }

    static func application(_ store: SQLiteStore, limiter: LoginLimiter = LoginLimiter()) -> some ApplicationProtocol {
        Application(router: VigieServer.router(store: store, limiter: limiter, secureCookies: false))
    }

    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    /// Logs in and returns the cookie header and the CSRF token.
    static func login(_ client: some TestClientProtocol, _ role: Role) async throws -> (cookie: String, csrf: String) {
        try await client.execute(
            uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
            body: json(#"{"name": "\#(role.rawValue)", "password": "secret-\#(role.rawValue)"}"#)
        ) { response in
            #expect(response.status == .ok)
            let setCookie = try #require(response.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
            let cookie = String(setCookie.split(separator: ";")[0])
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
            return (cookie, try #require(body?["csrfToken"] as? String))
        }
    }

    static let routes: [(uri: String, permission: Permission)] = [
        ("/api/v1/me", .readOwnAccount), ("/api/v1/sources", .readSources), ("/api/v1/agenda?days=7", .readAgenda), ("/api/v1/stats?by=category", .readStatistics),
        ("/api/v1/density?cell=200", .readStatistics), ("/api/v1/districts", .readDistricts), ("/api/v1/alerts", .readAlerts),
        ("/api/v1/quarantine?limit=5", .readQuarantine), ("/api/v1/live?seconds=0.1", .readIncidents),
        ("/api/v1/points?limit=10", .readIncidents), ("/api/v1/incidents?limit=5", .readIncidents), ("/api/v1/hotspots?cell=200&distance=400", .readStatistics),
        ("/api/v1/trends?by=category", .readStatistics), ("/api/v1/trends?series=week", .readStatistics),
        ("/api/v1/forecast?method=count&horizon=1d", .readForecasts),
        ("/api/v1/patrol?method=count&units=2&horizon=8h", .readForecasts),
        ("/api/v1/users", .readAccounts), ("/api/v1/audit?limit=5", .readAudit), ("/api/v1/audit/verify", .readAudit),
        ("/api/v1/citizen-requests", .readCitizenRequests),
        ("/api/v1/cameras", .readVideo), ("/api/v1/video/search", .readVideo), ("/api/v1/video/attention", .readVideo),
        ("/api/v1/video/events", .readVideo),
    ]

    @Test("every role against every route: allowed or 403, never anything else; 401 without a session")
    func permissionMatrix() async throws {
        let store = try Self.seeded()
        try await Self.application(store).test(.router) { client in
            for route in Self.routes {
                try await client.execute(uri: route.uri, method: .get) { response in
                    #expect(response.status == .unauthorized, "\(route.uri) without a session")
                }
            }
            for role in Role.allCases {
                let (cookie, _) = try await Self.login(client, role)
                for route in Self.routes {
                    try await client.execute(uri: route.uri, method: .get, headers: [.cookie: cookie]) { response in
                        let expected: HTTPResponse.Status = route.permission.roles.contains(role) ? .ok : .forbidden
                        #expect(response.status == expected, "\(role.rawValue) on \(route.uri)")
                        #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                        if expected == .forbidden {
                            let body = String(buffer: response.body)
                            #expect(body.contains(#""code":"forbidden""#), "\(body)")
                        }
                    }
                }
            }
        }
        // Every read and every refusal is in the audit log, whose chain holds.
        let entries = try store.auditEntries(limit: 1_000)
        #expect(entries.contains { $0.actor == "analyst" && $0.action == "read" && $0.target == "GET /api/v1/agenda" && $0.detail == "days=7" })
        #expect(entries.contains { $0.actor == "auditor" && $0.action == "refused" && $0.target == "GET /api/v1/agenda" })
        #expect(entries.filter { $0.action == "login" }.count == Role.allCases.count)
        #expect(try store.verifyAudit() == .intact(entries: Int64(entries.count)))
    }

    @Test("unsafe requests need the session's CSRF token; logging out ends the session")
    func csrfAndLogout() async throws {
        let store = try Self.store()
        try await Self.application(store).test(.router) { client in
            let (cookie, csrf) = try await Self.login(client, .analyst)
            try await client.execute(uri: "/api/v1/session", method: .delete, headers: [.cookie: cookie]) { response in
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains(#""code":"csrf""#))
            }
            try await client.execute(
                uri: "/api/v1/session", method: .delete, headers: [.cookie: cookie, .init("X-CSRF-Token")!: csrf]
            ) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("wrong passwords are refused, audited, and limited; bad input and unknown routes answer JSON errors")
    func loginFailures() async throws {
        let store = try Self.store()
        try await Self.application(store, limiter: LoginLimiter(limit: 3, addressLimit: 10, window: 600)).test(.router) { client in
            for _ in 0..<3 {
                try await client.execute(
                    uri: "/api/v1/session", method: .post, body: Self.json(#"{"name": "admin", "password": "guess"}"#)
                ) { response in
                    #expect(response.status == .unauthorized)
                    #expect(String(buffer: response.body).contains("bad-credentials"))
                }
            }
            try await client.execute(
                uri: "/api/v1/session", method: .post, body: Self.json(#"{"name": "admin", "password": "secret-admin"}"#)
            ) { response in
                #expect(response.status == .tooManyRequests, "even the right password waits once the limit is reached")
            }
            try await client.execute(uri: "/api/v1/session", method: .post, body: Self.json("name=admin")) { response in
                #expect(response.status == .badRequest && String(buffer: response.body).contains("bad-request"))
            }
            try await client.execute(uri: "/api/v1/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains(#""code":"not-found""#))
            }
            let (cookie, _) = try await Self.login(client, .commander)
            try await client.execute(uri: "/api/v1/agenda?days=0", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .badRequest && String(buffer: response.body).contains("bad-parameter"))
            }
        }
        #expect(try store.auditEntries(limit: 100).filter { $0.action == "login-failed" && $0.actor == "admin" }.count == 3)
    }

    @Test("statistics and the agenda answer from the store, and follow incidents ingested while serving")
    func statisticsAndAgenda() async throws {
        let store = try Self.store()
        let source = try Self.policeLog(in: store)
        @Sendable func write(_ references: [String], category: CategoryCode) throws {
            let run = try store.beginIngestRun(sourceID: source.id!, file: "f.csv", startedAt: Date())
            _ = try store.write(IngestBatch(sourceID: source.id!, runID: run, file: "f.csv", records: references.enumerated().map { number, reference in
                IngestBatch.Record(
                    incident: Incident(
                        sourceID: source.id!, sourceReference: reference, category: category, rawLabel: category.rawValue,
                        occurredAt: Date(timeIntervalSince1970: 1_780_000_000 + Double(number) * 3_600), timePrecision: .exact,
                        location: GeoPoint(latitude: 43.296, longitude: 5.38), locationPrecisionMeters: nil,
                        districts: ["arrondissement": "13201"]),
                    contentHash: 1, recordNumber: number + 1, line: number + 2)
            }))
        }
        try write(["a", "b", "c"], category: "theft")
        let start = Date(timeIntervalSince1970: 1_781_000_000)
        _ = try store.save([PlannedEvent(
            sourceID: source.id!, sourceReference: "concert", kind: .event, title: "Concert", startsAt: start,
            endsAt: start.addingTimeInterval(4 * 3_600), geometry: .point(GeoPoint(latitude: 43.296, longitude: 5.38)),
            expectedAttendance: 5_000)])
        try await Self.application(store).test(.router) { client in
            let (cookie, _) = try await Self.login(client, .analyst)
            func stats() async throws -> [String: Any] {
                try await client.execute(uri: "/api/v1/stats?by=district&by=category", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok)
                    return try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                }
            }
            let first = try await stats()
            #expect(first["total"] as? Int == 3)
            #expect((first["rows"] as? [[String: Any]])?.first?["keys"] as? [String] == ["13201", "theft"])
            try write(["d", "e"], category: "burglary")
            try await Task.sleep(for: .milliseconds(1_100))
            let second = try await stats()
            #expect(second["total"] as? Int == 5, "incidents ingested while serving are counted within a second")
            try await client.execute(uri: "/api/v1/stats?by=colour", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .badRequest && String(buffer: response.body).contains("'colour' is not a grouping"))
            }
            // The live feed sends what is ingested while it is open, and nothing from before (4 s open, so that
            // a loaded machine still polls after the write).
            async let live = client.execute(uri: "/api/v1/live?seconds=4", method: .get, headers: [.cookie: cookie]) { response in
                (response.status, response.headers[.contentType], String(buffer: response.body))
            }
            // Written three times across the first 2.5 s, so that a stream a loaded machine opens late still
            // sees one of them.
            for (delay, reference) in [(400, "f"), (1_100, "g"), (1_000, "h")] {
                try await Task.sleep(for: .milliseconds(delay))
                try write([reference], category: "damage")
            }
            let (liveStatus, liveType, stream) = try await live
            #expect(liveStatus == .ok && liveType == "text/event-stream")
            #expect(stream.contains("event: incident") && stream.contains(#""category":"damage""#), "\(stream)")
            #expect(!stream.contains(#""category":"theft""#), "incidents from before the stream opened are not sent")
            try await client.execute(uri: "/api/v1/density?cell=100&bandwidth=300", method: .get, headers: [.cookie: cookie]) { response in
                let collection = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let features = try #require(collection["features"] as? [[String: Any]])
                #expect(!features.isEmpty && features.count < 200, "cells around the incidents hold density")
            }
            try await client.execute(uri: "/api/v1/points?category=theft", method: .get, headers: [.cookie: cookie]) { response in
                let answer = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(answer["total"] as? Int == 3 && (answer["points"] as? [[Any]])?.first?.count == 3)
            }
            try await client.execute(uri: "/api/v1/districts?level=arrondissement", method: .get, headers: [.cookie: cookie]) { response in
                let collection = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let features = try #require(collection["features"] as? [[String: Any]])
                #expect(features.count == 1 && (features[0]["properties"] as? [String: Any])?["code"] as? String == "13201")
            }
            try await client.execute(uri: "/api/v1/density?cell=5", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .badRequest && String(buffer: response.body).contains("cell: '5'"))
            }
            try await client.execute(uri: "/api/v1/agenda?from=2026-06-09&days=7", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                let document = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                let items = try #require(document["items"] as? [[String: Any]])
                #expect(items.map { $0["title"] as? String } == ["Concert"])
                #expect((items[0]["risk"] as? [String: Any])?["score"] as? Int != nil)
                #expect((document["calendar"] as? [Any])?.count == 7 && document["districtLevel"] as? String == "arrondissement")
            }
        }
    }

    @Test("a program sends a file with an API token: read with the source's mapping, counted, quarantined, audited; a revoked token or a role without ingest is refused")
    func ingestWithToken() async throws {
        let store = try Self.store()
        let source = try store.register(Source(
            name: "police", title: "Main courante", owner: "Ville", purpose: "Suivi", legalRegime: .policeJustice,
            holdsPersonalData: false, retentionDays: 3650, isPublic: false))
        try store.saveMapping(sourceID: source.id!, fileName: "police.yml", text: """
            source: police
            format: {type: csv}
            reference: {column: id}
            time: {column: date, format: "yyyy-MM-dd HH:mm"}
            location: {latitude: lat, longitude: lon}
            category: {column: type, map: {VOL: theft}}
            """)
        func token(_ account: String) throws -> String {
            let secret = "vgt_" + SessionStore.randomToken()
            _ = try store.create(APIToken(label: "feed", accountName: account, tokenHash: SessionStore.key(secret), createdAt: Date()))
            return secret
        }
        let operatorToken = try token("operator")
        let analystToken = try token("analyst")
        let revoked = try token("admin")
        try store.revokeToken(id: try #require(store.tokens().first { $0.accountName == "admin" }?.id), at: Date())
        let csv = "id,date,lat,lon,type\n1,2026-05-01 10:00,43.29,5.37,VOL\n2,2026-05-01 11:00,43.30,5.38,VOL\n3,2026-05-01 12:00,43.30,5.38,ENIGME\n"
        try await Self.application(store).test(.router) { client in
            func send(_ token: String, _ uri: String = "/api/v1/sources/police/records?file=log.csv") async throws -> (HTTPResponse.Status, [String: Any]) {
                try await client.execute(
                    uri: uri, method: .post, headers: [.authorization: "Bearer \(token)"], body: ByteBuffer(string: csv)
                ) { response in
                    (response.status, (try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]) ?? [:])
                }
            }
            let (status, first) = try await send(operatorToken)
            #expect(status == .ok, "\(first)")
            #expect(first["accepted"] as? Int == 2 && first["quarantined"] as? Int == 1 && first["file"] as? String == "log.csv")
            let (_, again) = try await send(operatorToken)
            #expect(again["duplicates"] as? Int == 2 && again["accepted"] as? Int == 0)
            #expect((try await send(analystToken)).0 == .forbidden)
            let (revokedStatus, refusal) = try await send(revoked)
            #expect(revokedStatus == .unauthorized && ((refusal["error"] as? [String: Any])?["code"] as? String) == "bad-token")
            #expect((try await send(operatorToken, "/api/v1/sources/nothing/records")).0 == .notFound)
        }
        #expect(try store.incidentCount(sourceID: source.id) == 2)
        #expect(try store.quarantineCount(sourceID: source.id) == 1, "sending the file again replaces its quarantine entries")
        #expect(try store.auditEntries(limit: 50).contains { $0.action == "ingest" && $0.actor == "operator" && $0.detail.contains(#""accepted":2"#) })
    }
}
