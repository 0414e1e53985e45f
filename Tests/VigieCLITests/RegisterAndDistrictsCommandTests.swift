import Foundation
import Testing
import VigieCore
import VigieStore
import VigieTestSupport

@Suite("vigie sources, districts, deployment and quarantine, as commands")
struct RegisterAndDistrictsCommandTests {
    let directory: TemporaryDirectory
    let database: String

    init() throws {
        directory = try TemporaryDirectory()
        database = directory.file("v.sqlite").path
    }

    func vigie(_ arguments: String...) throws -> CommandRunner.Result {
        try CommandRunner.run(arguments + ["--db", database])
    }

    @Test("the register is listed, added to and edited; a bad entry is refused with the reason")
    func register() throws {
        let add = try vigie(
            "sources", "add", "police-log", "--title", "Main courante", "--owner", "Police municipale",
            "--purpose", "Suivi des interventions", "--legal-regime", "police-justice", "--personal-data", "no",
            "--retention-days", "1825")
        #expect(add.status == 0, "\(add.error)")
        #expect(try vigie("sources", "edit", "police-log", "--retention-days", "730", "--public", "yes").status == 0)
        let list = try vigie("sources", "list")
        #expect(list.output.contains("police-log") && list.output.contains("730 d"))
        let shown = try vigie("sources", "show", "police-log", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [String: Any])
        #expect(object["retentionDays"] as? Int == 730 && object["isPublic"] as? Bool == true)

        let again = try vigie(
            "sources", "add", "police-log", "--title", "t", "--owner", "o", "--purpose", "p", "--legal-regime",
            "gdpr", "--personal-data", "no", "--retention-days", "10")
        #expect(again.status != 0 && again.error.contains("already registered"))
        let bad = try vigie("sources", "edit", "police-log", "--retention-days", "0")
        #expect(bad.status != 0 && bad.error.contains("retention must be at least 1 day"))
        let unknown = try vigie("sources", "show", "nope")
        #expect(unknown.status != 0 && unknown.error.contains("no source named 'nope'"))
    }

    @Test("the real Marseille quartiers import as 111 quartiers and dissolve into 16 arrondissements, and incidents are re-assigned")
    func districts() throws {
        let quartiers = ProjectFiles.sharedData("marseille_quartiers_111.geojson").path
        let (directoryFile, mapping) = try LogFixture.write(in: directory, rows: """
            1,2025-03-01T10:00,RIXE,43.2951,5.3740
            2,2025-03-01T11:00,RIXE,43.3027,5.3806
            3,2025-03-01T12:00,RIXE,43.2698,5.3959
            """, labels: "RIXE: assault")
        #expect(try vigie("ingest", directoryFile.path, "--source", "test-log", "--mapping", mapping.path).status == 0)
        let arrondissements = try vigie(
            "districts", "import", quartiers, "--level", "arrondissement", "--code-field", "depco", "--name-field", "nom_co")
        #expect(arrondissements.status == 0, "\(arrondissements.error)")
        #expect(arrondissements.output.contains("Imported 16 district(s)") && arrondissements.output.contains("3 incident(s)"))
        let quarters = try vigie(
            "districts", "import", quartiers, "--level", "quartier", "--code-field", "nom_qua", "--name-field", "nom_qua")
        #expect(quarters.output.contains("Imported 111 district(s)"))

        let store = try SQLiteStore.open(path: database)
        let source = try #require(try store.source(named: "test-log"))
        // Vieux-Port lies in the 1st arrondissement (quartier Opéra), Gare Saint-Charles in the 1st,
        // the Vélodrome in the 8th.
        #expect(try store.incident(sourceID: source.id!, reference: "1")?.districts["arrondissement"] == "13201")
        #expect(try store.incident(sourceID: source.id!, reference: "1")?.districts["quartier"] == "OPERA")
        #expect(try store.incident(sourceID: source.id!, reference: "3")?.districts["arrondissement"] == "13208")

        let missingField = try vigie("districts", "import", quartiers, "--level", "x", "--code-field", "insee", "--name-field", "nom_co")
        #expect(missingField.status != 0 && missingField.error.contains("no 'insee' property"))
    }

    @Test("the deployment's area quarantines positions outside it, and the quarantine lists them")
    func deploymentArea() throws {
        #expect(try vigie("deployment", "set", "--name", "Toronto", "--time-zone", "America/Toronto",
            "--area", "-79.7,43.5,-79.0,43.9").status == 0)
        #expect(try vigie("deployment", "set", "--area", "1,2,3").status != 0)
        let file = try directory.write("mixed.csv", text: """
            occurred_local,category,premises_type,neighbourhood,lat,lon
            2019-01-01T00:00,Assault,House,Alderwood,43.60588661,-79.55036665
            2019-01-01T00:00,Assault,House,Alderwood,48.85,2.35
            2019-02-30T00:00,Assault,House,Alderwood,43.60588661,-79.55036665
            """)
        let ingest = try vigie("ingest", file.path, "--source", "toronto-mci", "--mapping",
            ProjectFiles.exampleMapping("toronto-mci.yml").path)
        #expect(ingest.output.contains("quarantined  2"), "\(ingest.output)")
        let list = try vigie("quarantine", "list")
        #expect(list.output.contains("mixed.csv:3") && list.output.contains("outside the deployment's area"))
        #expect(list.output.contains("mixed.csv:4") && list.output.contains("February 2019 has 28 days"))
        let json = try vigie("quarantine", "list", "--source", "toronto-mci", "--json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        #expect(rows.count == 2 && rows.allSatisfy { $0["reason"] is String && $0["line"] is Int })
    }
}
