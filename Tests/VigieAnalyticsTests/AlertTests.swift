import Foundation
import Testing
import VigieCore
import VigieStore

@testable import VigieAnalytics

@Suite("Anomaly alerts: excess days and level changes")
struct AlertTests {
    static let paris = TimeZone(identifier: "Europe/Paris")!
    /// Four districts side by side, 0.01° wide, with a point inside each.
    static let districts = (0..<4).map { index in
        District(level: "arrondissement", code: "1320\(index + 1)", name: "\(index + 1)",
            outline: boxOutline(5.35 + 0.01 * Double(index), 43.28, 5.36 + 0.01 * Double(index), 43.30))
    }
    static func inside(_ district: Int) -> (Double, Double) { (43.29, 5.355 + 0.01 * Double(district)) }

    /// Daily Poisson counts of `category` in each district over `days` days from 2024-01-01, plus `extra`.
    func snapshot(days: Int, mean: (Int, Int) -> Double, seed: UInt64, extra: [(day: Int, district: Int, count: Int)] = [])
        throws -> (IncidentSnapshot, SQLiteStore)
    {
        var fixture = try SnapshotFixture()
        var empty = IncidentSnapshot(timeZone: Self.paris)
        try empty.refresh(from: fixture.store)
        var random = SeededGenerator(seed: seed, stream: 9)
        var records: [IngestBatch.Record] = []
        for day in 0..<days {
            let noon = empty.start(of: CivilDate(year: 2024, month: 1, day: 1).adding(days: day)).timeIntervalSince1970 + 43_200
            for district in 0..<4 {
                let planted = extra.filter { $0.day == day && $0.district == district }.reduce(0) { $0 + $1.count }
                for _ in 0..<(random.poisson(mean(day, district)) + planted) {
                    let (latitude, longitude) = Self.inside(district)
                    records.append(fixture.record(at: noon, "burglary", latitude: latitude, longitude: longitude))
                }
            }
        }
        try fixture.write(records)
        try fixture.store.replaceDistricts(level: "arrondissement", with: Self.districts)
        return (try IncidentSnapshot.build(from: fixture.store, timeZone: Self.paris), fixture.store)
    }

    static let firstScanned = CivilDate(year: 2025, month: 3, day: 1).dayNumber

    @Test("a planted excess day is found with its observed and expected counts, and only it")
    func plantedExcess() throws {
        let planted = Self.firstScanned + 10 - CivilDate(year: 2024, month: 1, day: 1).dayNumber
        let (snapshot, _) = try snapshot(days: 480, mean: { _, _ in 5 }, seed: 1, extra: [(planted, 2, 20)])
        let scan = try snapshot.excesses(on: Self.firstScanned...(Self.firstScanned + 29), level: "arrondissement")
        #expect(scan.tests == 4 * 12 * 30)
        let finding = try #require(scan.findings.first)
        #expect(scan.findings.count == 1, "\(scan.findings)")
        #expect(finding.day.dayNumber == Self.firstScanned + 10 && finding.district == "13203")
        #expect(finding.category == "burglary" && finding.observed >= 20)
        #expect(abs(finding.expected - 5) < 1.5)
    }

