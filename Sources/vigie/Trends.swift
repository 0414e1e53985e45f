import ArgumentParser
import Foundation
import VigieAnalytics
import VigieCore
import VigieStore

/// `vigie trends`: the CompStat table, or a series with its seasonal decomposition and changes of level.
struct Trends: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How incidents evolve: a CompStat table, or a series with its decomposition and changes of level.",
        discussion: """
            Without --series: the last 7 and 28 days against the period before and the same days 52 weeks \
            earlier, and the year to date against the same dates a year before, per group, with the exact \
            Poisson test of each difference (up or down when p ≤ --significance, stable otherwise). With --series: \
            the counts per day, week or month, their classical decomposition (trend, seasonal part over a \
            week of days, a year of weeks or a year of months, residual) and the changes of level (optimal partitioning).
            """)

    enum By: String, ExpressibleByArgument, CaseIterable {
        case category, district, source
    }

    enum Series: String, ExpressibleByArgument, CaseIterable {
        case day, week, month
    }

    @OptionGroup var store: StoreOptions
    @OptionGroup var filters: AnalyticsOptions
    @Option(help: "The last day counted (YYYY-MM-DD; default: the latest day holding an incident).") var asOf: String?
    @Option(help: "The groups of the CompStat table: category, district or source.") var by: By = .category
    @Option(help: "A series instead of the table: day, week or month.") var series: Series?
    @Option(help: "Significance level of the CompStat differences.") var significance: Double = 0.05
    @Option(help: "table, csv or json.") var format: ResultFormat = .table

    func validate() throws {
        if format == .geojson { throw ValidationError("--format geojson does not apply to trends: use table, csv or json") }
        guard significance > 0 && significance < 1 else {
            throw ValidationError("--significance \(significance) must lie strictly between 0 and 1")
        }
    }

    func run() async throws {
        let store = try store.openExisting()
        let snapshot = try store.analyticsSnapshot()
        let filter = try filters.filter(store: store, snapshot: snapshot)
        if let series {
            let grouping: Grouping = switch series {
            case .day: .day
            case .week: .week
            case .month: .month
            }
            try TrendsReport.printSeries(
                try snapshot.wholePeriodSeries(grouping, filter: filter),
                period: TrendsDocument.seasonalPeriod(of: grouping), format: format)
            return
        }
        let day: CivilDate
        if let asOf {
            day = try AnalyticsOptions.day(asOf, option: "--as-of")
        } else {
            guard let last = snapshot.dayRange?.upperBound else { throw CommandError("the store holds no incident yet") }
            day = CivilDate(dayNumber: last)
        }
        let level = by == .district ? try filters.districtLevel(snapshot) : nil
        let grouping: Grouping = switch by {
        case .category: .category
        case .source: .source
        case .district: .district(level: level!)
        }
        let table = try snapshot.compStat(asOf: day, grouping: grouping, filter: filter)
        try TrendsReport.printCompStat(
            table, level: significance, format: format, names: try GroupNames(store: store, level: level))
    }
}
