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
        #expect(try CommandRunner.run(["users", "add", "feed-bot", "--role", "operator", "--db", db], environment: password).status == 0)
        let created = try CommandRunner.run(["tokens", "create", "--account", "feed-bot", "--label", "police feed", "--db", db])
        let token = created.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(created.status == 0 && token.hasPrefix("vgt_") && token.count == 68, "\(created.error)")
        #expect(try CommandRunner.run(["tokens", "list", "--db", db]).output.contains("police feed"))
        let mapping = try directory.write("police.yml", text: """
            source: police
            register: {title: Main courante, owner: Police municipale, purpose: Suivi, legal_regime: police-justice, personal_data: false, retention_days: 3650}
            format: {type: csv}
            reference: {column: id}
            time: {column: date, format: "yyyy-MM-dd HH:mm"}
            location: {latitude: lat, longitude: lon}
            category: {column: type, map: {VOL: theft}}
            """)
        let registered = try CommandRunner.run(["sources", "add", "police", "--title", "Main courante", "--owner", "Police municipale",
            "--purpose", "Suivi", "--legal-regime", "police-justice", "--personal-data", "no", "--retention-days", "3650", "--public", "no", "--db", db])
        #expect(registered.status == 0, "\(registered.error)")
        let kept = try CommandRunner.run(["sources", "set-mapping", "police", mapping.path, "--db", db])
        #expect(kept.status == 0, "\(kept.error)")

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

        var upload = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/v1/sources/police/records?file=today.csv")!)
        upload.httpMethod = "POST"
        upload.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        upload.httpBody = Data("id,date,lat,lon,type\n1,2026-05-01 10:00,43.29,5.37,VOL\n".utf8)
        let (summary, uploadResponse) = try await URLSession.shared.data(for: upload)
        #expect((uploadResponse as? HTTPURLResponse)?.statusCode == 200, "\(String(decoding: summary, as: UTF8.self))")
        #expect(String(decoding: summary, as: UTF8.self).contains(#""accepted":1"#))

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
