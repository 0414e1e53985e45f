import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigieCore
import VigieStore

@testable import VigieServer

@Suite("The analyses over HTTP: hot spots, trends, forecasts, patrol plans, acknowledging alerts")
struct AnalysesRouteTests {
    static func object(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
    }

    @Test("the planted hot block is a hot spot; CompStat and series answer; a bad neighbourhood is a 400 naming it")
    func hotspotsAndTrends() async throws {
        let store = try ServerTests.seeded()
        try await ServerTests.application(store).test(.router) { client in
            let (cookie, _) = try await ServerTests.login(client, .analyst)
            try await client.execute(uri: "/api/v1/hotspots?cell=100&distance=300", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                let features = try #require(try Self.object(response.body)["features"] as? [[String: Any]])
                let hot = features.filter { ($0["properties"] as? [String: Any])?["kind"] as? String == "hot" }
                #expect(!hot.isEmpty)
                // A hot cell holds the planted block at 43.2954 N, 5.3756 E.
                let holding = hot.filter { feature in
                    guard let ring = ((feature["geometry"] as? [String: Any])?["coordinates"] as? [[[[Double]]]])?.first?.first
                    else { return false }
                    let longitudes = ring.map { $0[0] }, latitudes = ring.map { $0[1] }
                    return longitudes.min()! <= 5.3756 && 5.3756 <= longitudes.max()! && latitudes.min()! <= 43.2954
                        && 43.2954 <= latitudes.max()!
                }
                #expect(holding.count == 1)
                // The strongest lies within the 300 m neighbourhood of the block.
                let strongest = try #require(((hot[0]["geometry"] as? [String: Any])?["coordinates"] as? [[[[Double]]]])?.first?.first)
                let latitude = strongest.dropLast().map { $0[1] }.reduce(0, +) / 4
                let longitude = strongest.dropLast().map { $0[0] }.reduce(0, +) / 4
                #expect(abs(latitude - 43.2954) * 111_000 < 300 && abs(longitude - 5.3756) * 81_000 < 300)
            }
            try await client.execute(uri: "/api/v1/hotspots?cell=100&distance=5000", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("distance"))
            }
            try await client.execute(uri: "/api/v1/trends?by=category&asOf=2026-05-31", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                let table = try Self.object(response.body)
                #expect(table["asOf"] as? String == "2026-05-31")
                let lines = try #require(table["lines"] as? [[String: Any]])
                let keys = lines.compactMap { $0["key"] as? String }
                #expect(keys.contains("burglary") && keys.contains("theft") && keys.last == "")
                let theft = try #require(lines.first { $0["key"] as? String == "theft" }?["year_to_date_vs_year_before"] as? [String: Any])
                #expect(theft["current"] as? Int == 453 - 453 / 4 - 1)
                let all = try #require(lines.last?["year_to_date_vs_year_before"] as? [String: Any])
                #expect(all["current"] as? Int == 453 && all["reference"] as? Int == 0)
            }
            try await client.execute(uri: "/api/v1/trends?series=week", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                let series = try #require(try Self.object(response.body)["series"] as? [[String: Any]])
                // Three incidents a day, every day: whole weeks hold 21 each.
                #expect(series.count >= 20 && series.allSatisfy { $0["count"] as? Int == 21 })
            }
            try await client.execute(uri: "/api/v1/trends?series=year", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("series: 'year'"))
            }
        }
    }

    @Test("a forecast says its method, training and accuracy; a plan puts its first unit on the hot block; the briefing prints")
    func forecastAndPatrol() async throws {
        let store = try ServerTests.seeded()
        try await ServerTests.application(store).test(.router) { client in
            let (cookie, _) = try await ServerTests.login(client, .commander)
            try await client.execute(uri: "/api/v1/forecast?method=count&horizon=1d&cell=100", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                let layer = try Self.object(response.body)
                let provenance = try #require(layer["forecast"] as? [String: Any])
                #expect(provenance["method"] as? String == "count")
                #expect(provenance["trainingIncidents"] as? Int == 480)
                #expect((provenance["accuracy"] as? [String: Any])?["days"] as? Int == 90)
                #expect((layer["features"] as? [Any])?.isEmpty == false)
            }
            try await client.execute(uri: "/api/v1/patrol?method=count&units=2&cell=100&radius=200", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                let plan = try Self.object(response.body)
                let areas = try #require(plan["areas"] as? [[String: Any]])
                #expect(areas.count == 2)
                #expect(abs((areas[0]["latitude"] as? Double ?? 0) - 43.2954) < 0.002)
                #expect(abs((areas[0]["longitude"] as? Double ?? 0) - 5.3756) < 0.002)
                #expect(areas[0]["district"] as? String == "1er")
                #expect((plan["share"] as? Double ?? 0) > 0.5)
            }
            try await client.execute(uri: "/api/v1/patrol?units=0", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("units"))
            }
            try await client.execute(uri: "/api/v1/forecast?horizon=40d", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("horizon"))
            }
            // Numbers that would overflow, and days far from the data, are refused before any work.
            for query in ["horizon=1000000000000000000d", "horizon=9223372036854775807h", "day=9999-12-31", "day=1900-01-01"] {
                try await client.execute(uri: "/api/v1/forecast?method=count&\(query)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .badRequest, "\(query)")
                }
            }
            try await client.execute(uri: "/api/v1/trends?series=day&from=0001-01-01&to=9999-12-31", method: .get, headers: [.cookie: cookie]) { response in
                let series = try #require(try Self.object(response.body)["series"] as? [Any])
                #expect(series.count == 160, "the data's 160 days only")
            }
            try await client.execute(uri: "/patrol/briefing?method=count&units=2&cell=100&radius=200", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("Briefing de patrouille") && page.contains("<svg") && page.contains("/assets/briefing.css"))
                #expect(!page.contains("<style") && !page.contains("<script"))
            }
        }
    }

    @Test("an alert is acknowledged once, with its note and who did it, and the act is audited")
    func acknowledgeAlert() async throws {
        let store = try ServerTests.seeded()
        let recorded = try store.record([Alert(
            kind: .excess, day: CivilDate(year: 2026, month: 5, day: 1), districtLevel: "arrondissement",
            districtCode: "13201", category: "theft", observed: 12, expected: 3, p: 0.0001, detectedAt: Date())])
        let id = try #require(recorded.first?.id)
        try await ServerTests.application(store).test(.router) { client in
            let (cookie, csrf) = try await ServerTests.login(client, .operator)
            let headers: HTTPFields = [.cookie: cookie, .init("X-CSRF-Token")!: csrf, .contentType: "application/json"]
            try await client.execute(uri: "/api/v1/alerts/\(id)/acknowledge", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"note": "patrouille envoyée"}"#)) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/alerts/\(id)/acknowledge", method: .post, headers: headers) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("operator"))
            }
            try await client.execute(uri: "/api/v1/alerts/\(id)/acknowledge", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"note": ""# + String(repeating: "é", count: 40_000) + #""}"#)) { response in
                #expect(response.status == .badRequest && String(buffer: response.body).contains("more than 64 KiB"))
            }
            try await client.execute(uri: "/api/v1/alerts/999999/acknowledge", method: .post, headers: headers) { response in
                #expect(response.status == .notFound)
            }
            let (auditor, auditorToken) = try await ServerTests.login(client, .auditor)
            try await client.execute(uri: "/api/v1/alerts/\(id)/acknowledge", method: .post,
                headers: [.cookie: auditor, .init("X-CSRF-Token")!: auditorToken]) { response in
                #expect(response.status == .forbidden)
            }
        }
        let alert = try #require(try store.alerts(includeAcknowledged: true, limit: 10).first { $0.id == id })
        #expect(alert.acknowledgedBy == "operator" && alert.note == "patrouille envoyée")
        #expect(try store.auditEntries(limit: 100).contains {
            $0.actor == "operator" && $0.action == "write" && $0.target == "POST /api/v1/alerts/\(id)/acknowledge"
        })
    }

    @Test("incidents one by one: the latest first, a page at a time, filtered, with their source and precision")
    func incidentPages() async throws {
        let store = try ServerTests.seeded()
        try await ServerTests.application(store).test(.router) { client in
            let (cookie, _) = try await ServerTests.login(client, .operator)
            let first = try await client.execute(uri: "/api/v1/incidents?limit=3", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                let page = try Self.object(response.body)
                #expect(page["total"] as? Int == 480)
                let incidents = try #require(page["incidents"] as? [[String: Any]])
                #expect(incidents.map { $0["reference"] as? String } == ["s479", "s478", "s477"])
                #expect(incidents[0]["source"] as? String == "police" && incidents[0]["timePrecision"] as? String == "exact")
                #expect((incidents[0]["districts"] as? [String: String])?["arrondissement"] == "13201")
                return incidents
            }
            try await client.execute(uri: "/api/v1/incidents?limit=2&offset=2", method: .get, headers: [.cookie: cookie]) { response in
                let incidents = try #require(try Self.object(response.body)["incidents"] as? [[String: Any]])
                #expect(incidents.first?["reference"] as? String == first.last?["reference"] as? String)
            }
            try await client.execute(uri: "/api/v1/incidents?category=burglary&from=2026-01-01&to=2026-01-05&district=13201", method: .get, headers: [.cookie: cookie]) { response in
                let page = try Self.object(response.body)
                // Days 1 to 4 of January: 12 incidents, one in four a burglary.
                #expect(page["total"] as? Int == 3)
            }
            try await client.execute(uri: "/api/v1/stats?by=category&source=police", method: .get, headers: [.cookie: cookie]) { response in
                let table = try Self.object(response.body)
                #expect(table["total"] as? Int == 480)
            }
            try await client.execute(uri: "/api/v1/density?source=fire", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/incidents?source=fire", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .notFound && String(buffer: response.body).contains("no source named 'fire'"))
            }
            try await client.execute(uri: "/api/v1/incidents?limit=0", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .badRequest && String(buffer: response.body).contains("limit"))
            }
        }
    }

    @Test("a scan records a planted excess day once; a second scan records nothing; a role without the permission is refused")
    func scanForAlerts() async throws {
        let store = try ServerTests.seeded()
        // Fifteen more thefts on the last day, 2026-06-09, in the 1st arrondissement.
        let source = try #require(try store.source(named: "police"))
        let run = try store.beginIngestRun(sourceID: source.id!, file: "burst.csv", startedAt: Date())
        _ = try store.write(IngestBatch(sourceID: source.id!, runID: run, file: "burst.csv", records: (0..<15).map { number in
            IngestBatch.Record(
                incident: Incident(
                    sourceID: source.id!, sourceReference: "burst\(number)", category: "theft", rawLabel: "theft",
                    occurredAt: Date(timeIntervalSince1970: 1_780_999_200 + Double(number) * 600), timePrecision: .exact,
                    location: GeoPoint(latitude: 43.29, longitude: 5.37), locationPrecisionMeters: nil,
                    districts: ["arrondissement": "13201"]),
                contentHash: Int64(number), recordNumber: number + 1, line: number + 2)
        }))
        try await ServerTests.application(store).test(.router) { client in
            let (cookie, csrf) = try await ServerTests.login(client, .analyst)
            let headers: HTTPFields = [.cookie: cookie, .init("X-CSRF-Token")!: csrf]
            try await client.execute(uri: "/api/v1/alerts/scan", method: .post, headers: headers) { response in
                #expect(response.status == .ok)
                let recorded = try #require(try Self.object(response.body)["recorded"] as? [[String: Any]])
                #expect(recorded.contains { $0["kind"] as? String == "excess" && $0["day"] as? String == "2026-06-09"
                    && $0["category"] as? String == "theft" && $0["districtCode"] as? String == "13201" })
            }
            try await client.execute(uri: "/api/v1/alerts/scan", method: .post, headers: headers) { response in
                let again = try Self.object(response.body)
                #expect((again["recorded"] as? [Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/api/v1/alerts/scan?to=2026-06-01", method: .post, headers: headers) { response in
                #expect(response.status == .badRequest)
            }
            let (commander, token) = try await ServerTests.login(client, .commander)
            try await client.execute(uri: "/api/v1/alerts/scan", method: .post,
                headers: [.cookie: commander, .init("X-CSRF-Token")!: token]) { response in
                #expect(response.status == .forbidden)
            }
        }
        #expect(try store.alerts(includeAcknowledged: false, limit: 100).contains { $0.day == CivilDate(year: 2026, month: 6, day: 9) })
    }
}

