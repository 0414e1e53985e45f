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
            for line in plan.forecast.provenance { Swift.print(line) }
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
            try Output.json(ForecastDocument.plan(plan, names: names))
        case .geojson:
            try Output.json(ForecastDocument.planLayer(plan, names: names))
        }
    }
}
