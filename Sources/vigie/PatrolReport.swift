import Foundation
import VigieAnalytics
import VigieCore

/// Prints patrol plans.
enum PatrolReport {
    static func print(_ plan: PatrolPlan, names: PlaceNames, format: ResultFormat) throws {
        let grid = plan.forecast.grid.grid
        let projection = plan.forecast.grid.projection
        func centre(_ area: PatrolPlan.Area) -> GeoPoint? { projection?.unproject(grid.cellCenter(area.centre)) }
        switch format {
        case .table, .csv:
            for line in ForecastReport.summary(plan.forecast) { Swift.print(line) }
            Swift.print(String(format: "%d areas of %.0f m radius, %.0f m apart at least: %.1f %% of the forecast risk, about %.1f of %.1f expected incidents",
                plan.areas.count, plan.radius, plan.spacing, plan.share * 100, plan.share * plan.expectedIncidents,
                plan.expectedIncidents))
            Output.table(["unit", "latitude", "longitude", "district", "share", "incidents", ""], plan.areas.enumerated().map { unit, area in
                let point = centre(area)
                return [String(unit + 1), point.map { String(format: "%.6f", $0.latitude) } ?? "",
                    point.map { String(format: "%.6f", $0.longitude) } ?? "", names.name(at: grid.cellCenter(area.centre)),
                    String(format: "%.1f %%", area.share * 100), String(format: "%.2f", area.expectedIncidents),
                    area.fixed ? "fixed post" : ""]
            })
        case .json:
            try Output.json(JSONOutput.object(ForecastReport.transparency(plan.forecast).merging([
                "radius": .number(plan.radius), "spacing": .number(plan.spacing), "share": .number(plan.share),
                "expectedIncidents": .number(plan.expectedIncidents),
                "areas": .array(plan.areas.enumerated().map { unit, area in .object(properties(unit, area, centre(area), names, grid)) }),
            ]) { first, _ in first }))
        case .geojson:
            try Output.json(GeoJSONOutput.featureCollection(plan.areas.enumerated().map { unit, area in
                (projection.map { projection in
                    Polygon(outer: (0..<32).map { step in
                        let angle = Double(step) / 32 * 2 * .pi
                        let middle = grid.cellCenter(area.centre)
                        let point = projection.unproject(PlanarPoint(
                            x: middle.x + plan.radius * cos(angle), y: middle.y + plan.radius * sin(angle)))
                        return PlanarPoint(x: point.longitude, y: point.latitude)
                    })
                }, properties(unit, area, centre(area), names, grid))
            }))
        }
    }

    private static func properties(
        _ unit: Int, _ area: PatrolPlan.Area, _ centre: GeoPoint?, _ names: PlaceNames, _ grid: SquareGrid
    ) -> [String: JSONOutput] {
        var properties: [String: JSONOutput] = [
            "unit": .integer(unit + 1), "share": .number(area.share), "expectedIncidents": .number(area.expectedIncidents),
            "fixed": .string(area.fixed ? "yes" : "no"), "cells": .integer(area.cells.count),
            "district": .string(names.name(at: grid.cellCenter(area.centre))),
        ]
        if let centre {
            properties["latitude"] = .number(centre.latitude)
            properties["longitude"] = .number(centre.longitude)
        }
        return properties
    }
}
