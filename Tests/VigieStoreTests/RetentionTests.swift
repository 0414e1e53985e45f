import Foundation
import GRDB
import Testing
import VigieCore
import VigieTestSupport

@testable import VigieStore

@Suite("Retention")
struct RetentionTests {
    @Test("each source loses what is older than its retention, and nothing else; a dry run only counts; purges are logged")
    func purge() throws {
        let store = try SQLiteStore.inMemory()
        try store.replaceDistricts(level: "arrondissement", with: [District(
            level: "arrondissement", code: "13201", name: "1er",
            outline: Polygon(outer: [.init(x: 5.3, y: 43.2), .init(x: 5.5, y: 43.2), .init(x: 5.5, y: 43.4), .init(x: 5.3, y: 43.4)]))])
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let day = 86_400.0
        var ids: [String: Int64] = [:]
        for (name, days) in [("short", 30), ("long", 400)] {
            let source = try store.register(Source(
                name: name, title: name, owner: "Ville", purpose: "Tests", legalRegime: .gdpr,
                holdsPersonalData: true, retentionDays: days, isPublic: false))
            ids[name] = source.id!
            let records = [10.0, 29.0, 31.0, 200.0].enumerated().map { number, age in
                IngestBatch.Record(
                    incident: Incident(
                        sourceID: source.id!, sourceReference: "\(name)-\(Int(age))", category: "theft", rawLabel: "VOL",
                        occurredAt: now.addingTimeInterval(-age * day), timePrecision: .exact,
                        location: GeoPoint(latitude: 43.3, longitude: 5.4), locationPrecisionMeters: nil,
                        districts: ["arrondissement": "13201"]),
                    contentHash: 1, recordNumber: number + 1, line: number + 2)
            }
            let run = try store.beginIngestRun(sourceID: source.id!, file: "f.csv", startedAt: now)
            try store.write(IngestBatch(sourceID: source.id!, runID: run, file: "f.csv", records: records, quarantined: [
                QuarantinedRow(sourceID: source.id!, file: "f.csv", recordNumber: 9, line: 10, field: nil, reason: "bad",
                    rawRecord: "jean.dupont@example.org;…", quarantinedAt: now.addingTimeInterval(-45 * day)),
            ]))
            let items = try store.save([PlannedEvent(
                sourceID: source.id!, sourceReference: "old", kind: .market, title: "Marché",
                startsAt: now.addingTimeInterval(-50 * day), endsAt: now.addingTimeInterval(-50 * day + 3_600),
                geometry: .point(GeoPoint(latitude: 43.3, longitude: 5.4)))])
            try store.save([Measure(plannedEventID: items[0].id!, kind: .officers, planned: 2)])
            try store.save([
                WeatherDay(sourceID: source.id!, day: CivilDate(now.addingTimeInterval(-40 * day), in: .gmt), maxTemperature: 20, precipitation: 0, maxGust: 10, isForecast: false),
                WeatherDay(sourceID: source.id!, day: CivilDate(now.addingTimeInterval(-5 * day), in: .gmt), maxTemperature: 20, precipitation: 0, maxGust: 10, isForecast: false),
            ])
        }
        let due = try store.enforceRetention(now: now, dryRun: true)
        #expect(due.map(\.sourceName) == ["short", "long"] || due.map(\.sourceName) == ["long", "short"])
        let short = try #require(due.first { $0.sourceName == "short" })
        #expect(short.incidents == 2 && short.quarantined == 1 && short.plannedEvents == 1 && short.weatherDays == 1)
        #expect(due.first { $0.sourceName == "long" }!.total == 0)
        #expect(try store.incidentCount(sourceID: nil) == 8, "a dry run removes nothing")
        #expect(try store.retentionLog(limit: 10).isEmpty)

        let done = try store.enforceRetention(now: now, dryRun: false)
        #expect(done.first { $0.sourceName == "short" } == short)
        #expect(try store.incidentCount(sourceID: ids["short"]) == 2 && store.incidentCount(sourceID: ids["long"]) == 4)
        #expect(try store.incidents(sourceID: ids["short"], limit: 10).map(\.sourceReference).sorted() == ["short-10", "short-29"])
        let (districtRows, changes, measures) = try store.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM incident_district")!,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM incident_change")!,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM measure")!)
        }
        #expect(districtRows == 6, "districts go with their incidents")
        #expect(changes == 2, "removals are logged for the readers that follow the store")
        #expect(measures == 1, "means go with their item")
        #expect(try store.quarantineCount(sourceID: ids["short"]) == 0 && store.quarantineCount(sourceID: ids["long"]) == 1)
        #expect(try store.weather(from: CivilDate(year: 2020, month: 1, day: 1), through: CivilDate(year: 2030, month: 1, day: 1)).count == 3)
        let log = try store.retentionLog(limit: 10)
        #expect(log.count == 1 && log[0].purge == short && log[0].purgedAt == now)
        #expect(try store.enforceRetention(now: now, dryRun: false).allSatisfy { $0.total == 0 }, "a second purge finds nothing")
    }
}
