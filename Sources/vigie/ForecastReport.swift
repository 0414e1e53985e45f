import Foundation
import VigieAnalytics
import VigieCore

/// Prints forecasts: what they say and how far to trust them.
enum ForecastReport {
    static func print(_ forecast: Forecast, top: Int, coverage: Double, format: ResultFormat) throws {
        // Cells with no risk are not places to go, whatever their rank.
        let ranked = forecast.ranked.filter { forecast.risk[$0] > 0 }
        let grid = forecast.grid.grid
        let projection = forecast.grid.projection
        func centre(_ cell: Int) -> GeoPoint? { projection?.unproject(grid.cellCenter(cell)) }
        switch format {
        case .table:
            for line in summary(forecast) { Swift.print(line) }
            Output.table(["rank", "cell", "latitude", "longitude", "risk"], ranked.prefix(top).enumerated().map { rank, cell in
                let point = centre(cell)
                return [String(rank + 1), String(cell), point.map { String(format: "%.6f", $0.latitude) } ?? "",
                    point.map { String(format: "%.6f", $0.longitude) } ?? "", String(format: "%.4g", forecast.risk[cell])]
            })
        case .csv:
            Output.csv(["rank", "cell", "latitude", "longitude", "risk"], ranked.enumerated().map { rank, cell in
                let point = centre(cell)
                return [String(rank + 1), String(cell), point.map { String(format: "%.6f", $0.latitude) } ?? "",
                    point.map { String(format: "%.6f", $0.longitude) } ?? "", String(forecast.risk[cell])]
            })
        case .json:
            try Output.json(JSONOutput.object(transparency(forecast).merging([
                "cells": .array(ranked.prefix(max(top, Int(Double(ranked.count) * coverage))).enumerated().map { rank, cell in
                    var properties: [String: JSONOutput] = [
                        "rank": .integer(rank + 1), "cell": .integer(cell), "risk": .number(forecast.risk[cell]),
                    ]
                    if let point = centre(cell) {
                        properties["latitude"] = .number(point.latitude)
                        properties["longitude"] = .number(point.longitude)
                    }
                    return .object(properties)
                }),
            ]) { first, _ in first }))
        case .geojson:
            let shown = ranked.prefix(Int((Double(forecast.grid.studyCells) * coverage).rounded(.down)))
            var collection = GeoJSONOutput.featureCollection(shown.enumerated().map { rank, cell in
                (projection.map { grid.outline(ofCell: cell, projection: $0) },
                    ["rank": .integer(rank + 1), "cell": .integer(cell), "risk": .number(forecast.risk[cell])])
            })
            if case .object(var members) = collection {
                members["forecast"] = .object(transparency(forecast))
                collection = .object(members)
            }
            try Output.json(collection)
        }
    }

    /// Method, training, measured accuracy and warnings, as JSON members.
    static func transparency(_ forecast: Forecast) -> [String: JSONOutput] {
        var members: [String: JSONOutput] = [
            "method": .string(forecast.method), "origin": .string(forecast.origin.formatted(.iso8601)),
            "horizonHours": .number(forecast.horizon / 3_600), "cellSize": .number(forecast.grid.grid.cellSize),
            "studyCells": .integer(forecast.grid.studyCells), "trainingIncidents": .integer(forecast.trainingIncidents),
            "warnings": .array(forecast.warnings.map(JSONOutput.string)),
        ]
        if let days = forecast.trainingDays {
            members["trainingFrom"] = .string(CivilDate(dayNumber: days.lowerBound).iso)
            members["trainingTo"] = .string(CivilDate(dayNumber: days.upperBound).iso)
        }
        if let accuracy = forecast.accuracy {
            members["accuracy"] = .object([
                "days": .integer(forecast.accuracyDays), "incidents": .integer(accuracy.incidents),
                "hitRate": .object(Dictionary(uniqueKeysWithValues: accuracy.coverages.indices.map {
                    (String(Int((accuracy.coverages[$0] * 100).rounded())), JSONOutput.number(accuracy.hitRate($0)))
                })),
            ])
        }
        return members
    }

    /// The forecast in sentences, for the top of a table or a briefing.
    static func summary(_ forecast: Forecast) -> [String] {
        var lines = ["method \(forecast.method), \(Int(forecast.horizon / 3_600)) h from \(forecast.origin.formatted(.iso8601)), cells of \(Int(forecast.grid.grid.cellSize)) m (\(Output.count(forecast.grid.studyCells)) in the study area)"]
        if let days = forecast.trainingDays {
            lines.append("learnt from \(Output.count(forecast.trainingIncidents)) incidents, \(CivilDate(dayNumber: days.lowerBound).iso) to \(CivilDate(dayNumber: days.upperBound).iso)")
        }
        if let accuracy = forecast.accuracy {
            lines.append(String(format: "over the last %d days, this method's top 5 %% of the area caught %.1f %% of %d incidents (top 10 %%: %.1f %%)",
                forecast.accuracyDays, accuracy.hitRate(2) * 100, accuracy.incidents, accuracy.hitRate(3) * 100))
        }
        for warning in forecast.warnings { lines.append("warning: \(warning)") }
        return lines
    }
}
