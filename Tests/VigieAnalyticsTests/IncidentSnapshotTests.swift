import Foundation
import GRDB
import Testing
import VigieAnalytics
import VigieCore

@testable import VigieStore

@Suite("The incident snapshot")
struct IncidentSnapshotTests {
    static let paris = TimeZone(identifier: "Europe/Paris")!
    static let marseille = GeoPoint(latitude: 43.2965, longitude: 5.3698)
    /// 2024-06-03 12:00 UTC, a Monday.
    static let monday = 1_717_416_000.0

    func total(_ snapshot: IncidentSnapshot, _ filter: IncidentFilter = IncidentFilter()) throws -> Int {
        try snapshot.count(filter: filter).total
    }

    func count(_ snapshot: IncidentSnapshot, _ category: CategoryCode) throws -> Int {
        try snapshot.count(filter: IncidentFilter(categories: [category])).total
    }

    @Test("it follows new, updated and removed incidents without reading everything again")
    func followsTheStore() throws {
        var fixture = try SnapshotFixture()
        let first = [fixture.record(at: Self.monday), fixture.record(at: Self.monday + 60, reference: "kept"),
            fixture.record(at: Self.monday + 120, "assault")]
        try fixture.write(first)
        var snapshot = try IncidentSnapshot.build(from: fixture.store, timeZone: Self.paris, origin: Self.marseille)
        #expect(snapshot.incidentCount == 3)
        #expect(try count(snapshot, "theft") == 2)

        try fixture.write([fixture.record(at: Self.monday + 180, "drugs"), fixture.record(at: Self.monday + 240),
            fixture.record(at: Self.monday + 60, "assault", reference: "kept", hash: 2)])
        let refresh = try snapshot.refresh(from: fixture.store)
        #expect(refresh == SnapshotRefresh(fullReload: false, added: 2, updated: 1, removed: 0))
        #expect(snapshot.incidentCount == 5)
        #expect(try count(snapshot, "assault") == 2)
        #expect(try count(snapshot, "theft") == 2)

        // An update that moves an incident a year later is found by a filter on its new time.
        try fixture.write([fixture.record(at: Self.monday + 365 * 86_400, "drugs", reference: "r1", hash: 3)])
        #expect(try snapshot.refresh(from: fixture.store).updated == 1)
        let nextYear = IncidentFilter(from: Date(timeIntervalSince1970: Self.monday + 300 * 86_400))
        #expect(try total(snapshot, nextYear) == 1)
        #expect(try snapshot.count(by: [.cell(size: 100)], filter: nextYear).total == 1)

        try fixture.store.writer.write { db in
            try db.execute(sql: "DELETE FROM incident WHERE source_ref = 'kept'")
        }
        #expect(try snapshot.refresh(from: fixture.store).removed == 1)
        #expect(snapshot.incidentCount == 4)
        #expect(try count(snapshot, "assault") == 1)
        #expect(try count(snapshot, "drugs") == 2)
        #expect(try snapshot.refresh(from: fixture.store) == SnapshotRefresh())
    }

