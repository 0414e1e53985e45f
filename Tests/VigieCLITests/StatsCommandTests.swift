import Foundation
import Testing
import VigieTestSupport

@Suite("vigie stats, as a command")
struct StatsCommandTests {
    let directory: TemporaryDirectory
    let database: String

    init() throws {
        (directory, database) = try LogFixture.store(rows: """
            1,2025-03-01T10:00,RIXE,43.2951,5.3740
            2,2025-03-01T11:00,VOL,43.3027,5.3806
            3,2025-03-03T12:00,RIXE,43.2698,5.3959
            4,2025-03-03T23:30,VOL,43.2951,5.3741
            """, labels: "RIXE: assault, VOL: theft")
        let districts = try CommandRunner.run([
            "districts", "import", ProjectFiles.sharedData("marseille_quartiers_111.geojson").path, "--level",
            "arrondissement", "--code-field", "depco", "--name-field", "nom_co", "--db", database,
        ])
        #expect(districts.status == 0, "\(districts.error)")
    }

    func vigie(_ arguments: String...) throws -> CommandRunner.Result {
        try CommandRunner.run(["stats"] + arguments + ["--db", database])
    }

    func json(_ result: CommandRunner.Result) throws -> [String: Any] {
        #expect(result.status == 0, "\(result.error)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    }

    @Test("counts by arrondissement list every one, with the incidents of each")
    func byDistrict() throws {
        let object = try json(try vigie("--format", "json"))
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.count == 16)
        let counts = Dictionary(uniqueKeysWithValues: groups.map { ($0["district"] as! String, $0["count"] as! Int) })
        #expect(counts["13201"] == 3 && counts["13208"] == 1 && counts["13205"] == 0)
        #expect(object["matched"] as? Int == 4)
    }

    @Test("filters by day, category and district, read in the deployment's time zone")
    func filters() throws {
        let theft = try json(try vigie("--by", "category", "--from", "2025-03-03", "--to", "2025-03-03", "--format", "json"))
        let groups = try #require(theft["groups"] as? [[String: Any]])
        #expect(groups.first { $0["category"] as? String == "theft" }?["count"] as? Int == 1)
        #expect(theft["matched"] as? Int == 2)
        let days = try vigie("--by", "day", "--district", "13201", "--category", "theft,assault", "--format", "csv")
        #expect(days.output == "day,count\n2025-03-01,2\n2025-03-02,0\n2025-03-03,1\n")
    }

    @Test("an area keeps the incidents inside it, as a box or as GeoJSON polygons")
    func areas() throws {
        let box = try json(try vigie("--by", "category", "--area", "5.37,43.29,5.38,43.30", "--format", "json"))
        #expect(box["matched"] as? Int == 2)
        let file = try directory.write("area.geojson", text: """
            {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon",
             "coordinates": [[[5.37, 43.29], [5.38, 43.29], [5.38, 43.30], [5.37, 43.30], [5.37, 43.29]]]}}
            """)
        let within = try json(try vigie("--by", "category", "--within", file.path, "--format", "json"))
        #expect(within["matched"] as? Int == 2)
        let bad = try vigie("--area", "5.38,43.29,5.37,43.30")
        #expect(bad.status != 0 && bad.error.contains("minLon,minLat,maxLon,maxLat"))
    }

    @Test("the hour of the week is local: 23:30 on a Monday in Marseille is Monday at 23")
    func hourOfWeek() throws {
        let hours = try vigie("--by", "hour-of-week", "--format", "csv")
        #expect(hours.output.contains("monday,23,1\n") && hours.output.contains("saturday,10,1\n"))
    }

    @Test("districts and cells come out as GeoJSON features with their counts")
    func geoJSON() throws {
        let cells = try json(try vigie("--by", "cell", "--cell", "500", "--format", "geojson"))
        let features = try #require(cells["features"] as? [[String: Any]])
        #expect(features.count == 3)
        #expect(features.compactMap { ($0["properties"] as? [String: Any])?["count"] as? Int }.sorted() == [1, 1, 2])
        let districts = try json(try vigie("--format", "geojson"))
        #expect((districts["features"] as? [Any])?.count == 16)
    }

    @Test("a wrong filter is refused with what to do instead")
    func refusals() throws {
        let category = try vigie("--category", "fights")
        #expect(category.status != 0 && category.error.contains("'fights' is not a category"))
        let district = try vigie("--district", "13299")
        #expect(district.status != 0 && district.error.contains("'13299' is not a district of level 'arrondissement'"))
        let geo = try vigie("--by", "category", "--format", "geojson")
        #expect(geo.status != 0 && geo.error.contains("needs --by district or --by cell"))
        let dates = try vigie("--from", "2025-03-04", "--to", "2025-03-01")
        #expect(dates.status != 0 && dates.error.contains("comes after"))
        let date = try vigie("--from", "2025-02-30")
        #expect(date.status != 0 && date.error.contains("is not a date written YYYY-MM-DD"))
    }
}
