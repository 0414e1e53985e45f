import Foundation
import Testing
import VigieCore
import VigieIngest
import VigieStore
import VigieTestSupport

@Suite("A deliberately broken copy quarantines exactly its bad rows")
struct BrokenFileTests {
    /// Bad rows planted in a copy of the Paris file, each with the field expected at fault (nil: the whole row).
    static let badRows: [(row: [UInt8], field: String?, reasonFragment: String)] = [
        (Array(#"X1,2024-02-30,Voirie et espace public,"Trottoirs : Affaissement, trou, bosse, pavé arraché",17,CHAMPERRET - BERTHIER,Android,DVD,48.88,2.29"#.utf8),
            "date_declared", "not a real date"),
        (Array(#"X2,not-a-date,Voirie et espace public,"Trottoirs : Affaissement, trou, bosse, pavé arraché",17,CHAMPERRET - BERTHIER,Android,DVD,48.88,2.29"#.utf8),
            "date_declared", "does not match the format"),
        (Array(#"X3,2024-13-01,Voirie et espace public,"Trottoirs : Affaissement, trou, bosse, pavé arraché",17,CHAMPERRET - BERTHIER,Android,DVD,48.88,2.29"#.utf8),
            "date_declared", "month 13"),
        (Array(#"X4,2024-03-01,Voirie et espace public,"Trottoirs : Affaissement, trou, bosse, pavé arraché,17,CHAMPERRET - BERTHIER,Android,DVD,48.88,2.29"#.utf8),
            nil, "quote"),
        (Array(#"X5,2024-03-01,Voirie et espace public,"Trottoirs : Affaissement, trou, bosse, pavé arraché"x,17,CHAMPERRET - BERTHIER,Android,DVD,48.88,2.29"#.utf8),
            nil, "after its closing quote"),
        (Array(#"X6,2024-03-01,Voirie et espace public,"Trottoirs : Affaissement, trou, bosse, pavé arraché",17,CHAMPERRET - BERTHIER,Android,DVD,abc,2.29"#.utf8),
            "lat,lon", "not both numbers"),
        (Array(#"X7,2024-03-01,Voirie et espace public,"Trottoirs : Affaissement, trou, bosse, pavé arraché",17,CHAMPERRET - BERTHIER,Android,DVD,43.29,5.37"#.utf8),
            "lat,lon", "outside the deployment's area"),
        (Array(#"X8,2024-03-01,Voirie et espace public,"Trottoirs : Affaissement, trou, bosse, pavé arraché",17,CHAMPERRET - BERTHIER,Android,DVD,2.29,48.88"#.utf8),
            "lat,lon", "look swapped"),
        (Array(#"X9,2024-03-01,Voirie et espace public,"Trottoirs : Affaissement, trou, bosse, pav"#.utf8) + [0xE9]
            + Array(#" arraché",17,CHAMPERRET - BERTHIER,Android,DVD,48.88,2.29"#.utf8),
            nil, "not valid UTF-8"),
        (Array(#"X10,2024-03-01,Voirie et espace public,"Trottoirs : Affaissement, trou, bosse, pavé arraché",17,CHAMPERRET - BERTHIER,Android,DVD,48.88"#.utf8),
            nil, "expected 10 fields"),
        (Array(#",2024-03-01,Voirie et espace public,"Trottoirs : Affaissement, trou, bosse, pavé arraché",17,CHAMPERRET - BERTHIER,Android,DVD,48.88,2.29"#.utf8),
            "id_dmr", "reference: is empty"),
    ]

    @Test("planted bad quoting, dates, coordinates and Latin-1 bytes are quarantined one by one with reasons")
    func quarantinesExactlyTheBadRows() async throws {
        let original = try Data(contentsOf: ProjectFiles.sharedData("paris_dansmarue_trottoirs_2023-11_2024-12.csv"))
        var lines = original.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        if lines.last?.isEmpty == true { lines.removeLast() }
        // Spread the bad rows through the file, after the first 64 KiB so that encoding detection sees UTF-8.
        var expectedLines: [Int: (field: String?, fragment: String)] = [:]
        for (index, bad) in Self.badRows.enumerated() {
            let position = 1_000 + index * 400
            lines.insert(bad.row, at: position)
            expectedLines[position + 1] = (bad.field, bad.reasonFragment)
        }
        let directory = try TemporaryDirectory()
        let file = try directory.write("broken.csv", Array(lines.joined(separator: [UInt8(ascii: "\n")])) + [10])

        let store = try TestStores.empty()
        try store.save(Deployment(name: "Paris", area: BoundingBox(minX: 2.2, minY: 48.8, maxX: 2.5, maxY: 48.95)))
        let summary = try await TestStores.ingest(file, mapping: ProjectFiles.exampleMapping("paris-dansmarue.yml"),
            into: store)

        #expect(summary.read == 6_003 + Self.badRows.count)
        #expect(summary.accepted == 6_003)
        #expect(summary.quarantined == Self.badRows.count)
        let rows = try store.quarantinedRows(sourceID: nil, limit: 100)
        #expect(Set(rows.map(\.line)) == Set(expectedLines.keys))
        for row in rows {
            let expected = try #require(expectedLines[row.line])
            #expect(row.file == "broken.csv")
            #expect(row.field == expected.field, "line \(row.line): \(row.reason)")
            #expect(row.reason.contains(expected.fragment), "line \(row.line): \(row.reason)")
            #expect(!row.rawRecord.isEmpty)
        }

        let again = try await TestStores.ingest(file, mapping: ProjectFiles.exampleMapping("paris-dansmarue.yml"),
            into: store)
        #expect(again.accepted == 0 && again.duplicates == 6_003 && again.quarantined == Self.badRows.count)
        #expect(try store.quarantineCount(sourceID: nil) == Self.badRows.count)
    }
}
