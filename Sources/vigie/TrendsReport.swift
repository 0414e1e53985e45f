import Foundation
import VigieAnalytics
import VigieCore

/// Prints the CompStat table and decomposed series.
enum TrendsReport {
    static func printCompStat(_ table: CompStatTable, level: Double, format: ResultFormat, names: GroupNames) throws {
        let comparisons: [(String, KeyPath<CompStatTable.Line, CompStatTable.Comparison>)] = [
            ("last7_vs_previous", \.last7AgainstPrevious), ("last7_vs_year_before", \.last7AgainstYearBefore),
            ("last28_vs_previous", \.last28AgainstPrevious), ("last28_vs_year_before", \.last28AgainstYearBefore),
            ("year_to_date_vs_year_before", \.yearToDateAgainstYearBefore),
        ]
        func change(_ comparison: CompStatTable.Comparison) -> String {
            let percent = comparison.change.map { String(format: "%+.0f %%", $0 * 100) } ?? "new"
            let arrow = switch comparison.direction(at: level) {
            case "up": " ↑"
            case "down": " ↓"
            default: ""
            }
            return "\(comparison.reference) \(percent)\(arrow)"
        }
        switch format {
        case .table:
            Swift.print("as of \(table.asOf.iso); ↑ ↓ mark differences significant at p ≤ \(level) (exact Poisson test)")
            Output.table(
                ["group", "7 d", "prev 7 d", "year before", "28 d", "prev 28 d", "year before", "year to date", "year before"],
                table.lines.map { line in
                    [names.label(line.key), String(line.last7AgainstPrevious.current), change(line.last7AgainstPrevious),
                        change(line.last7AgainstYearBefore), String(line.last28AgainstPrevious.current),
                        change(line.last28AgainstPrevious), change(line.last28AgainstYearBefore),
                        String(line.yearToDateAgainstYearBefore.current), change(line.yearToDateAgainstYearBefore)]
                })
        case .csv:
            let header = ["group"] + comparisons.flatMap { ["\($0.0)_current", "\($0.0)_reference", "\($0.0)_p", "\($0.0)_direction"] }
            Output.csv(header, table.lines.map { line in
                [names.label(line.key)] + comparisons.flatMap { _, path in
                    let comparison = line[keyPath: path]
                    return [String(comparison.current), String(comparison.reference), String(format: "%.6g", comparison.p),
                        comparison.direction(at: level)]
                }
            })
        case .json, .geojson:
            try Output.json(TrendsDocument.compStat(table, level: level) { names.label($0) })
        }
    }

    static func printSeries(_ series: [(key: GroupKey, count: Int)], period: Int, format: ResultFormat) throws {
        let document = TrendsDocument.series(series, period: period)
        func number(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "" }
        let header = ["period", "count", "trend", "seasonal", "residual"]
        let rows = document.series.map { point in
            [point.period, String(point.count), number(point.trend), number(point.seasonal), number(point.residual)]
        }
        switch format {
        case .table:
            Swift.print(document.seasonalStrength.map {
                "seasonal period \(period); the seasonal part explains \(Int(($0 * 100).rounded())) % of the detrended variance"
            } ?? "too short to decompose (fewer than three periods of \(period))")
            Swift.print(document.changePoints.isEmpty ? "no change of level" : "changes of level: " + document.changePoints.map { change in
                "\(change.start): level \(String(format: "%.1f", change.levelBefore)) → \(String(format: "%.1f", change.levelAfter))"
            }.joined(separator: "; "))
            Output.table(header, rows)
        case .csv:
            Output.csv(header, rows)
        case .json, .geojson:
            try Output.json(document)
        }
    }
}
