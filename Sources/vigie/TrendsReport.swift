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
            try Output.json(JSONOutput.object([
                "asOf": .string(table.asOf.iso), "level": .number(level),
                "lines": .array(table.lines.map { line in
                    var object: [String: JSONOutput] = ["group": .string(names.label(line.key))]
                    for (name, path) in comparisons {
                        let comparison = line[keyPath: path]
                        object[name] = .object([
                            "current": .integer(comparison.current), "reference": .integer(comparison.reference),
                            "change": comparison.change.map(JSONOutput.number) ?? .null, "p": .number(comparison.p),
                            "direction": .string(comparison.direction(at: level)),
                        ])
                    }
                    return .object(object)
                }),
            ]))
        }
    }

    static func printSeries(_ series: [(key: GroupKey, count: Int)], period: Int, format: ResultFormat) throws {
        let counts = series.map(\.count)
        let labels = series.map { GroupNames.period($0.key) ?? "" }
        let values = counts.map(Double.init)
        let decomposition = SeasonalDecomposition(values, period: period)
        // Changes of level are read on the deseasonalised series, so that a season is not taken for one.
        let adjusted = decomposition.map { decomposition in values.indices.map { values[$0] - decomposition.seasonal[$0] } }
        let changes = ChangePointDetection.detect(adjusted ?? values, minimumLength: period == 7 ? 14 : 3)
        func number(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "" }
        let header = ["period", "count", "trend", "seasonal", "residual"]
        let rows = labels.indices.map { index in
            [labels[index], String(counts[index]), number(decomposition?.trend[index]),
                number(decomposition?.seasonal[index]), number(decomposition?.residual[index])]
        }
        let changeLines = changes.map { change in
            "\(labels[change.index]): level \(String(format: "%.1f", change.meanBefore)) → \(String(format: "%.1f", change.meanAfter))"
        }
        switch format {
        case .table:
            Swift.print(decomposition == nil
                ? "too short to decompose (fewer than three periods of \(period))"
                : "seasonal period \(period); the seasonal part explains \(Int((decomposition!.seasonalStrength * 100).rounded())) % of the detrended variance")
            Swift.print(changes.isEmpty ? "no change of level" : "changes of level: " + changeLines.joined(separator: "; "))
            Output.table(header, rows)
        case .csv:
            Output.csv(header, rows)
        case .json, .geojson:
            try Output.json(JSONOutput.object([
                "period": .integer(period),
                "seasonalStrength": decomposition.map { .number($0.seasonalStrength) } ?? .null,
                "changePoints": .array(changes.map { change in
                    .object(["start": .string(labels[change.index]), "levelBefore": .number(change.meanBefore),
                        "levelAfter": .number(change.meanAfter)])
                }),
                "series": .array(labels.indices.map { index in
                    .object(["period": .string(labels[index]), "count": .integer(counts[index]),
                        "trend": decomposition?.trend[index].map(JSONOutput.number) ?? .null,
                        "seasonal": decomposition.map { .number($0.seasonal[index]) } ?? .null,
                        "residual": decomposition?.residual[index].map(JSONOutput.number) ?? .null])
                }),
            ]))
        }
    }
}
