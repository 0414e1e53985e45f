import Foundation
import Testing
import VigieTestSupport

@Suite("vigie agenda import --mapping, as a command")
struct AgendaMappingCommandTests {
    static let mapping = """
        source: agenda-ville
        register:
          title: Agenda de l'espace public
          owner: Ville de Marseille
          purpose: Planification des moyens
          legal_regime: gdpr
          personal_data: false
          retention_days: 730
        format: {type: csv, delimiter: ";"}
        reference: {column: id}
        title: {column: libelle}
        kind: {column: type, map: {MARCHE: market, TRAVAUX: roadworks}}
        time: {start: debut, end: fin, format: "yyyy-MM-dd HH:mm", time_zone: Europe/Paris}
        location: {geometry: geo}
        attendance: {column: public}
        organiser: {column: organisateur}
        """

    @Test("a CSV agenda registers its source, saves its items, keeps refused rows in quarantine and updates in place")
    func importThroughMapping() throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("v.sqlite").path
        func vigie(_ arguments: String...) throws -> CommandRunner.Result { try CommandRunner.run(arguments + ["--db", database]) }
        let mapping = try directory.write("agenda.yml", text: Self.mapping)
        let file = try directory.write("agenda.csv", text: """
            id;libelle;type;debut;fin;geo;public;organisateur
            M1;Marché des Capucins;MARCHE;2026-03-03 07:00;2026-03-03 13:00;POINT (5.3794 43.2966);1 500;Ville de Marseille
            T1;Travaux rue de Rome;TRAVAUX;2026-03-04 08:00;2026-03-02 17:00;LINESTRING (5.38 43.29, 5.39 43.30);;
            D1;Défilé;MARCHE;2026-03-05 10:00;2026-03-05 12:00;LINESTRING (5.37 43.29, 5.38 43.30);;jean@example.org

            """)
        let imported = try vigie("agenda", "import", file.path, "--mapping", mapping.path)
        #expect(imported.status == 0, "\(imported.error)")
        #expect(imported.output.contains("Registered source 'agenda-ville' from the mapping's register block."))
        #expect(imported.output.contains("1 item(s) saved, 2 refused"))
        #expect(imported.error.contains("agenda.csv:3: time.end (fin): ends at '2026-03-02 17:00', before it starts at '2026-03-04 08:00'"))
        #expect(imported.error.contains("agenda.csv:4: organiser.column (organisateur): holds what looks like an e-mail address"))
        let again = try vigie("agenda", "import", file.path, "--mapping", mapping.path, "--source", "agenda-ville")
        #expect(again.status == 0 && again.output.contains("1 item(s) saved, 2 refused"), "\(again.error)")
        #expect(!again.output.contains("Registered"))
        let list = try vigie("agenda", "--from", "2026-03-01", "--days", "31", "--json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [String: Any])
        let items = try #require(document["items"] as? [[String: Any]])
        #expect(items.count == 1)
        #expect(items.first?["attendance"] as? Int == 1_500 && items.first?["kind"] as? String == "market")
        let quarantine = try vigie("quarantine", "list", "--source", "agenda-ville", "--json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(quarantine.output.utf8)) as? [[String: Any]])
        #expect(rows.count == 2, "importing again replaces the entries rather than adding to them")
        #expect(Set(rows.compactMap { $0["field"] as? String }) == ["fin", "organisateur"])
    }

    @Test("options for .ics files, another source, and a source neither registered nor described are refused")
    func refusedInvocations() throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("v.sqlite").path
        func vigie(_ arguments: String...) throws -> CommandRunner.Result { try CommandRunner.run(arguments + ["--db", database]) }
        let file = try directory.write("agenda.csv", text: "id;libelle\n")
        let mapping = try directory.write("agenda.yml", text: Self.mapping)
        let kinds = try vigie("agenda", "import", file.path, "--mapping", mapping.path, "--kind-map", "MARCHE=market")
        #expect(kinds.status != 0 && kinds.error.contains("--kind-map applies to .ics files only"), "\(kinds.error)")
        let other = try vigie("agenda", "import", file.path, "--mapping", mapping.path, "--source", "autre")
        #expect(other.status != 0 && other.error.contains("the mapping is for source 'agenda-ville', not 'autre'"))
        let withoutRegister = Self.mapping.split(separator: "\n")
            .filter { !$0.hasPrefix("register:") && !$0.hasPrefix("  ") }.joined(separator: "\n")
        let bare = try directory.write("bare.yml", text: withoutRegister)
        let unregistered = try vigie("agenda", "import", file.path, "--mapping", bare.path)
        #expect(unregistered.status != 0)
        #expect(unregistered.error.contains("source 'agenda-ville' is not in the register"), "\(unregistered.error)")
        let noSource = try vigie("agenda", "import", "agenda.ics")
        #expect(noSource.status != 0 && noSource.error.contains("--source is required for an .ics file"))
    }
}
