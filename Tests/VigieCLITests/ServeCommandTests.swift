import Foundation
import GRDB
import Testing
import VigieTestSupport

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("vigie serve, users and audit, as commands")
struct ServeCommandTests {
    @Test("an account added from the command line logs in to the served store; Ctrl-C stops the server cleanly; the audit log verifies, and a tampered one does not")
    func serveUsersAudit() async throws {
        let directory = try TemporaryDirectory()
        let db = directory.file("v.sqlite").path
        let password = ["VIGIE_PASSWORD": "correct horse battery"]
        let added = try CommandRunner.run(["users", "add", "marie", "--role", "analyst", "--db", db], environment: password)
        #expect(added.status == 0, "\(added.error)")
        let short = try CommandRunner.run(["users", "add", "paul", "--role", "admin", "--db", db], environment: ["VIGIE_PASSWORD": "short"])
        #expect(short.status != 0 && short.error.contains("at least 12 characters"))
        let bad = try CommandRunner.run(["users", "add", "Paul Martin", "--role", "admin", "--db", db], environment: password)
        #expect(bad.status != 0 && bad.error.contains("is not a login name"))
        #expect(try CommandRunner.run(["users", "list", "--db", db]).output.contains("marie"))

        let port = Int.random(in: 20_000..<40_000)
        let server = try CommandRunner.start(["serve", "--db", db, "--port", String(port)])
        defer { if server.process.isRunning { server.process.terminate() } }
        let base = URL(string: "http://127.0.0.1:\(port)")!
        var ready = false
        for _ in 0..<100 where !ready {
            if let (_, response) = try? await URLSession.shared.data(from: base.appendingPathComponent("health")),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                ready = true
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        #expect(ready, "the server did not answer: \(server.errorSoFar())")
        var login = URLRequest(url: base.appendingPathComponent("api/v1/session"))
        login.httpMethod = "POST"
        login.setValue("application/json", forHTTPHeaderField: "Content-Type")
        login.httpBody = Data(#"{"name": "marie", "password": "correct horse battery"}"#.utf8)
        let (_, loginResponse) = try await URLSession.shared.data(for: login)
        let http = try #require(loginResponse as? HTTPURLResponse)
        #expect(http.statusCode == 200)
        let cookie = try #require(http.value(forHTTPHeaderField: "Set-Cookie")).split(separator: ";")[0]
        #expect(http.value(forHTTPHeaderField: "Set-Cookie")?.contains("Secure") == true)
        var sources = URLRequest(url: base.appendingPathComponent("api/v1/sources"))
        sources.setValue(String(cookie), forHTTPHeaderField: "Cookie")
        let (_, sourcesResponse) = try await URLSession.shared.data(for: sources)
        #expect((sourcesResponse as? HTTPURLResponse)?.statusCode == 200)

        server.process.interrupt()
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0, "a clean stop on SIGINT: \(server.errorSoFar())")

        let verified = try CommandRunner.run(["audit", "verify", "--db", db])
        #expect(verified.status == 0 && verified.output.contains("intact"), "\(verified.error)")
        let log = try CommandRunner.run(["audit", "list", "--db", db])
        #expect(log.output.contains("login") && log.output.contains("GET /api/v1/sources") && log.output.contains("account:marie"))

        try await DatabaseQueue(path: db).write { db in
            try db.execute(sql: """
                DROP TRIGGER audit_log_append_only_update;
                UPDATE audit_log SET actor = 'someone-else' WHERE sequence = 2;
                """)
        }
        let broken = try CommandRunner.run(["audit", "verify", "--db", db])
        #expect(broken.status == 1 && broken.error.contains("broken at entry 2"), "\(broken.output) \(broken.error)")
    }
}
