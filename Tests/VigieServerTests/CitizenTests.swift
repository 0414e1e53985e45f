import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigieCore
import VigieServer
import VigieStore

@Suite("Citizens: Open311, the public form, triage, public figures")
struct CitizenTests {
    static let key = "o311_test-key"

    /// The seeded store, with Marseille's area, a public citizen reports source and an Open311 key.
    static func store() throws -> SQLiteStore {
        let store = try ServerTests.seeded()
        try store.save(Deployment(
            name: "Marseille", timeZoneIdentifier: "Europe/Paris", area: BoundingBox(minX: 5.2, minY: 43.15, maxX: 5.6, maxY: 43.4)))
        _ = try store.register(Source(
            name: "citizen-reports", title: "Signalements", owner: "Ville", purpose: "Traiter les signalements",
            legalRegime: .gdpr, holdsPersonalData: true, retentionDays: 365, isPublic: true))
        _ = try store.createOpen311Key(Open311Key(
            label: "app", keyHash: SessionStore.key(key), createdAt: Date()))
        return store
    }

    static func application(_ store: SQLiteStore, _ settings: CitizenSettings = CitizenSettings(jurisdiction: "marseille.fr", formBurst: 50))
        -> some ApplicationProtocol
    {
        Application(router: VigieServer.router(store: store, secureCookies: false, citizens: settings))
    }

