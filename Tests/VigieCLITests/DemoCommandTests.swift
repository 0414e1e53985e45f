import Foundation
import GRDB
import Testing
import VigieCore
import VigieStore
import VigieTestSupport

@Suite("vigie demo")
struct DemoCommandTests {
    /// Everything the demo stored, independent of ingest times and of the run's pseudonymisation key.
    func digest(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            let incidents = try String.fetchAll(db, sql: """
                SELECT s.name || '|' || i.source_ref || '|' || i.category || '|' || i.raw_label || '|'
                    || i.occurred_at || '|' || ifnull(i.latitude, '') || '|' || ifnull(i.longitude, '')
                FROM incident i JOIN source s ON s.id = i.source_id ORDER BY s.name, i.source_ref
                """)
            let events = try String.fetchAll(db, sql: """
                SELECT source_ref || '|' || kind || '|' || title || '|' || starts_at || '|' || ends_at || '|'
                    || geometry
                FROM planned_event ORDER BY source_ref
                """)
            return incidents + events
        }
    }

    @Test("the same seed and end date give the same city, through the real ingestion path")
    func deterministicCity() throws {
        let directory = try TemporaryDirectory()
        let first = directory.file("a.sqlite").path
        let second = directory.file("b.sqlite").path
        let environment = ["VIGIE_PSEUDONYMISATION_KEY": "demo-test-key-0123456789abcdef0123456789"]
        for path in [first, second] {
            let result = try CommandRunner.run(
                ["demo", "--db", path, "--seed", "7", "--end", "2026-06-01", "--scale", "0.05", "--no-serve"],
                environment: environment)
            #expect(result.status == 0, "\(result.error)")
            #expect(result.output.contains("16 arrondissements"), "\(result.output)")
        }
        #expect(try digest(first) == digest(second))

        let store = try SQLiteStore.open(path: first)
        #expect(try store.deployment().timeZoneIdentifier == "Europe/Paris")
        #expect(try store.quarantineCount(sourceID: nil) == 0)
        let sources = try store.sources()
        #expect(Set(sources.map(\.name)).isSuperset(of: [
            "municipal-police-log", "fire-brigade", "citizen-reports", "electronic-tickets", "public-space-agenda",
        ]))
        for source in sources where !["public-space-agenda", "meteo-france"].contains(source.name) {
            #expect(try store.incidentCount(sourceID: source.id) > 100, "\(source.name)")
        }
        let incidents = try store.incidents(sourceID: nil, limit: 2_000)
        #expect(incidents.allSatisfy { $0.districts["arrondissement"] != nil })
        let tickets = try #require(sources.first { $0.name == "electronic-tickets" })
        let plates = try store.incidents(sourceID: tickets.id, limit: 50).compactMap { $0.attributes.values.first { $0.hasPrefix("p:") } }
        #expect(!plates.isEmpty, "ticket plates are stored pseudonymised")

        // Two years of weather observed and 14 days forecast, from one station.
        let weather = try store.weather(from: CivilDate(year: 2024, month: 1, day: 1), through: CivilDate(year: 2026, month: 12, day: 31))
        #expect(weather.count == 730 + 14 && weather.filter(\.isForecast).count == 14)
        #expect(weather.filter(\.isForecast).first?.day == CivilDate(year: 2026, month: 6, day: 1))

        // The agenda of the next 30 days: scores for items and district days, clashes, means, a short day.
        let agenda = try CommandRunner.run(["agenda", "--db", first, "--from", "2026-06-01", "--json"])
        #expect(agenda.status == 0, "\(agenda.error)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(agenda.output.utf8)) as? [String: Any])
        let items = try #require(document["items"] as? [[String: Any]])
        let calendar = try #require(document["calendar"] as? [[String: Any]])
        #expect(items.count > 50 && calendar.count == 30)
        #expect(document["incidentHistory"] as? Bool == true)
        #expect(calendar.allSatisfy { ($0["districts"] as? [Any])?.count == 16 })
        let reasons = items.flatMap { (($0["risk"] as? [String: Any])?["reasons"] as? [[String: Any]]) ?? [] }
        #expect(Set(reasons.compactMap { $0["factor"] as? String }).isSuperset(of: ["attendance", "kind", "history", "forecast", "weather", "clashes"]))
        #expect(!(document["clashes"] as? [Any] ?? []).isEmpty)
        let clashes = try CommandRunner.run(["clashes", "--db", first, "--from", "2026-06-01"])
        #expect(clashes.status == 0 && clashes.output.contains("clash(es) among"), "\(clashes.error)")
        let measures = try CommandRunner.run(["measures", "--db", first, "--from", "2026-06-01"])
        #expect(measures.status == 0 && measures.output.contains("short of means"), "\(measures.error)")
        let review = try CommandRunner.run(["agenda", "review", "--db", first, "--json"])
        #expect(review.status == 0, "\(review.error)")
        let reviewed = try #require(try JSONSerialization.jsonObject(with: Data(review.output.utf8)) as? [String: Any])
        #expect(((reviewed["kinds"] as? [[String: Any]]) ?? []).contains { $0["kind"] as? String == "market" })

        let other = directory.file("c.sqlite").path
        #expect(try CommandRunner.run(
            ["demo", "--db", other, "--seed", "8", "--end", "2026-06-01", "--scale", "0.05", "--no-serve"],
            environment: environment).status == 0)
        #expect(try digest(first) != digest(other))
    }

    @Test("the demo refuses, without touching them, a real store and a file that is not a Vigie store")
    func refusesOtherFiles() throws {
        let directory = try TemporaryDirectory()
        let real = directory.file("real.sqlite").path
        try SQLiteStore.open(path: real).save(Deployment(name: "Marseille"))
        let refused = try CommandRunner.run(["demo", "--db", real, "--scale", "0.01", "--no-serve"])
        #expect(refused.status == 1 && refused.error.contains("it is 'Marseille'"), "\(refused.error)")
        #expect(!refused.error.contains("Usage:"))
        #expect(try SQLiteStore.open(path: real).deployment().name == "Marseille")

        let other = directory.file("other.sqlite").path
        try DatabaseQueue(path: other).write { db in try db.execute(sql: "CREATE TABLE notes (text TEXT)") }
        let foreign = try CommandRunner.run(["demo", "--db", other, "--scale", "0.01", "--no-serve"])
        #expect(foreign.status == 1 && foreign.error.contains("not a Vigie store"), "\(foreign.error)")
        let tables = try DatabaseQueue(path: other).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        #expect(tables == ["notes"])
    }
}
