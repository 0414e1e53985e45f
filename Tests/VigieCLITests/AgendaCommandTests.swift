import Foundation
import Testing
import VigieTestSupport

@Suite("vigie agenda, as a command")
struct AgendaCommandTests {
    @Test("an .ics file imports its markets, refuses an item with no position, and lists them")
    func importAndList() throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("v.sqlite").path
        func vigie(_ arguments: String...) throws -> CommandRunner.Result { try CommandRunner.run(arguments + ["--db", database]) }
        let add = try vigie(
            "sources", "add", "agenda-ville", "--title", "Agenda de l'espace public", "--owner", "Ville", "--purpose",
            "Planification", "--legal-regime", "gdpr", "--personal-data", "no", "--retention-days", "730")
        #expect(add.status == 0, "\(add.error)")
        let file = try directory.write("agenda.ics", text: """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            BEGIN:VEVENT\r
            UID:marche-noailles\r
            SUMMARY:Marché de Noailles\r
            CATEGORIES:MARCHE\r
            DTSTART;TZID=Europe/Paris:20260303T070000\r
            DTEND;TZID=Europe/Paris:20260303T130000\r
            RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4\r
            GEO:43.2966;5.3794\r
            X-ATTENDANCE:1500\r
            ORGANIZER;CN=Ville de Marseille:mailto:marches@example.org\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:sans-lieu\r
            SUMMARY:Réunion sans lieu\r
            CATEGORIES:MARCHE\r
            DTSTART;TZID=Europe/Paris:20260305T100000\r
            DURATION:PT2H\r
            END:VEVENT\r
            END:VCALENDAR\r

            """)
        let imported = try vigie(
            "agenda", "import", file.path, "--source", "agenda-ville", "--kind-map", "MARCHE=market", "--from", "2026-03-01")
        #expect(imported.status == 0, "\(imported.error)")
        #expect(imported.output.contains("4 item(s) saved, 1 refused"))
        #expect(imported.error.contains("agenda.ics:14: 'Réunion sans lieu' has no GEO"))
        let again = try vigie(
            "agenda", "import", file.path, "--source", "agenda-ville", "--kind-map", "MARCHE=market", "--from", "2026-03-01")
        #expect(again.output.contains("4 item(s) saved"))
        let list = try vigie("agenda", "--from", "2026-03-01", "--days", "31", "--json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [String: Any])
        let items = try #require(document["items"] as? [[String: Any]])
        #expect(items.count == 4)
        #expect(items.allSatisfy { $0["kind"] as? String == "market" && $0["attendance"] as? Int == 1_500 })
        #expect(items.allSatisfy { ($0["risk"] as? [String: Any])?["score"] as? Int != nil })
        #expect((document["calendar"] as? [Any])?.count == 31)
        let map = try vigie("agenda", "--from", "2026-03-01", "--days", "31", "--geojson")
        let collection = try #require(try JSONSerialization.jsonObject(with: Data(map.output.utf8)) as? [String: Any])
        let features = try #require(collection["features"] as? [[String: Any]])
        #expect(collection["type"] as? String == "FeatureCollection" && features.count == 4)
        #expect(features.allSatisfy { ($0["geometry"] as? [String: Any])?["type"] as? String == "Point" })
        #expect(features.allSatisfy { ($0["properties"] as? [String: Any])?["band"] as? String != nil })
        #expect(items.first?["organiser"] as? String == "Ville de Marseille")
        let quarantine = try vigie("quarantine", "list", "--source", "agenda-ville")
        #expect(quarantine.output.contains("agenda.ics:14"))
        let bad = try vigie("agenda", "import", file.path, "--source", "agenda-ville", "--kind-map", "MARCHE=bazaar")
        #expect(bad.status != 0 && bad.error.contains("--kind-map 'MARCHE=bazaar'"))
    }
}