    @Test("importing districts reloads the snapshot with every incident's district")
    func districtsReload() throws {
        var fixture = try SnapshotFixture()
        try fixture.write([
            fixture.record(at: Self.monday, latitude: 43.30, longitude: 5.36),
            fixture.record(at: Self.monday, latitude: 43.30, longitude: 5.37),
            fixture.record(at: Self.monday, latitude: 43.30, longitude: 5.41),
            fixture.record(at: Self.monday, latitude: 43.50, longitude: 5.41),
            fixture.record(at: Self.monday, latitude: nil, longitude: nil),
        ])
        var snapshot = try IncidentSnapshot.build(from: fixture.store, timeZone: Self.paris, origin: Self.marseille)
        try fixture.store.replaceDistricts(level: "arrondissement", with: [
            District(level: "arrondissement", code: "13201", name: "1er", population: 40_000,
                outline: boxOutline(5.35, 43.28, 5.39, 43.32)),
            District(level: "arrondissement", code: "13202", name: "2e", outline: boxOutline(5.39, 43.28, 5.43, 43.32)),
        ])
        #expect(try snapshot.refresh(from: fixture.store).fullReload)
        let table = try snapshot.count(by: [.district(level: "arrondissement")])
        #expect(table.rows().map(\.count) == [2, 1, 2])
        #expect(table.rows().map(\.keys) == [[.district("13201")], [.district("13202")], [.district(nil)]])
        let kept = IncidentFilter(districts: ("arrondissement", ["13202"]))
        #expect(try total(snapshot, kept) == 1)
        #expect(throws: AnalyticsError.unknownDistrict(level: "arrondissement", code: "13299")) {
            try snapshot.count(filter: IncidentFilter(districts: ("arrondissement", ["13299"])))
        }
    }

    @Test("an incident at 02:30 on the night clocks go back is counted once, on Sunday at 2")
    func clocksGoingBack() throws {
        var fixture = try SnapshotFixture()
        // 2024-10-27 00:30 UTC is 02:30 summer time; 01:30 UTC is 02:30 winter time; 2024-03-31 01:30 UTC is 03:30.
        try fixture.write([fixture.record(at: 1_729_989_000), fixture.record(at: 1_729_992_600),
            fixture.record(at: 1_711_848_600)])
        let snapshot = try IncidentSnapshot.build(from: fixture.store, timeZone: Self.paris, origin: Self.marseille)
        let hours = try snapshot.count(by: [.hourOfWeek])
        #expect(hours.total == 3)
        let counted = hours.rows(nonZeroOnly: true)
        #expect(counted.map(\.keys) == [[.hourOfWeek(weekday: 6, hour: 2)], [.hourOfWeek(weekday: 6, hour: 3)]])
        #expect(counted.map(\.count) == [2, 1])
        let days = try snapshot.count(by: [.day])
        #expect(days.rows(nonZeroOnly: true).map(\.keys) == [
            [.day(CivilDate(year: 2024, month: 3, day: 31))], [.day(CivilDate(year: 2024, month: 10, day: 27))],
        ])
    }

    @Test("an incident known to the day has no hour, and one known to the month no day")
    func precisionIsRespected() throws {
        var fixture = try SnapshotFixture()
        // Local midnights of 2024-06-03 and 2024-06-01 in Paris.
        try fixture.write([fixture.record(at: 1_717_365_600, precision: .day),
            fixture.record(at: 1_717_192_800, precision: .month), fixture.record(at: Self.monday, precision: .hour)])
        let snapshot = try IncidentSnapshot.build(from: fixture.store, timeZone: Self.paris, origin: Self.marseille)
        #expect(try snapshot.count(by: [.hourOfWeek]).rows(nonZeroOnly: true).map(\.keys)
            == [[.hourOfWeek(weekday: 0, hour: 14)]])
        let days = try snapshot.count(by: [.day]).rows(nonZeroOnly: true)
        #expect(days.map(\.keys) == [[.day(CivilDate(year: 2024, month: 6, day: 3))]])
        #expect(days.map(\.count) == [2])
        #expect(try snapshot.count(by: [.month]).rows().map(\.count) == [3])
        #expect(try snapshot.count(by: [.week]).rows().map(\.keys).last == [.week(CivilDate(year: 2024, month: 6, day: 3))])
    }

    @Test("a series covers every day of the period asked, empty days included")
    func seriesHaveZeros() throws {
        var fixture = try SnapshotFixture()
        try fixture.write([fixture.record(at: Self.monday), fixture.record(at: Self.monday + 2 * 86_400)])
        let snapshot = try IncidentSnapshot.build(from: fixture.store, timeZone: Self.paris, origin: Self.marseille)
        let period = IncidentFilter(
            from: snapshot.start(of: CivilDate(year: 2024, month: 6, day: 1)),
            to: snapshot.start(of: CivilDate(year: 2024, month: 6, day: 8)))
        let days = try snapshot.count(by: [.day], filter: period)
        #expect(days.rows().map(\.count) == [0, 0, 1, 0, 1, 0, 0])
        #expect(days.rows().first?.keys == [.day(CivilDate(year: 2024, month: 6, day: 1))])
    }

    @Test("cells are aligned on multiples of their size, and unlocated incidents fall in none")
    func cells() throws {
        var fixture = try SnapshotFixture()
        // About 20 m apart, then about 1.1 km north.
        try fixture.write([fixture.record(at: Self.monday, latitude: 43.3001, longitude: 5.3801),
            fixture.record(at: Self.monday, latitude: 43.3002, longitude: 5.3802),
            fixture.record(at: Self.monday, latitude: 43.3101, longitude: 5.3801),
            fixture.record(at: Self.monday, latitude: nil, longitude: nil)])
        let snapshot = try IncidentSnapshot.build(from: fixture.store, timeZone: Self.paris, origin: Self.marseille)
        let table = try snapshot.count(by: [.cell(size: 250)])
        #expect(table.matched == 4)
        #expect(table.rows(nonZeroOnly: true).map(\.count) == [2, 1])
        let grid = try #require(table.grid)
        #expect(grid.minX.truncatingRemainder(dividingBy: 250) == 0)
        #expect(grid.minY.truncatingRemainder(dividingBy: 250) == 0)
        #expect(throws: AnalyticsError.invalidCellSize(5)) { try snapshot.count(by: [.cell(size: 5)]) }
    }
}
