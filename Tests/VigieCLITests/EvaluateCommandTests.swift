import Foundation
import Testing
import VigieTestSupport

@Suite("vigie evaluate, as a command")
struct EvaluateCommandTests {
    @Test("one JSON object with each method's hit rate and PAI keyed by coverage, on Barcelona's accidents")
    func json() throws {
        let result = try CommandRunner.run([
            "evaluate", "--input", ProjectFiles.sharedData("barcelona_accidents_2017.csv").path, "--mapping",
            ProjectFiles.exampleMapping("barcelona-accidents.yml").path, "--test-from", "2017-12-01", "--test-to",
            "2017-12-31", "--cell", "150", "--horizon", "1d", "--methods", "all", "--json",
        ])
        #expect(result.status == 0, "\(result.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let methods = try #require(object["methods"] as? [[String: Any]])
        let count = try #require(methods.first { $0["name"] as? String == "count" })
        let hitRate = try #require(count["hitRate"] as? [String: Double])
        let pai = try #require(count["pai"] as? [String: Double])
        #expect(Set(hitRate.keys) == ["1", "2", "5", "10", "20"] && Set(pai.keys) == Set(hitRate.keys))
        #expect(hitRate["1"]! <= hitRate["5"]! && hitRate["5"]! <= hitRate["20"]! && hitRate["20"]! <= 1)
        #expect(abs(pai["5"]! - hitRate["5"]! / 0.05) < 0.05 * pai["5"]!)
        #expect(object["forecasts"] as? Int == 31)
        let curve = try #require(count["hitRateCurve"] as? [Double])
        #expect(curve.count == 100 && abs(curve[4] - hitRate["5"]!) < 1e-9 && curve == curve.sorted() && curve[99] <= 1)

        let shifts = try CommandRunner.run([
            "evaluate", "--input", ProjectFiles.sharedData("barcelona_accidents_2017.csv").path, "--mapping",
            ProjectFiles.exampleMapping("barcelona-accidents.yml").path, "--test-from", "2017-12-01", "--test-to",
            "2017-12-31", "--horizon", "8h", "--methods", "count", "--offsets", "1", "--json",
        ])
        let shifted = try #require(try JSONSerialization.jsonObject(with: Data(shifts.output.utf8)) as? [String: Any])
        #expect(shifted["forecasts"] as? Int == 93)
        #expect(shifted["incidents"] as? Int == object["incidents"] as? Int)
    }

    @Test("a period in the wrong order or an unknown method is refused")
    func refusals() throws {
        let input = ProjectFiles.sharedData("barcelona_accidents_2017.csv").path
        let mapping = ProjectFiles.exampleMapping("barcelona-accidents.yml").path
        let order = try CommandRunner.run(
            ["evaluate", "--input", input, "--mapping", mapping, "--test-from", "2017-12-31", "--test-to", "2017-12-01"])
        #expect(order.status != 0 && order.error.contains("comes after"))
        let method = try CommandRunner.run([
            "evaluate", "--input", input, "--mapping", mapping, "--test-from", "2017-12-01", "--test-to", "2017-12-31",
            "--methods", "oracle",
        ])
        #expect(method.status != 0 && method.error.contains("'oracle' is not a method"))
    }
}
