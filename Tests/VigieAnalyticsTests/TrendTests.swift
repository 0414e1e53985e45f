import Foundation
import Testing
import VigieAnalytics
import VigieCore
import VigieTestSupport

@Suite("Trends: the exact Poisson comparison, CompStat, seasonal decomposition, change points")
struct TrendTests {
    @Test("the exact comparison of two Poisson counts matches the binomial test's p-values",
        arguments: [(10, 10, 1.0), (15, 5, 0.04138947), (5, 15, 0.04138947), (0, 6, 0.03125), (120, 80, 0.005685156)])
    func poissonComparison(a: Int, b: Int, expected: Double) {
        // Expected values: SciPy's binomtest(a, a + b, 0.5).pvalue.
        #expect(abs(PoissonComparison.pValue(a, b) - expected) < 1e-6 * max(1, expected * 1_000))
    }

    @Test("classical decomposition recovers a planted weekly pattern around a trend")
    func decomposition() throws {
        let pattern = [3.0, 1, 0, -1, -2, -2, 1]
        let values = (0..<70).map { 100 + 0.5 * Double($0) + pattern[$0 % 7] }
        let decomposition = try #require(SeasonalDecomposition(values, period: 7))
        for (index, value) in pattern.enumerated() {
            #expect(abs(decomposition.seasonal[index] - value) < 1e-9)
        }
        #expect(abs(decomposition.trend[10]! - 105) < 1e-9)
        #expect(decomposition.trend[0] == nil && decomposition.residual[69] == nil)
        #expect(decomposition.seasonalStrength > 0.999)
        #expect(SeasonalDecomposition(Array(values.prefix(20)), period: 7) == nil)
    }

    @Test("a planted level shift is found within a few days, and a steady Poisson series has none")
    func plantedShift() {
        var random = SeededGenerator(seed: 21, stream: 6)
        let shifted = (0..<400).map { Double(random.poisson($0 < 250 ? 40 : 28)) }
        let found = ChangePointDetection.detect(shifted)
        #expect(found.count == 1)
        #expect(abs((found.first?.index ?? 0) - 250) <= 3)
        let steady = (0..<1_000).map { _ in Double(random.poisson(40)) }
        #expect(ChangePointDetection.detect(steady).isEmpty)
    }

    @Test("Toronto's daily counts 2014–2021 show the 2020 drop as a change point in March–April 2020")
    func torontoChangePoint() throws {
        let text = try String(contentsOf: ProjectFiles.sharedData("toronto_mci_daily_counts_2014_2021.csv"), encoding: .utf8)
        var days: [String] = []
        var totals: [Double] = []
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",")
            days.append(String(fields[0]))
            totals.append(fields.dropFirst().reduce(0) { $0 + Double($1)! })
        }
        #expect(totals.count == 2_922)
        let found = ChangePointDetection.detect(totals).map { days[$0.index] }
        #expect(found.contains { $0 >= "2020-03-01" && $0 <= "2020-04-30" }, "change points: \(found)")
    }

    @Test("the CompStat table counts the right days and says which differences are significant")
    func compStat() throws {
        var fixture = try SnapshotFixture()
        let paris = TimeZone(identifier: "Europe/Paris")!
        let asOf = CivilDate(year: 2024, month: 6, day: 30)
        var empty = IncidentSnapshot(timeZone: paris)
        try empty.refresh(from: fixture.store)
        /// Noon on the day `offset` days from `asOf`, as stored.
        func noon(_ offset: Int) -> Double { empty.start(of: asOf.adding(days: offset)).timeIntervalSince1970 + 43_200 }
        var records: [IngestBatch.Record] = []
        for day in -6...0 { records += (0..<10).map { _ in fixture.record(at: noon(day), "theft") } }
        for day in -13...(-7) { records += (0..<2).map { _ in fixture.record(at: noon(day), "theft") } }
        for day in -370...(-364) { records += (0..<10).map { _ in fixture.record(at: noon(day), "theft") } }
        records.append(fixture.record(at: noon(-1), "drugs"))
        records.append(fixture.record(at: noon(1), "theft"))
        records.append(fixture.record(at: empty.start(of: CivilDate(year: 2023, month: 1, day: 1)).timeIntervalSince1970, "drugs"))
        try fixture.write(records)
        let snapshot = try IncidentSnapshot.build(from: fixture.store, timeZone: paris)
        let table = try snapshot.compStat(asOf: asOf, grouping: .category)
        #expect(table.lines.count == Taxonomy.standard.categories.count + 1)
        let theft = try #require(table.lines.first { $0.key == .category("theft") })
        #expect(theft.last7AgainstPrevious.current == 70 && theft.last7AgainstPrevious.reference == 14)
        #expect(theft.last7AgainstPrevious.direction(at: 0.05) == "up")
        #expect(theft.last7AgainstYearBefore.reference == 70)
        #expect(theft.last7AgainstYearBefore.direction(at: 0.05) == "stable")
        #expect(theft.last28AgainstPrevious.current == 84 && theft.last28AgainstPrevious.reference == 0)
        #expect(theft.yearToDateAgainstYearBefore.current == 84 && theft.yearToDateAgainstYearBefore.reference == 50)
        let drugs = try #require(table.lines.first { $0.key == .category("drugs") })
        #expect(drugs.yearToDateAgainstYearBefore.current == 1 && drugs.yearToDateAgainstYearBefore.reference == 1)
        let total = try #require(table.lines.last)
        #expect(total.key == nil && total.last7AgainstPrevious.current == 71)
    }

    @Test("an empty store gives a CompStat table of zeros, whatever the grouping")
    func emptyCompStat() throws {
        let fixture = try SnapshotFixture()
        let snapshot = try IncidentSnapshot.build(from: fixture.store, timeZone: TimeZone(identifier: "Europe/Paris")!)
        for grouping in [Grouping.source, .category] {
            let table = try snapshot.compStat(asOf: CivilDate(year: 2024, month: 6, day: 1), grouping: grouping)
            #expect(table.lines.last?.key == nil && table.lines.last?.yearToDateAgainstYearBefore.current == 0)
        }
    }
}