@Suite("The register and the accounts through the API")
struct AdminRouteTests {
    @Test("an administrator registers a source and changes it, adds an account, changes its role and disables it; bad fields and others' roles are refused; each change is audited")
    func registerAndAccounts() async throws {
        let store = try ServerTests.store()
        try await ServerTests.application(store).test(.router) { client in
            let (cookie, csrf) = try await ServerTests.login(client, .admin)
            let headers: HTTPFields = [.cookie: cookie, .init("X-CSRF-Token")!: csrf, .contentType: "application/json"]
            func send(_ uri: String, _ method: HTTPRequest.Method, _ json: String, _ with: HTTPFields? = nil) async throws -> (HTTPResponse.Status, String) {
                try await client.execute(uri: uri, method: method, headers: with ?? headers, body: ByteBuffer(string: json)) { response in
                    (response.status, String(buffer: response.body))
                }
            }
            let entry = #"{"name": "signalements", "title": "Signalements", "owner": "Ville", "purpose": "Suivi des signalements", "legalRegime": "gdpr", "holdsPersonalData": true, "retentionDays": 365}"#
            let added = try await send("/api/v1/sources", .post, entry)
            #expect(added.0 == .created && added.1.contains(#""isPublic":false"#))
            #expect(try await send("/api/v1/sources", .post, entry).0 == .conflict)
            let short = try await send("/api/v1/sources", .post, #"{"name": "x"}"#)
            #expect(short.0 == .badRequest && short.1.contains("needs name, title"))
            let zero = try await send("/api/v1/sources/signalements", .patch, #"{"retentionDays": 0}"#)
            #expect(zero.0 == .badRequest && zero.1.contains("retention must be at least 1 day"))
            #expect(try await send("/api/v1/sources/signalements", .patch, #"{"retentionDays": 730, "isPublic": true}"#).0 == .ok)
            #expect(try store.source(named: "signalements")?.retentionDays == 730 && store.source(named: "signalements")?.isPublic == true)
            #expect(try await send("/api/v1/sources/nowhere", .patch, #"{"retentionDays": 30}"#).0 == .notFound)

            let weak = try await send("/api/v1/users", .post, #"{"name": "agent.martin", "role": "operator", "password": "short"}"#)
            #expect(weak.0 == .badRequest && weak.1.contains("at least 12 characters"))
            #expect(try await send("/api/v1/users", .post, #"{"name": "agent.martin", "role": "operator", "password": "correct-horse-battery"}"#).0 == .created)
            #expect(try await send("/api/v1/users/agent.martin", .patch, #"{"role": "commander"}"#).0 == .ok)
            #expect(try await send("/api/v1/users/agent.martin", .patch, #"{"disabled": true}"#).0 == .ok)
            #expect(try store.account(named: "agent.martin")?.role == .commander && store.account(named: "agent.martin")?.disabledAt != nil)
            #expect(try await send("/api/v1/users/admin", .patch, #"{"disabled": true}"#).0 == .conflict)
            #expect(try await send("/api/v1/users/agent.martin", .patch, #"{"disabled": false}"#).0 == .badRequest)

            let (analyst, token) = try await ServerTests.login(client, .analyst)
            let theirs: HTTPFields = [.cookie: analyst, .init("X-CSRF-Token")!: token, .contentType: "application/json"]
            #expect(try await send("/api/v1/users/operator", .patch, #"{"disabled": true}"#, theirs).0 == .forbidden)
            #expect(try await send("/api/v1/sources/signalements", .patch, #"{"retentionDays": 1}"#, theirs).0 == .forbidden)
        }
        let entries = try store.auditEntries(limit: 500).filter { $0.actor == "admin" }
        #expect(entries.contains { $0.action == "create" && $0.target == "source:signalements" })
        #expect(entries.contains { $0.action == "update" && $0.target == "source:signalements" && $0.detail.contains(#""retentionDays":730"#) })
        #expect(entries.contains { $0.action == "update" && $0.target == "account:agent.martin" && $0.detail == #"{"role":"commander","was":"operator"}"# })
        #expect(try store.verifyAudit() == .intact(entries: Int64(try store.auditEntries(limit: 10_000).count)))
    }
}
