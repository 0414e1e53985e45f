import Foundation
import Testing
import VigieTestSupport

@Suite("vigie patrol, as a command")
struct PatrolCommandTests {
    @Test("a plan for three units comes out in JSON with a printable briefing; bad posts are refused")
    func plan() throws {
        // Thefts around the Vieux-Port every day of two months, a few near Saint-Charles and the Vélodrome.
        var rows = ""
        var reference = 0
        for day in 1...59 {
            let date = String(format: "2025-%02d-%02d", day <= 31 ? 1 : 2, day <= 31 ? day : day - 31)
            for (place, every) in [("43.2951,5.3740", 1), ("43.3027,5.3806", 3), ("43.2698,5.3959", 5)] where day % every == 0 {
                reference += 1
                rows += "\(reference),\(date)T10:00,VOL,\(place)\n"
            }
        }
        let (directory, database) = try LogFixture.store(rows: rows, labels: "VOL: theft")
        let briefing = directory.file("briefing.html").path
        let result = try CommandRunner.run([
            "patrol", "--units", "3", "--method", "count", "--at", "2025-03-01", "--spacing", "800", "--html", briefing,
            "--format", "json", "--db", database,
        ])
        #expect(result.status == 0, "\(result.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let areas = try #require(object["areas"] as? [[String: Any]])
        #expect(areas.count == 3)
        let first = try #require(areas.first)
        #expect(abs((first["latitude"] as? Double ?? 0) - 43.2951) < 0.002 && abs((first["longitude"] as? Double ?? 0) - 5.3740) < 0.002)
        #expect(abs((object["share"] as? Double ?? 0) - 1) < 1e-9)
        let html = try String(contentsOfFile: briefing, encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("Briefing de patrouille") && !html.contains("<script"))
        let bad = try CommandRunner.run(["patrol", "--units", "2", "--post", "91,5", "--db", database])
        #expect(bad.status != 0 && bad.error.contains("must be latitude,longitude"))
    }
}
