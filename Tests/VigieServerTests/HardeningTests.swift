import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VigieCore
import VigieStore

@testable import VigieServer

@Suite("The server, hardened")
struct HardeningTests {
    @Test("a disabled account's open session ends at its next request, and a new role applies at once")
    func sessionsFollowTheAccount() async throws {
        let store = try ServerTests.store()
        try await ServerTests.application(store).test(.router) { client in
            let (analyst, _) = try await ServerTests.login(client, .analyst)
            let (commander, _) = try await ServerTests.login(client, .commander)
            var demoted = try #require(try store.account(named: "commander"))
            demoted.role = .auditor
            try store.update(demoted)
            try await client.execute(uri: "/api/v1/agenda?days=1", method: .get, headers: [.cookie: commander]) { response in
                #expect(response.status == .forbidden)
            }
            var disabled = try #require(try store.account(named: "analyst"))
            disabled.disabledAt = Date()
            try store.update(disabled)
            try await client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: analyst]) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("a login posted from another site is refused; an oversized name is refused before the limiter keeps it")
    func loginOrigins() async throws {
        let store = try ServerTests.store()
        try await ServerTests.application(store).test(.router) { client in
            try await client.execute(
                uri: "/login", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .origin: "https://evil.example"],
                body: ByteBuffer(string: "name=analyst&password=secret-analyst")
            ) { response in
                #expect(response.status == .forbidden && String(buffer: response.body).contains("cross-origin"))
            }
            let long = String(repeating: "a", count: 100_000)
            try await client.execute(
                uri: "/api/v1/session", method: .post, body: ByteBuffer(string: #"{"name": "\#(long)", "password": "x"}"#)
            ) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/density?cell=25&bandwidth=5000", method: .get,
                headers: [.cookie: try await ServerTests.login(client, .analyst).cookie]) { response in
                #expect(response.status == .badRequest && String(buffer: response.body).contains("spans more than 20 cells"))
            }
        }
    }

    @Test("a known path asked with another method answers 405 with the methods it takes")
    func methodNotAllowed() async throws {
        let store = try ServerTests.store()
        try await ServerTests.application(store).test(.router) { client in
            try await client.execute(uri: "/api/v1/sources", method: .put) { response in
                #expect(response.status == .methodNotAllowed && response.headers[.allow] == "GET, POST")
            }
            try await client.execute(uri: "/api/v1/sources/police/records", method: .get) { response in
                #expect(response.status == .methodNotAllowed && response.headers[.allow] == "POST")
            }
            try await client.execute(uri: "/api/v1/nowhere", method: .put) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("attempts are counted when they are let through, so simultaneous guesses cannot all pass")
    func limiterCountsAtAdmission() async {
        let limiter = LoginLimiter(limit: 3, addressLimit: 100, window: 600)
        var admitted = 0
        for _ in 0..<10 where await limiter.admit(["name:admin", "address:a"]) == nil { admitted += 1 }
        #expect(admitted == 3)
        await limiter.succeeded(["name:admin", "address:a"])
        #expect(await limiter.admit(["name:admin", "address:a"]) == nil, "a success takes back its name's attempts")
    }

    @Test("audit entries written together from many requests at once form one intact chain, none lost")
    func auditTrailBatches() async throws {
        let store = try SQLiteStore.inMemory()
        let trail = AuditTrail(store: store)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask { try await trail.record(actor: "a\(index)", action: "read", target: "GET /x", detail: "") }
            }
            try await group.waitForAll()
        }
        #expect(try store.verifyAudit() == .intact(entries: 200))
        #expect(Set(try store.auditEntries(limit: 500).map(\.actor)).count == 200)
    }

    @Test("the same read by the same account within a minute is written once; another filter or a minute later is written")
    func readsCoalesce() async throws {
        let store = try SQLiteStore.inMemory()
        let trail = AuditTrail(store: store)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        try await trail.read(actor: "marie", target: "GET /api/v1/stats", detail: "by=district", now: start)
        try await trail.read(actor: "marie", target: "GET /api/v1/stats", detail: "by=district", now: start.addingTimeInterval(30))
        try await trail.read(actor: "marie", target: "GET /api/v1/stats", detail: "by=category", now: start.addingTimeInterval(31))
        try await trail.read(actor: "paul", target: "GET /api/v1/stats", detail: "by=district", now: start.addingTimeInterval(32))
        try await trail.read(actor: "marie", target: "GET /api/v1/stats", detail: "by=district", now: start.addingTimeInterval(61))
        let entries = try store.auditEntries(limit: 10).reversed().map { "\($0.actor) \($0.detail)" }
        #expect(entries == ["marie by=district", "marie by=category", "paul by=district", "marie by=district"])
    }

    @Test("escaping works on scalars: a quote with a combining mark is still escaped")
    func escaping() {
        #expect(HTML.escape("x\"\u{301} onmouseover=<b>&'") == "x&quot;\u{301} onmouseover=&lt;b&gt;&amp;&#39;")
    }
}
