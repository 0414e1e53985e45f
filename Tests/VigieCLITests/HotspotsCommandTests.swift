import Foundation
import Testing
import VigieTestSupport

@Suite("vigie hotspots, as a command")
struct HotspotsCommandTests {
    let directory: TemporaryDirectory
    let database: String

    init() throws {
        // A pair of burglaries 30 m and two days apart, then scattered ones.
        (directory, database) = try LogFixture.store(rows: """
            1,2025-03-01T10:00,CAMB,43.2951,5.3740
            2,2025-03-03T11:00,CAMB,43.2953,5.3742
            3,2025-05-03T12:00,CAMB,43.2698,5.3959
            4,2025-07-03T23:30,CAMB,43.3100,5.3900
            5,2025-09-03T23:30,CAMB,43.2800,5.4100
            """, labels: "CAMB: burglary")
    }

    func vigie(_ arguments: String...) throws -> CommandRunner.Result {
        try CommandRunner.run(["hotspots"] + arguments + ["--db", database])
    }

    @Test("kde, gi and knox each answer in JSON, and kde cells come out as GeoJSON")
    func methods() throws {
        let kde = try vigie("--method", "kde", "--cell", "100", "--bandwidth", "300", "--format", "json")
        #expect(kde.status == 0, "\(kde.error)")
        let density = try #require(try JSONSerialization.jsonObject(with: Data(kde.output.utf8)) as? [String: Any])
        #expect(density["incidents"] as? Int == 5)
        let geo = try vigie("--method", "kde", "--format", "geojson")
        #expect(geo.output.contains("\"FeatureCollection\"") && geo.output.contains("\"MultiPolygon\""))
        let gi = try vigie("--method", "gi", "--cell", "200", "--distance", "300", "--format", "json")
        #expect(gi.status == 0 && gi.output.contains("\"falseDiscoveryRate\""), "\(gi.error)")
        let knox = try vigie("--method", "knox", "--distance-bands", "100,200", "--day-bands", "7,14", "--permutations", "99",
            "--format", "json")
        let table = try #require(try JSONSerialization.jsonObject(with: Data(knox.output.utf8)) as? [String: Any])
        #expect((table["observed"] as? [[Int]])?[0][0] == 1)
    }

    @Test("bad parameters are refused with the allowed range")
    func refusals() throws {
        let bandwidth = try vigie("--method", "kde", "--cell", "100", "--bandwidth", "20")
        #expect(bandwidth.status != 0 && bandwidth.error.contains("at least half a cell"))
        let bands = try vigie("--method", "knox", "--distance-bands", "200,100")
        #expect(bands.status != 0 && bands.error.contains("increasing"))
        let rate = try vigie("--method", "gi", "--fdr", "1.5")
        #expect(rate.status != 0 && rate.error.contains("strictly between 0 and 1"))
    }
}