    static func post(_ client: some TestClientProtocol, _ fields: String, format: String = "json") async throws -> (HTTPResponse.Status, String) {
        try await client.execute(
            uri: "/open311/v2/requests.\(format)", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: fields)
        ) { response in (response.status, String(buffer: response.body)) }
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, headers: HTTPFields = [:]) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: uri, method: .get, headers: headers) { response in (response.status, String(buffer: response.body)) }
    }

    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test("discovery, services and definitions in JSON and XML, with the spec's root names and string codes")
    func readOnly() async throws {
        try await Self.application(try Self.store()).test(.router) { client in
            let (status, services) = try await Self.get(client, "/open311/v2/services.json?jurisdiction_id=marseille.fr")
            #expect(status == .ok)
            let list = try #require(try Self.json(services) as? [[String: Any]])
            #expect(list.count == CitizenServiceCatalogue.standard.services.count)
            #expect(list.allSatisfy { $0["service_code"] is String && $0["keywords"] is String && $0["metadata"] is Bool })
            #expect(list.first { $0["service_code"] as? String == "109" }?["type"] as? String == "batch")
            let (_, xml) = try await Self.get(client, "/open311/v2/services.xml")
            #expect(xml.hasPrefix(#"<?xml version="1.0" encoding="utf-8"?>"#) && xml.contains("<services><service><service_code>101</service_code>"))
            let (_, definition) = try await Self.get(client, "/open311/v2/services/105.json")
            let object = try #require(try Self.json(definition) as? [String: Any])
            let attributes = try #require(object["attributes"] as? [[String: Any]])
            #expect(attributes.map { $0["order"] as? Int } == [1, 2, 3])
            #expect(attributes[0]["variable"] as? Bool == false)
            let datatypes = Set(CitizenServiceCatalogue.standard.services.flatMap(\.attributes).map(\.datatype))
            #expect(datatypes == Set(ServiceAttributeDatatype.allCases), "the catalogue uses every datatype")
            let (_, definitionXML) = try await Self.get(client, "/open311/v2/services/101.xml")
            #expect(definitionXML.contains("<service_definition><service_code>101</service_code><attributes><attribute>"))
            let (_, discovery) = try await Self.get(client, "/open311/v2/discovery.json")
            let endpoints = try #require((try Self.json(discovery) as? [String: Any])?["endpoints"] as? [[String: Any]])
            #expect(endpoints.first?["specification"] as? String == "http://wiki.open311.org/GeoReport_v2")
            for (uri, expected) in [("/open311/v2/services/999.json", HTTPResponse.Status.notFound), ("/open311/v2/nothing.json", .notFound),
                ("/open311/v2/services.json?jurisdiction_id=paris.fr", .notFound), ("/open311/v2/services.html", .notFound),
                ("/open311/v2/requests/123456.xml", .notFound), ("/open311/v2/tokens/nope.json", .notFound),
                ("/open311/v2/requests.json?status=pending", .badRequest), ("/open311/v2/requests.json?page_size=1001", .badRequest),
                ("/open311/v2/requests.json?page=0", .badRequest),
                ("/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", .badRequest),
                ("/open311/v2/requests.json?start_date=2026-01-01", .badRequest)]
            {
                let (status, body) = try await Self.get(client, uri)
                #expect(status == expected, "\(uri)")
                if uri.hasSuffix(".xml") {
                    #expect(body.contains("<errors><error><code>\(expected.code)</code><description>"), "\(uri): \(body)")
                } else {
                    let errors = try #require(try Self.json(body) as? [[String: Any]], "\(uri): \(body)")
                    #expect(errors.first?["code"] as? Int == expected.code && errors.first?["description"] is String)
                }
            }
        }
    }

    @Test("a request with every datatype is stored as an incident of the citizen source; the batch service gives a token; contacts never show")
    func postEveryDatatype() async throws {
        let store = try Self.store()
        try await Self.application(store).test(.router) { client in
            let base = "api_key=\(Self.key)&jurisdiction_id=marseille.fr&lat=43.2955&long=5.3760&email=jeanne%40example.fr&phone=0600000000&first_name=Jeanne&device_id=phone-1"
            let posts = [
                "service_code=101&attribute%5Bvolume%5D=large&attribute%5Bwaste%5D%5B%5D=rubble&attribute%5Bwaste%5D%5B%5D=green&attribute%5Bnoticed%5D=2026-11-26T18%3A30%3A00%2B01%3A00&description=Gravats",
                "service_code=102&attribute%5Bsurface%5D=facade&attribute%5Barea%5D=2.5",
                "service_code=103&attribute%5Bpole%5D=L-1234&attribute%5Blamps%5D=3",
                "service_code=110&attribute%5Bdetails%5D=Ligne+un%0ALigne+deux",
            ]
            var ids: [String] = []
            for fields in posts {
                let (status, body) = try await Self.post(client, base + "&" + fields)
                #expect(status == .created, "\(fields): \(body)")
                let answer = try #require(try Self.json(body) as? [[String: Any]])
                ids.append(try #require(answer.first?["service_request_id"] as? String))
            }
            let (batchStatus, batch) = try await Self.post(client, base + "&service_code=109&attribute%5Bitems%5D=Canap%C3%A9&attribute%5Baccess%5D=2e+%C3%A9tage", format: "xml")
            #expect(batchStatus == .created && batch.contains("<service_requests><request><token>") && !batch.contains("service_request_id"))
            let token = String(try #require(batch.range(of: "<token>").map { batch[$0.upperBound...].prefix { $0 != "<" } }))
            let (_, resolved) = try await Self.get(client, "/open311/v2/tokens/\(token).json")
            let pair = try #require((try Self.json(resolved) as? [[String: Any]])?.first)
            #expect(pair["token"] as? String == token && pair["service_request_id"] is String)

            let (_, one) = try await Self.get(client, "/open311/v2/requests/\(ids[0]).json")
            let request = try #require((try Self.json(one) as? [[String: Any]])?.first)
            #expect(request["service_code"] as? String == "101" && request["status"] as? String == "open")
            #expect(request["lat"] as? Double == 43.2955 && request["agency_responsible"] as? String == "Métropole")
            #expect((request["requested_datetime"] as? String)?.range(of: #"[+-]\d\d:\d\d$"#, options: .regularExpression) != nil)
            let (_, all) = try await Self.get(client, "/open311/v2/requests.xml")
            for text in [one, all] {
                for personal in ["jeanne", "0600000000", "Jeanne", "phone-1"] { #expect(!text.contains(personal)) }
            }
            // The bulky-waste pickup is at the reporter's home: listed without its place or words, and not found near it.
            let listed = try #require(try Self.json(try await Self.get(client, "/open311/v2/requests.json").1) as? [[String: Any]])
            let pickup = try #require(listed.first { $0["service_code"] as? String == "109" })
            #expect(pickup["lat"] is NSNull && pickup["address"] is NSNull && pickup["description"] is NSNull)
            let (_, near) = try await Self.get(client, "/open311/v2/requests.json?lat=43.2955&long=5.3761&radius=50&status=open")
            #expect((try Self.json(near) as? [[String: Any]])?.count == 4)
            let (_, far) = try await Self.get(client, "/open311/v2/requests.json?lat=43.33&long=5.40&radius=50")
            #expect((try Self.json(far) as? [[String: Any]])?.isEmpty == true)
        }
        let requests = try store.citizenRequests(CitizenRequestQuery())
        #expect(requests.count == 5)
        let first = try #require(requests.first { $0.serviceCode == "101" })
        #expect(first.attributes["waste"] == ["rubble", "green"] && first.attributes["noticed"] == ["2026-11-26T17:30:00Z"])
        #expect(first.districts == ["arrondissement": "13201"])
        let incident = try #require(try store.incidents(ids: [first.incidentID!]).first)
        let citizenSource = try store.source(named: "citizen-reports")
        #expect(incident.category == "street" && incident.sourceID == citizenSource?.id)
        let contact = try #require(try store.reporterContact(requestID: first.id!))
        #expect(contact.email == "jeanne@example.fr" && contact.devicePseudonym == nil, "no pseudonymisation key: the device id is not kept")
        #expect(requests.first { $0.serviceCode == "110" }?.attributes["details"] == ["Ligne un\nLigne deux"])
    }

    @Test("each error of the spec: 403 without a valid key, 404 for an unknown service or jurisdiction, 400 with every problem listed")
    func postErrors() async throws {
        let store = try Self.store()
        try await Self.application(store).test(.router) { client in
            let located = "lat=43.2955&long=5.3760"
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("service_code=101&\(located)&attribute%5Bvolume%5D=small", .forbidden, "api_key"),
                ("api_key=wrong&service_code=101&\(located)&attribute%5Bvolume%5D=small", .forbidden, "api_key"),
                ("api_key=\(Self.key)&\(located)", .badRequest, "service_code: is required"),
                ("api_key=\(Self.key)&service_code=999&\(located)", .notFound, "service_code"),
                ("api_key=\(Self.key)&jurisdiction_id=paris.fr&service_code=101&\(located)", .notFound, "jurisdiction_id"),
                ("api_key=\(Self.key)&service_code=101&attribute%5Bvolume%5D=small", .badRequest, "location"),
                ("api_key=\(Self.key)&service_code=101&address_id=42&attribute%5Bvolume%5D=small", .badRequest, "address_id"),
                ("api_key=\(Self.key)&service_code=101&lat=43.29&attribute%5Bvolume%5D=small", .badRequest, "long: is required"),
                ("api_key=\(Self.key)&service_code=101&lat=48.85&long=2.35&attribute%5Bvolume%5D=small", .badRequest, "outside"),
                ("api_key=\(Self.key)&service_code=101&lat=north&long=5.37&attribute%5Bvolume%5D=small", .badRequest, "lat:"),
                ("api_key=\(Self.key)&service_code=101&\(located)", .badRequest, "attribute[volume]: is required"),
                ("api_key=\(Self.key)&service_code=101&\(located)&attribute%5Bvolume%5D=huge", .badRequest, "is not one of"),
                ("api_key=\(Self.key)&service_code=101&\(located)&attribute%5Bvolume%5D=small&attribute%5Bvolume%5D=large", .badRequest, "takes one value"),
                ("api_key=\(Self.key)&service_code=102&\(located)&attribute%5Bsurface%5D=facade&attribute%5Barea%5D=big", .badRequest, "is not a number"),
                ("api_key=\(Self.key)&service_code=101&\(located)&attribute%5Bvolume%5D=small&attribute%5Bnoticed%5D=2026-11-26T18%3A30", .badRequest, "offset"),
                ("api_key=\(Self.key)&service_code=101&\(located)&attribute%5Bvolume%5D=small&attribute%5Bcolour%5D=red", .badRequest, "no such attribute"),
                ("api_key=\(Self.key)&service_code=105&\(located)&attribute%5Bkind%5D=music&attribute%5Bnotice%5D=x", .badRequest, "takes no answer"),
                ("api_key=\(Self.key)&service_code=101&\(located)&attribute%5Bvolume%5D=small&description=\(String(repeating: "a", count: 4_001))", .badRequest, "description"),
                ("api_key=\(Self.key)&service_code=101&\(located)&attribute%5Bvolume%5D=small&email=not-an-address", .badRequest, "email"),
                ("api_key=\(Self.key)&service_code=101&\(located)&attribute%5Bvolume%5D=%zz", .badRequest, "attribute[volume]"),
            ]
            for (fields, status, words) in cases {
                for format in ["json", "xml"] {
                    let (answered, body) = try await Self.post(client, fields, format: format)
                    #expect(answered == status, "\(fields.prefix(120)) → \(body.prefix(300))")
                    #expect(body.contains(words), "\(fields.prefix(120)) → \(body.prefix(300))")
                    if format == "xml" { #expect(body.contains("<errors><error><code>\(status.code)</code>")) }
                }
            }
            // Several problems at once are all listed.
            let (_, both) = try await Self.post(client, "api_key=\(Self.key)&service_code=101&lat=48.85&long=2.35&attribute%5Bvolume%5D=huge")
            #expect((try Self.json(both) as? [[String: Any]])?.count == 2)
        }
        #expect(try store.citizenRequestCount(CitizenRequestQuery()) == 0, "nothing refused was kept")
    }

    @Test("when the register marks citizen reports non-public, Open311 lists nothing and the public page shows no request figures")
    func notPublic() async throws {
        let store = try Self.store()
        var source = try #require(try store.source(named: "citizen-reports"))
        source.isPublic = false
        try store.update(source)
        try await Self.application(store).test(.router) { client in
            #expect(try await Self.post(client, "api_key=\(Self.key)&service_code=107&lat=43.2955&long=5.3760").0 == .created)
            for uri in ["/open311/v2/requests.json", "/open311/v2/requests/1.xml", "/open311/v2/servicerequestupdates.json"] {
                let (status, body) = try await Self.get(client, uri)
                #expect(status == .forbidden && body.contains("public"), "\(uri)")
            }
            let (_, page) = try await Self.get(client, "/chiffres")
            #expect(!page.contains("request-figures"))
            #expect(try await Self.get(client, "/open311/v2/services.json").0 == .ok)
        }
    }

    @Test("clients post updates (FixMyStreet): a partner's step, a closing, a reopening; each error in the spec's format")
    func postedUpdates() async throws {
        let store = try Self.store()
        try await Self.application(store).test(.router) { client in
            let (_, posted) = try await Self.post(client, "api_key=\(Self.key)&service_code=104&lat=43.2955&long=5.3760&attribute%5Bwhere%5D=roadway")
            let id = try #require((try Self.json(posted) as? [[String: Any]])?.first?["service_request_id"] as? String)
            func update(_ fields: String, format: String = "json") async throws -> (HTTPResponse.Status, String) {
                try await client.execute(
                    uri: "/open311/v2/servicerequestupdates.\(format)", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: fields)
                ) { response in (response.status, String(buffer: response.body)) }
            }
            func status() async throws -> (String?, String?) {
                let (_, one) = try await Self.get(client, "/open311/v2/requests/\(id).json")
                let request = try #require((try Self.json(one) as? [[String: Any]])?.first)
                return (request["status"] as? String, request["status_notes"] as? String)
            }
            var (answered, body) = try await update("api_key=\(Self.key)&service_request_id=\(id)&status=IN_PROGRESS&description=%C3%89quipe+M%C3%A9tropole+sur+place")
            let updateID = (try Self.json(body) as? [[String: Any]])?.first?["update_id"]
            #expect(answered == .created && updateID is String, "\(body)")
            #expect(try await status() == ("open", "Équipe Métropole sur place"))
            (answered, body) = try await update("api_key=\(Self.key)&service_request_id=\(id)&status=CLOSED", format: "xml")
            #expect(answered == .created && body.contains("<service_request_updates><request_update><update_id>"))
            #expect(try await status() == ("closed", nil))
            (answered, _) = try await update("api_key=\(Self.key)&service_request_id=\(id)&status=OPEN&description=Toujours+l%C3%A0")
            #expect(answered == .created)
            #expect(try await status() == ("open", "Toujours là"))
            let future = W3CDateTime.format(Date().addingTimeInterval(86_400), timeZone: .gmt).replacingOccurrences(of: ":", with: "%3A")
            for (fields, expected) in [
                ("service_request_id=\(id)&status=OPEN", HTTPResponse.Status.forbidden),
                ("api_key=\(Self.key)&service_request_id=999999&status=OPEN", .notFound),
                ("api_key=\(Self.key)&status=OPEN", .badRequest),
                ("api_key=\(Self.key)&service_request_id=\(id)", .badRequest),
                ("api_key=\(Self.key)&service_request_id=\(id)&status=MAYBE", .badRequest),
                ("api_key=\(Self.key)&service_request_id=\(id)&status=OPEN&updated_datetime=\(future)", .badRequest),
            ] {
                let (status, body) = try await update(fields, format: "xml")
                #expect(status == expected && body.contains("<errors><error><code>\(expected.code)</code>"), "\(fields): \(body)")
            }
        }
        let steps = try store.citizenRequestUpdates(requestIDs: [try #require(try store.citizenRequests(CitizenRequestQuery()).first?.id)], from: nil, to: nil, limit: 10, offset: 0)
        #expect(steps.map(\.actor) == ["citizen", "open311:app", "open311:app", "open311:app"])
    }

    @Test("a reporter reopens a request said fixed from the tracking page")
    func reopen() async throws {
        let store = try Self.store()
        try await Self.application(store).test(.router) { client in
            let (headers, body) = Self.multipart(
                [("service", "108"), ("lat", "43.2955"), ("long", "5.3760"), ("attribute[item]", "bench")], photo: nil)
            let tracking = try await client.execute(uri: "/signaler", method: .post, headers: headers, body: body) { response in
                String(try #require(response.headers[.location]))
            }
            #expect(!(try await Self.get(client, tracking).1.contains("reopen-form")), "an open request is not reopened")
            let request = try #require(try store.citizenRequests(CitizenRequestQuery()).first)
            _ = try store.addUpdate(CitizenRequestUpdate(
                requestID: request.id!, status: .fixed, body: .city, note: "Banc remplacé", actor: "operator", at: Date()))
            #expect(try await Self.get(client, tracking).1.contains("reopen-form"))
            let (formHeaders, note) = WebTests.form("note=Le+banc+est+encore+cass%C3%A9")
            try await client.execute(uri: tracking + "/reopen", method: .post, headers: formHeaders, body: note) { response in
                #expect(response.status == .seeOther && response.headers[.location] == tracking)
            }
            let (_, page) = try await Self.get(client, tracking)
            #expect(page.contains(#"<dd id="status">Ouvert</dd>"#) && page.contains("Rouvert par la personne qui a signalé : Le banc est encore cassé"))
        }
    }

    @Test("a city's own services replace the standard ones everywhere: Open311, the form, the requests")
    func ownServices() async throws {
        let catalogue = CitizenServiceCatalogue(services: [CitizenService(
            code: "leak", nameFR: "Fuite d'eau", nameEN: "Water leak", descriptionFR: "Fuite sur la voie publique",
            descriptionEN: "A leak in the street", groupFR: "Eau", groupEN: "Water", keywords: "eau", category: "street",
            body: .metropolis)])
        try await Self.application(try Self.store(), CitizenSettings(catalogue: catalogue)).test(.router) { client in
            let services = try #require(try Self.json(try await Self.get(client, "/open311/v2/services.json").1) as? [[String: Any]])
            #expect(services.map { $0["service_code"] as? String } == ["leak"])
            #expect(try await Self.post(client, "api_key=\(Self.key)&service_code=leak&lat=43.2955&long=5.3760").0 == .created)
            #expect(try await Self.post(client, "api_key=\(Self.key)&service_code=101&lat=43.2955&long=5.3760").0 == .notFound)
            #expect(try await Self.get(client, "/signaler").1.contains("Fuite d&#39;eau"))
        }
    }

    @Test("a key posting too fast gets 429 with Retry-After; a revoked key is refused")
    func rateLimit() async throws {
        let store = try Self.store()
        let settings = CitizenSettings(keyBurst: 2, keyPerHour: 1)
        try await Self.application(store, settings).test(.router) { client in
            let fields = "api_key=\(Self.key)&service_code=107&lat=43.2955&long=5.3760"
            for _ in 0..<2 { #expect(try await Self.post(client, fields).0 == .created) }
            try await client.execute(
                uri: "/open311/v2/requests.json", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: fields)
            ) { response in
                #expect(response.status == .tooManyRequests && Int(response.headers[.retryAfter] ?? "") ?? 0 > 0)
            }
            try store.revokeOpen311Key(id: try #require(try store.open311Keys().first?.id), at: Date())
            #expect(try await Self.post(client, fields).0 == .forbidden)
        }
    }

    @Test("triage steps reach the reporter: servicerequestupdates, status notes, open then closed")
    func triageFeedback() async throws {
        let store = try Self.store()
        try await Self.application(store).test(.router) { client in
            let (_, posted) = try await Self.post(client, "api_key=\(Self.key)&service_code=104&lat=43.2955&long=5.3760&attribute%5Bwhere%5D=roadway")
            let id = try #require((try Self.json(posted) as? [[String: Any]])?.first?["service_request_id"] as? String)
            let (cookie, csrf) = try await ServerTests.login(client, .operator)
            let headers: HTTPFields = [.cookie: cookie, .init("X-CSRF-Token")!: csrf, .contentType: "application/json"]
            try await client.execute(
                uri: "/api/v1/citizen-requests/\(id)/updates", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"status": "action-scheduled", "note": "Réparation jeudi", "body": "metropolis", "expected": "2026-12-03"}"#)
            ) { response in #expect(response.status == .created) }
            var (_, one) = try await Self.get(client, "/open311/v2/requests/\(id).json")
            var request = try #require((try Self.json(one) as? [[String: Any]])?.first)
            #expect(request["status"] as? String == "open" && request["status_notes"] as? String == "Réparation jeudi")
            #expect((request["expected_datetime"] as? String)?.hasPrefix("2026-12-03T00:00:00+01:00") == true)
            try await client.execute(
                uri: "/api/v1/citizen-requests/\(id)/updates", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"status": "fixed", "note": "Trou rebouché"}"#)
            ) { response in #expect(response.status == .created) }
            (_, one) = try await Self.get(client, "/open311/v2/requests/\(id).json")
            request = try #require((try Self.json(one) as? [[String: Any]])?.first)
            #expect(request["status"] as? String == "closed")
            let (_, updates) = try await Self.get(client, "/open311/v2/servicerequestupdates.json?service_request_id=\(id)")
            let steps = try #require(try Self.json(updates) as? [[String: Any]])
            #expect(steps.map { $0["status"] as? String } == ["OPEN", "ACTION_SCHEDULED", "FIXED"])
            #expect(steps.map { $0["description"] as? String } == ["", "Réparation jeudi", "Trou rebouché"])
            let (_, updatesXML) = try await Self.get(client, "/open311/v2/servicerequestupdates.xml")
            #expect(updatesXML.contains("<service_request_updates><request_update><update_id>"))
            let (_, closed) = try await Self.get(client, "/open311/v2/requests.json?status=closed")
            #expect((try Self.json(closed) as? [[String: Any]])?.count == 1)
            let analyst = try await ServerTests.login(client, .analyst)
            try await client.execute(
                uri: "/api/v1/citizen-requests/\(id)/updates", method: .post,
                headers: [.cookie: analyst.cookie, .init("X-CSRF-Token")!: analyst.csrf, .contentType: "application/json"],
                body: ByteBuffer(string: #"{"status": "open"}"#)
            ) { response in #expect(response.status == .forbidden) }
            try await client.execute(
                uri: "/api/v1/citizen-requests/999999/updates", method: .post, headers: headers, body: ByteBuffer(string: #"{"status": "open"}"#)
            ) { response in #expect(response.status == .notFound) }
        }
        #expect(try store.auditEntries(limit: 100).contains { $0.actor == "operator" && $0.target.hasPrefix("POST /api/v1/citizen-requests/") })
    }

    /// A 3×2 PNG with a text chunk and an eXIf chunk that must not survive.
    static func png() -> Data {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in body {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            }
            crc ^= 0xFFFF_FFFF
            func be(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
            return be(UInt32(data.count)) + body + be(crc)
        }
        // Stored (uncompressed) deflate of two rows of filter byte 0 and three grey pixels.
        let raw: [UInt8] = [0, 128, 128, 128, 128, 128, 128, 128, 128, 128, 0, 128, 128, 128, 128, 128, 128, 128, 128, 128]
        var adler: (UInt32, UInt32) = (1, 0)
        for byte in raw { adler.0 = (adler.0 + UInt32(byte)) % 65_521; adler.1 = (adler.1 + adler.0) % 65_521 }
        let checksum = adler.1 << 16 | adler.0
        let deflate: [UInt8] = [0x78, 0x01, 0x01, UInt8(raw.count), 0, ~UInt8(raw.count), 0xFF] + raw
            + [UInt8(checksum >> 24), UInt8(checksum >> 16 & 0xFF), UInt8(checksum >> 8 & 0xFF), UInt8(checksum & 0xFF)]
        let header: [UInt8] = [0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0]
        return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header)
            + chunk("tEXt", Array("Comment\u{0}GPS 43.29,5.37".utf8)) + chunk("eXIf", [0x4D, 0x4D, 0, 42]) + chunk("IDAT", deflate)
            + chunk("IEND", []))
    }

    static func multipart(_ fields: [(String, String)], photo: Data?) -> (HTTPFields, ByteBuffer) {
        let boundary = "----vigie-test-boundary"
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        if let photo {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"p.png\"\r\nContent-Type: image/png\r\n\r\n".utf8))
            body.append(photo)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return ([.contentType: "multipart/form-data; boundary=\(boundary)"], ByteBuffer(bytes: body))
    }

    @Test("the public form: sent anonymously with a photo stripped of its metadata, tracked, triaged with a note the tracking page shows")
    func publicFormToTriage() async throws {
        let store = try Self.store()
        try await Self.application(store).test(.router) { client in
            let (_, form) = try await Self.get(client, "/signaler?service=101")
            #expect(form.contains(#"id="report-form""#) && form.contains(#"name="attribute[waste][]""#) && !form.contains("<script>"))
            #expect(form.contains(#"<label for="description">"#) && form.contains(#"id="pick-map""#))
            let (_, english) = try await Self.get(client, "/signaler?lang=en")
            #expect(english.contains("Report a problem"))
            let (badHeaders, badBody) = Self.multipart([("service", "101"), ("attribute[volume]", "huge")], photo: Data("GIF89a....".utf8))
            try await client.execute(uri: "/signaler", method: .post, headers: badHeaders, body: badBody) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .badRequest && html.contains("GIF") && html.contains("Indiquez le lieu") && html.contains("« Volume » : &#39;huge&#39;"), "\(html)")
            }
            let (headers, body) = Self.multipart(
                [("service", "101"), ("lat", "43.2955"), ("long", "5.3760"), ("attribute[volume]", "large"),
                 ("attribute[waste][]", "rubble"), ("attribute[noticed]", "2026-11-26T18:30"), ("description", "Encombrants devant le 12")],
                photo: Self.png())
            let tracking = try await client.execute(uri: "/signaler", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .seeOther)
                return String(try #require(response.headers[.location]).split(separator: "?")[0])
            }
            let (_, page) = try await Self.get(client, tracking)
            #expect(page.contains(#"<dd id="status">Ouvert</dd>"#) && page.contains(#"class="photo""#))
            let photo = try await client.execute(uri: tracking + "/photo", method: .get) { response in
                #expect(response.headers[.contentType] == "image/png")
                return Data(buffer: response.body)
            }
            #expect(photo.range(of: Data("tEXt".utf8)) == nil && photo.range(of: Data("eXIf".utf8)) == nil)
            #expect(photo.range(of: Data("IDAT".utf8)) != nil)
            let request = try #require(try store.citizenRequests(CitizenRequestQuery()).first)
            #expect(request.channel == "web" && request.attributes["noticed"] == ["2026-11-26T17:30:00Z"], "the local time is read in Paris")
            #expect(try store.reporterContact(requestID: request.id!) == nil, "anonymous: nothing kept")

            // Triage: the list, the detail, the form (which needs the CSRF token).
            let cookie = try await PageMatrixTests.login(client, .operator)
            let (_, list) = try await Self.get(client, "/triage?status=open", headers: [.cookie: cookie])
            #expect(list.contains("Encombrants devant le 12") && list.contains(#"href="/triage/\#(request.id!)""#))
            let (_, detail) = try await Self.get(client, "/triage/\(request.id!)", headers: [.cookie: cookie])
            let csrf = try #require(detail.range(of: #"name="csrf" value=""#).map { String(detail[$0.upperBound...].prefix { $0 != "\"" }) })
            let (formHeaders, forged) = WebTests.form("csrf=wrong&status=in-progress")
            try await client.execute(uri: "/triage/\(request.id!)", method: .post, headers: formHeaders.merging([.cookie: cookie]), body: forged) { response in
                #expect(response.status == .forbidden)
            }
            let (_, step) = WebTests.form("csrf=\(csrf)&status=in-progress&body=metropolis&note=Enl%C3%A8vement+pr%C3%A9vu+jeudi&expected=")
            try await client.execute(uri: "/triage/\(request.id!)", method: .post, headers: formHeaders.merging([.cookie: cookie]), body: step) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/triage/\(request.id!)")
            }
            let (_, after) = try await Self.get(client, tracking)
            #expect(after.contains(#"<dd id="status">En cours</dd>"#) && after.contains("Enlèvement prévu jeudi"))
            #expect(!after.contains("operator"), "the tracking page never names staff")
            let auditor = try await PageMatrixTests.login(client, .auditor)
            #expect(try await Self.get(client, "/triage/\(request.id!)", headers: [.cookie: auditor]).0 == .forbidden)
            #expect(try await Self.get(client, "/triage/\(request.id!)/photo").0 == .seeOther, "the staff's photo link needs a session")
        }
        let entries = try store.auditEntries(limit: 200)
        #expect(entries.contains { $0.actor == "operator" && $0.target == "GET /triage" && $0.action == "read" })
        #expect(entries.contains { $0.actor == "operator" && $0.target.hasPrefix("GET /triage/") && $0.action == "read" },
            "reading a request, its contact with it, is audited with the request's number")
    }

    @Test("contacts and photos are deleted at their date; the source's retention takes the requests with their incidents")
    func privacyAndRetention() async throws {
        let store = try Self.store()
        try await Self.application(store, CitizenSettings(contactRetentionDays: 30)).test(.router) { client in
            let (status, _) = try await Self.post(
                client, "api_key=\(Self.key)&service_code=107&lat=43.2955&long=5.3760&email=a%40b.fr&first_name=Ana")
            #expect(status == .created)
        }
        let request = try #require(try store.citizenRequests(CitizenRequestQuery()).first)
        #expect(try store.reporterContact(requestID: request.id!)?.name == "Ana")
        #expect(try store.purgeReporterData(now: Date().addingTimeInterval(29 * 86_400)) == 0)
        #expect(try store.purgeReporterData(now: Date().addingTimeInterval(31 * 86_400)) == 1)
        #expect(try store.reporterContact(requestID: request.id!) == nil)
        #expect(try store.citizenRequest(id: request.id!) != nil)
        _ = try store.enforceRetention(now: Date().addingTimeInterval(400 * 86_400), dryRun: false)
        #expect(try store.citizenRequest(id: request.id!) == nil, "the request went with its incident")
    }

    @Test("public figures, CSV and GeoJSON never show a count below the threshold, nor one the others give away, nor a non-public source")
    func suppression() async throws {
        let store = try Self.store()
        // Citizen reports of the last whole months, a few per month in one district, more in another.
        let source = try #require(try store.source(named: "citizen-reports"))
        try store.replaceDistricts(level: "arrondissement", with: [
            District(level: "arrondissement", code: "13201", name: "1er", population: 40_000, outline: Polygon(outer: [
                .init(x: 5.36, y: 43.28), .init(x: 5.40, y: 43.28), .init(x: 5.40, y: 43.31), .init(x: 5.36, y: 43.31)])),
            District(level: "arrondissement", code: "13202", name: "2e", population: 25_000, outline: Polygon(outer: [
                .init(x: 5.36, y: 43.31), .init(x: 5.40, y: 43.31), .init(x: 5.40, y: 43.34), .init(x: 5.36, y: 43.34)])),
        ])
        let zone = TimeZone(identifier: "Europe/Paris")!
        let year = CivilDate(Date(), in: zone).year - 1
        let run = try store.beginIngestRun(sourceID: source.id!, file: "public.csv", startedAt: Date())
        var records: [IngestBatch.Record] = []
        for month in 1...12 {
            let day = CivilDate(year: year, month: month, day: 10)
            let counts = [("13201", 43.29, 12 + month), ("13202", 43.32, month % 4 == 0 ? 3 : 11)]
            for (code, latitude, count) in counts {
                for number in 0..<count {
                    records.append(IngestBatch.Record(
                        incident: Incident(
                            sourceID: source.id!, sourceReference: "\(code)-\(month)-\(number)", category: "street", rawLabel: "x",
                            occurredAt: day.start(in: zone).addingTimeInterval(3_600 * Double(number % 20)), timePrecision: .exact,
                            location: GeoPoint(latitude: latitude, longitude: 5.38), locationPrecisionMeters: nil,
                            districts: ["arrondissement": code]),
                        contentHash: Int64(records.count), recordNumber: records.count + 1, line: records.count + 2))
                }
            }
        }
        _ = try store.write(IngestBatch(sourceID: source.id!, runID: run, file: "public.csv", records: records))
        try await Self.application(store).test(.router) { client in
            let (_, csv) = try await Self.get(client, "/opendata/incidents.csv?year=\(year)")
            let lines = csv.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            #expect(lines.count == 2 * 13 + 13, "every month of both districts, their totals, the months' totals and the year's")
            for line in lines {
                if let count = Int(line[3]) { #expect(count >= 10, "\(line)") } else { #expect(line[4] == "true") }
            }
            // No line (a district's months and total, a month's districts and total) has exactly one hidden figure.
            var byDistrict: [String: [String]] = [:], byMonth: [String: [String]] = [:]
            for line in lines {
                byDistrict[line[0], default: []].append(line[3])
                byMonth[line[2], default: []].append(line[3])
            }
            for (key, values) in byDistrict.merging(byMonth, uniquingKeysWith: { $0 + $1 }) {
                #expect(values.filter(\.isEmpty).count != 1, "\(key) gives a hidden figure away: \(values)")
            }
            // The 2nd district's small months are hidden; the police log (not public) counts nowhere.
            let second = lines.filter { $0[0] == "13202" && $0[2] != String(year) }
            #expect(second.filter { $0[3].isEmpty }.count >= 3)
            let firstTotal = try #require(lines.first { $0[0] == "13201" && $0[2] == String(year) }?[3])
            #expect(Int(firstTotal) == (1...12).reduce(0) { $0 + 12 + $1 })
            // A year still running publishes its months but no district's total, which would move month after month.
            if CivilDate(Date(), in: zone).month > 1 {
                let (_, running) = try await Self.get(client, "/opendata/incidents.csv")
                let periods = running.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map { $0.components(separatedBy: ",")[2] }
                #expect(!periods.isEmpty && periods.allSatisfy { $0.count == 7 }, "months only: \(periods)")
            }
            #expect(try await Self.get(client, "/opendata/incidents.csv?year=1999").0 == .badRequest)
            let (_, geojson) = try await Self.get(client, "/opendata/incidents.geojson?year=\(year)")
            let features = try #require((try Self.json(geojson) as? [String: Any])?["features"] as? [[String: Any]])
            for feature in features {
                for (key, value) in try #require(feature["properties"] as? [String: Any]) where key.first?.isNumber == true || key == "total" {
                    if let count = value as? Int { #expect(count >= 10, "\(key)") }
                }
            }
            let (status, page) = try await Self.get(client, "/chiffres?year=\(year)")
            #expect(status == .ok && page.contains(#"id="figures""#) && page.contains("<svg"))
            let cells = page.components(separatedBy: "<td>").dropFirst().map { $0.prefix { $0 != "<" } }
            for cell in cells { if let count = Int(cell.replacingOccurrences(of: "\u{202F}", with: "")) { #expect(count >= 10, "\(cell)") } }
            #expect(try await Self.get(client, "/chiffres?year=nope").0 == .badRequest)
        }
    }
}
