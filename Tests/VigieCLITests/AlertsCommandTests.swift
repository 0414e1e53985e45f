import Foundation
import Testing
import VigieTestSupport

@Suite("vigie alerts, as a command")
struct AlertsCommandTests {
    @Test("a scan records the excess day once; it is listed until acknowledged")
    func scanListAcknowledge() throws {
        // Three thefts a day near the Vieux-Port from 1 January to 1 March 2025, twenty-five more on 2 March.
        var rows = ""
        var reference = 0
        for day in 0..<61 {
            let date = Calendar(identifier: .gregorian).date(
                byAdding: .day, value: day, to: DateComponents(calendar: Calendar(identifier: .gregorian),
                    timeZone: TimeZone(identifier: "UTC"), year: 2025, month: 1, day: 1).date!)!
            let text = date.formatted(.iso8601.year().month().day())
            for hour in 0..<(day == 60 ? 28 : 3) {
                reference += 1
                rows += "\(reference),\(text)T\(String(format: "%02d", 8 + hour % 12)):00,VOL,43.2951,5.3740\n"
            }
        }
        let (directory, database) = try LogFixture.store(rows: rows, labels: "VOL: theft")
        _ = directory
        let districts = try CommandRunner.run([
            "districts", "import", ProjectFiles.sharedData("marseille_quartiers_111.geojson").path, "--level",
            "arrondissement", "--code-field", "depco", "--name-field", "nom_co", "--db", database,
        ])
        #expect(districts.status == 0, "\(districts.error)")
        let scan = try CommandRunner.run(["alerts", "scan", "--from", "2025-02-26", "--to", "2025-03-02", "--format", "json", "--db", database])
        #expect(scan.status == 0, "\(scan.error)")
        let found = try #require(try JSONSerialization.jsonObject(with: Data(scan.output.utf8)) as? [[String: Any]])
        #expect(found.count == 1)
        #expect(found.first?["day"] as? String == "2025-03-02" && found.first?["district"] as? String == "13201")
        #expect(found.first?["observed"] as? Double == 28)
        let again = try CommandRunner.run(["alerts", "scan", "--from", "2025-02-26", "--to", "2025-03-02", "--db", database])
        #expect(again.error.contains("0 new alert(s), 1 already recorded"))
        let early = try CommandRunner.run(["alerts", "scan", "--from", "2025-02-20", "--to", "2025-03-02", "--db", database])
        #expect(early.status != 0 && early.error.contains("the data starts on 2025-01-01: there must be 8 weeks"))

        let id = try #require(found.first?["id"] as? Int)
        #expect(try CommandRunner.run(["alerts", "list", "--db", database]).output.contains("28 seen"))
        let ack = try CommandRunner.run(["alerts", "ack", String(id), "--by", "analyst", "--note", "market day", "--db", database])
        #expect(ack.status == 0, "\(ack.error)")
        #expect(!(try CommandRunner.run(["alerts", "list", "--db", database]).output.contains("28 seen")))
        #expect(try CommandRunner.run(["alerts", "list", "--all", "--db", database]).output.contains("by analyst: market day"))
        let twice = try CommandRunner.run(["alerts", "ack", String(id), "--by", "other", "--db", database])
        #expect(twice.status != 0 && twice.error.contains("acknowledged already, by analyst"))
    }
}
