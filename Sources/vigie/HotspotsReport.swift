import Foundation
import VigieAnalytics
import VigieCore

/// Prints hotspot results as tables, CSV, JSON or GeoJSON.
enum HotspotsReport {
    static func print(_ surface: DensitySurface, format: ResultFormat) throws {
        let cells = surface.density.indices.filter { surface.density[$0] > 0 }
            .sorted { surface.density[$0] > surface.density[$1] }
        let header = ["cell", "latitude", "longitude", "per_km2"]
        func row(_ index: Int) -> [String] {
            position(surface.grid, surface.projection, index) + [String(format: "%.2f", surface.density[index])]
        }
        switch format {
        case .table:
            Swift.print("\(Output.count(surface.incidents)) incidents, \(Int(surface.grid.cellSize)) m cells, bandwidth \(Int(surface.bandwidth)) m; the 20 densest cells:")
            Output.table(header, cells.prefix(20).map(row))
        case .csv:
            Output.csv(header, cells.map(row))
        case .json:
            try Output.json(JSONOutput.object([
                "incidents": .integer(surface.incidents), "cellSize": .number(surface.grid.cellSize),
                "bandwidth": .number(surface.bandwidth), "peak": .number(surface.peak),
                "cells": .array(cells.map { index in
                    .object(["cell": .integer(index), "density": .number(surface.density[index])].merging(
                        coordinates(surface.grid, surface.projection, index)) { first, _ in first })
                }),
            ]))
        case .geojson:
            let floor = surface.peak / 100
            try Output.json(GeoJSONOutput.featureCollection(cells.filter { surface.density[$0] >= floor }.map { index in
                (outline(surface.grid, surface.projection, index), ["cell": .integer(index), "density": .number(surface.density[index])])
            }))
        }
    }

    static func print(_ map: HotspotMap, format: ResultFormat) throws {
        let significant = map.significantCells
        let header = ["cell", "latitude", "longitude", "count", "z", "p", "kind"]
        func row(_ cell: HotspotMap.Cell) -> [String] {
            position(map.grid, map.projection, cell.index)
                + [String(cell.count), String(format: "%.3f", cell.z), String(format: "%.2g", cell.p), cell.kind.rawValue]
        }
        func properties(_ cell: HotspotMap.Cell) -> [String: JSONOutput] {
            ["cell": .integer(cell.index), "count": .integer(cell.count), "z": .number(cell.z), "p": .number(cell.p),
                "kind": .string(cell.kind.rawValue)]
        }
        switch format {
        case .table:
            let hot = significant.filter { $0.kind == .hot }.count
            Swift.print("\(map.cells.count) cells of \(Int(map.grid.cellSize)) m tested, neighbours within \(Int(map.distance)) m, \(map.scale.rawValue) scale; \(hot) hot and \(significant.count - hot) cold at a false-discovery rate of \(map.falseDiscoveryRate)")
            Output.table(header, significant.map(row))
        case .csv:
            Output.csv(header, map.cells.map(row))
        case .json:
            try Output.json(JSONOutput.object([
                "cellSize": .number(map.grid.cellSize), "distance": .number(map.distance),
                "falseDiscoveryRate": .number(map.falseDiscoveryRate), "scale": .string(map.scale.rawValue),
                "pThreshold": map.pThreshold.map(JSONOutput.number) ?? .null,
                "cells": .array(map.cells.map { cell in
                    .object(properties(cell).merging(coordinates(map.grid, map.projection, cell.index)) { first, _ in first })
                }),
            ]))
        case .geojson:
            try Output.json(map.layer)
        }
    }

    static func print(_ table: KnoxTable, format: ResultFormat) throws {
        let summary = table.nearRepeat.map {
            "after an incident, risk within \(Int($0.metres)) m stays raised for \($0.days.formatted()) days"
        } ?? "no near-repeat pattern: the nearest pairs are not more frequent than chance"
        var rows: [[String]] = []
        var lower = 0.0
        for (distance, edge) in table.distanceBands.enumerated() {
            var row = ["\(Int(lower))–\(Int(edge)) m"]
            for time in table.dayBands.indices {
                let ratio = table.ratio(distance, time).map { String(format: "%.2f", $0) } ?? "-"
                row.append("\(table.observed[distance][time]) ×\(ratio) p=\(String(format: "%.3f", table.pValues[distance][time]))\(table.isRaised(distance, time) ? " *" : "")")
            }
            rows.append(row)
            lower = edge
        }
        var previous = 0.0
        let header = ["distance"] + table.dayBands.map { edge in
            defer { previous = edge }
            return "\(previous.formatted())–\(edge.formatted()) d"
        }
        switch format {
        case .table:
            Swift.print("\(Output.count(table.incidents)) incidents, \(table.permutations) permutations: \(summary)")
            Swift.print("observed pairs ×observed/expected, p; * raised at p ≤ \(table.significance)")
            Output.table(header, rows)
        case .csv:
            var flat: [[String]] = []
            for distance in table.distanceBands.indices {
                for time in table.dayBands.indices {
                    flat.append([table.distanceBands[distance].formatted(), table.dayBands[time].formatted(),
                        String(table.observed[distance][time]), String(format: "%.3f", table.expected[distance][time]),
                        String(format: "%.4f", table.pValues[distance][time])])
                }
            }
            Output.csv(["distance_to_m", "days_to", "observed", "expected", "p"], flat)
        case .json, .geojson:
            try Output.json(JSONOutput.object([
                "incidents": .integer(table.incidents), "permutations": .integer(table.permutations),
                "distanceBands": .array(table.distanceBands.map(JSONOutput.number)),
                "dayBands": .array(table.dayBands.map(JSONOutput.number)),
                "observed": .array(table.observed.map { .array($0.map(JSONOutput.integer)) }),
                "expected": .array(table.expected.map { .array($0.map(JSONOutput.number)) }),
                "pValues": .array(table.pValues.map { .array($0.map(JSONOutput.number)) }),
                "nearRepeat": table.nearRepeat.map { .object(["metres": .number($0.metres), "days": .number($0.days)]) } ?? .null,
                "summary": .string(summary),
            ]))
        }
    }

    private static func centre(_ grid: SquareGrid, _ projection: LocalProjection?, _ index: Int) -> GeoPoint? {
        projection?.unproject(grid.cellCenter(index))
    }

    private static func position(_ grid: SquareGrid, _ projection: LocalProjection?, _ index: Int) -> [String] {
        let point = centre(grid, projection, index)
        return [String(index), point.map { String(format: "%.6f", $0.latitude) } ?? "",
            point.map { String(format: "%.6f", $0.longitude) } ?? ""]
    }

    private static func coordinates(_ grid: SquareGrid, _ projection: LocalProjection?, _ index: Int)
        -> [String: JSONOutput]
    {
        guard let point = centre(grid, projection, index) else { return [:] }
        return ["latitude": .number(point.latitude), "longitude": .number(point.longitude)]
    }

    private static func outline(_ grid: SquareGrid, _ projection: LocalProjection?, _ index: Int) -> Polygon? {
        projection.map { grid.outline(ofCell: index, projection: $0) }
    }
}