    @Test("a scan needs eight weeks of data before its first day")
    func history() throws {
        let (snapshot, _) = try snapshot(days: 70, mean: { _, _ in 5 }, seed: 4)
        let start = CivilDate(year: 2024, month: 1, day: 1).dayNumber
        #expect(throws: AnalyticsError.insufficientHistory(
            needed: "8 weeks before the first day scanned", dataStart: CivilDate(dayNumber: start))) {
            try snapshot.excesses(on: (start + 50)...(start + 60), level: "arrondissement")
        }
        #expect(try snapshot.excesses(on: (start + 56)...(start + 69), level: "arrondissement").findings.isEmpty)
    }

    @Test("a steady Poisson background raises no alert, even with a strong weekly rhythm")
    func steadyBackground() throws {
        let (snapshot, _) = try snapshot(days: 480, mean: { day, _ in day % 7 == 5 ? 12 : 4 }, seed: 2)
        let scan = try snapshot.excesses(on: Self.firstScanned...(Self.firstScanned + 59), level: "arrondissement")
        #expect(scan.findings.isEmpty, "\(scan.findings)")
    }

    @Test("a lasting rise against the year before is found as a level change in the recent weeks")
    func levelChange() throws {
        let rise = CivilDate(year: 2025, month: 11, day: 3).dayNumber - CivilDate(year: 2024, month: 1, day: 1).dayNumber
        let seasonal = { (day: Int, _: Int) in 2 + 1.5 * sin(Double(day) / 365.25 * 2 * .pi) + (day >= rise ? 2 : 0) }
        let (snapshot, _) = try snapshot(days: 731, mean: seasonal, seed: 3)
        let findings = try #require(try snapshot.levelChanges(asOf: CivilDate(year: 2025, month: 12, day: 31)))
        let finding = try #require(findings.first)
        #expect(findings.count == 1 && finding.category == "burglary")
        #expect(abs(finding.week.dayNumber - CivilDate(year: 2025, month: 11, day: 3).dayNumber) <= 7)
        #expect(finding.differenceAfter > finding.differenceBefore + 40)
        // Two years of the same seasons with no rise: nothing; less than two years of data: no answer.
        let (calm, _) = try self.snapshot(days: 731, mean: { day, _ in 2 + 1.5 * sin(Double(day) / 365.25 * 2 * .pi) }, seed: 3)
        #expect(try calm.levelChanges(asOf: CivilDate(year: 2025, month: 12, day: 31)) == [])
        #expect(try snapshot.levelChanges(asOf: CivilDate(year: 2025, month: 10, day: 26)) == nil)
    }

    @Test("the negative binomial tail is wider than Poisson's and equals it without overdispersion")
    func tails() {
        #expect(abs(CountDistribution.upperTail(10, mean: 5, dispersion: 1) - 0.0318280573) < 1e-8)
        // SciPy: nbinom.sf(9, 5, 0.5) and nbinom.sf(29, 5 / 1.5, 1 / 2.5).
        #expect(abs(CountDistribution.upperTail(10, mean: 5, dispersion: 2) - 0.08978271484) < 1e-9)
        #expect(abs(CountDistribution.upperTail(30, mean: 5, dispersion: 2.5) - 3.33207535647e-05) < 1e-12)
        #expect(CountDistribution.upperTail(0, mean: 5, dispersion: 2) == 1)
        #expect(abs(CountDistribution.upperTail(3, mean: 5, dispersion: 1) - 0.8753479805) < 1e-8)
    }

    @Test("alerts are recorded once, listed while open, and acknowledged once")
    func storedAlerts() throws {
        let store = try SQLiteStore.inMemory()
        let alert = Alert(kind: .excess, day: CivilDate(year: 2025, month: 3, day: 11), districtLevel: "arrondissement",
            districtCode: "13203", category: "burglary", observed: 25, expected: 5.2, p: 1e-9, detectedAt: Date())
        let recorded = try store.record([alert])
        #expect(recorded.count == 1)
        #expect(try store.record([alert]).isEmpty)
        let id = try #require(recorded.first?.id)
        #expect(try store.alerts(includeAcknowledged: false, limit: 10).map(\.id) == [id])
        try store.acknowledge(alertID: id, by: "analyst", note: "a burglary series, arrests made", at: Date())
        #expect(try store.alerts(includeAcknowledged: false, limit: 10).isEmpty)
        #expect(try store.alerts(includeAcknowledged: true, limit: 10).first?.note == "a burglary series, arrests made")
        #expect(throws: StoreError.alertAlreadyAcknowledged(id, by: "analyst")) {
            try store.acknowledge(alertID: id, by: "other", note: nil, at: Date())
        }
        #expect(throws: StoreError.unknownAlert(99)) { try store.acknowledge(alertID: 99, by: "x", note: nil, at: Date()) }
    }
}
