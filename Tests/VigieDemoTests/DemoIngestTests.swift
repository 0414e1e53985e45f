import Foundation
import Testing
import VigieCore
import VigieDemo
import VigieIngest
import VigieStore
import VigieTestSupport

@Suite("Ingesting the demo city")
struct DemoIngestTests {
    @Test("every file ingests through its own mapping with nothing quarantined, and again without any change")
    func ingestion() async throws {
        let directory = try TemporaryDirectory()
        let city = DemoCity(seed: 3, end: DemoFixture.end, years: 1, scale: 0.01)
        let files = try city.writeFiles(to: directory.url)
        let store = try TestStores.empty()
        try store.save(city.deployment)
        let districts = try DistrictFile.read(
            files.districts, level: "arrondissement", codeField: "code", nameField: "name",
            populationField: "population")
        _ = try store.replaceDistricts(level: "arrondissement", with: districts)
        #expect(districts.count == 16)
        for source in files.sources {
            let first = try await TestStores.ingest(source.data, mapping: source.mapping, into: store)
            #expect(first.registered && first.read == source.rowCount, "\(source.sourceName)")
            #expect(first.accepted == source.rowCount && first.quarantined == 0, "\(source.sourceName)")
            let again = try await TestStores.ingest(source.data, mapping: source.mapping, into: store)
            #expect(again.duplicates == source.rowCount, "\(source.sourceName)")
        }
        let incidents = try store.incidents(sourceID: nil, limit: 100_000)
        #expect(incidents.count == files.sources.reduce(0) { $0 + $1.rowCount })
        #expect(incidents.allSatisfy { $0.districts["arrondissement"] != nil })
    }

    @Test("the agenda and its means save into the store under the agenda's register entry")
    func agenda() throws {
        let city = DemoFixture.city
        let store = try TestStores.empty()
        let source = try store.register(DemoCity.agendaSource)
        let saved = try store.save(city.plannedEvents(sourceID: try #require(source.id)))
        let measures = city.measures(for: saved)
        try store.save(measures)
        let match = try #require(saved.first { $0.organiser == "Olympique de Marseille" })
        let stored = try store.measures(plannedEventID: try #require(match.id))
        #expect(Set(stored.map(\.kind)) == Set(Measure.Kind.allCases))
        #expect(try store.plannedEvents(from: .distantPast, to: .distantFuture).count == saved.count)
    }
}
