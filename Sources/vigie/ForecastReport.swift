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
            for line in forecast.provenance { Swift.print(line) }
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
            try Output.json(ForecastDocument.cells(forecast, top: top, coverage: coverage))
        case .geojson:
            try Output.json(ForecastDocument.layer(forecast, coverage: coverage))
        }
    }
}
