import Foundation
import Testing
import VigieCore
import VigieIngest
import VigieStore
import VigieTestSupport

@Suite("Real data sets ingest losslessly with their example mappings")
struct RealDataIngestTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var mapping: String
        var rows: Int
        var duplicatesInSource: Int
        var testDescription: String { file }
    }

    static let cases = [
        Case(file: "toronto_mci_2019.csv", mapping: "toronto-mci.yml", rows: 33_801, duplicatesInSource: 0),
        // Four accidents appear twice, identical, in the city's export: they are counted as duplicates.
        Case(file: "barcelona_accidents_2017.csv", mapping: "barcelona-accidents.yml", rows: 10_339,
            duplicatesInSource: 4),
        Case(file: "paris_dansmarue_trottoirs_2023-11_2024-12.csv", mapping: "paris-dansmarue.yml", rows: 6_003,
            duplicatesInSource: 0),
    ]

    @Test("each real CSV ingests with no quarantined row, and a second ingest adds nothing", arguments: cases)
    func ingestsTwice(_ data: Case) async throws {
        let store = try TestStores.empty()
        let file = ProjectFiles.sharedData(data.file)
        let mapping = ProjectFiles.exampleMapping(data.mapping)

        let first = try await TestStores.ingest(file, mapping: mapping, into: store)
        #expect(first.read == data.rows)
        #expect(first.quarantined == 0)
        #expect(first.accepted == data.rows - data.duplicatesInSource)
        #expect(first.duplicates == data.duplicatesInSource)
        #expect(try store.incidentCount(sourceID: nil) == first.accepted)

        let second = try await TestStores.ingest(file, mapping: mapping, into: store)
        #expect(second.read == data.rows)
        #expect(second.accepted == 0)
        #expect(second.updated == 0)
        #expect(second.duplicates == data.rows)
        #expect(try store.incidentCount(sourceID: nil) == first.accepted)
    }

    @Test("Toronto times are read in Toronto's time zone and keep the raw label and attributes")
    func torontoFirstRecord() async throws {
        let store = try TestStores.empty()
        _ = try await TestStores.ingest(
            ProjectFiles.sharedData("toronto_mci_2019.csv"), mapping: ProjectFiles.exampleMapping("toronto-mci.yml"),
            into: store)
        let first = try #require(try store.incidents(sourceID: nil, limit: 1).first)
        // 2019-01-01T00:00 in Toronto (EST, UTC-5) is 05:00 UTC.
        #expect(first.occurredAt == ISO8601DateFormatter().date(from: "2019-01-01T05:00:00Z"))
        #expect(first.timePrecision == .hour)
        #expect(first.locationPrecisionMeters == 50)
        #expect(first.category == "assault")
        #expect(first.rawLabel == "Assault")
        #expect(first.attributes["premises_type"] != nil)
        #expect(first.sourceReference.hasPrefix("h:"))
    }
}
