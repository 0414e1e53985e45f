import Foundation
import Testing
import VigieTestSupport

@Suite("vigie forecast, as a command")
struct ForecastCommandTests {
    @Test("a forecast of Toronto's burglaries says its method, training and measured accuracy")
    func transparency() throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("v.sqlite").path
        let ingest = try CommandRunner.run([
            "ingest", ProjectFiles.sharedData("toronto_mci_2019.csv").path, "--source", "toronto-mci", "--mapping",
            ProjectFiles.exampleMapping("toronto-mci.yml").path, "--db", database,
        ])
        #expect(ingest.status == 0, "\(ingest.error)")
        #expect(try CommandRunner.run(["deployment", "set", "--time-zone", "America/Toronto", "--db", database]).status == 0)
        let result = try CommandRunner.run([
            "forecast", "--category", "burglary", "--method", "count", "--at", "2019-10-01", "--format", "json",
            "--db", database,
        ])
        #expect(result.status == 0, "\(result.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(object["method"] as? String == "count")
        #expect(object["trainingFrom"] as? String == "2019-01-01" && object["trainingTo"] as? String == "2019-09-30")
        #expect((object["warnings"] as? [String])?.isEmpty == true)
        let accuracy = try #require(object["accuracy"] as? [String: Any])
        #expect(accuracy["days"] as? Int == 90)
        let hitRate = try #require((accuracy["hitRate"] as? [String: Double])?["5"])
        #expect(hitRate > 0.3 && hitRate < 0.6)
        let cells = try #require(object["cells"] as? [[String: Any]])
        #expect(cells.first?["rank"] as? Int == 1)

        let early = try CommandRunner.run([
            "forecast", "--category", "burglary", "--method", "count", "--at", "2019-01-20", "--format", "json",
            "--db", database,
        ])
        let warned = try #require(try JSONSerialization.jsonObject(with: Data(early.output.utf8)) as? [String: Any])
        let warnings = try #require(warned["warnings"] as? [String])
        #expect(warnings.contains { $0.contains("no accuracy could be measured") })
    }
}
