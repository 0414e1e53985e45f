import Foundation
import Testing
import VigieTestSupport

@Suite("vigie trends, as a command")
struct TrendsCommandTests {
    @Test("the CompStat table and a decomposed series come out in JSON")
    func trends() throws {
        // Two thefts a day in January 2025 and until 9 February, six a day from 10 February.
        var rows = ""
        for day in 0..<59 {
            let (month, date) = day < 31 ? (1, day + 1) : (2, day - 30)
            for hour in 0..<(day >= 40 ? 6 : 2) {
                rows += "\(day * 100 + hour),2025-\(String(format: "%02d-%02d", month, date))T\(String(format: "%02d", 8 + hour)):00,VOL,43.2951,5.3740\n"
            }
        }
        let (directory, database) = try LogFixture.store(rows: rows, labels: "VOL: theft")
        _ = directory
        let table = try CommandRunner.run(["trends", "--as-of", "2025-02-28", "--format", "json", "--db", database])
        #expect(table.status == 0, "\(table.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(table.output.utf8)) as? [String: Any])
        let lines = try #require(object["lines"] as? [[String: Any]])
        let theft = try #require(lines.first { $0["group"] as? String == "theft" })
        let month = try #require(theft["last28_vs_previous"] as? [String: Any])
        #expect(month["current"] as? Int == 132 && month["reference"] as? Int == 56 && month["direction"] as? String == "up")

        let series = try CommandRunner.run(["trends", "--series", "day", "--format", "json", "--db", database])
        let decomposed = try #require(try JSONSerialization.jsonObject(with: Data(series.output.utf8)) as? [String: Any])
        #expect((decomposed["series"] as? [Any])?.count == 59)
        let changes = try #require(decomposed["changePoints"] as? [[String: Any]])
        #expect(changes.map { $0["start"] as? String } == ["2025-02-10"])
        let bad = try CommandRunner.run(["trends", "--format", "geojson", "--db", database])
        #expect(bad.status != 0 && bad.error.contains("does not apply"))
    }
}
