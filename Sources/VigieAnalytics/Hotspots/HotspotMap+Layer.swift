import VigieCore

extension HotspotMap {
    /// The significant cells, strongest first.
    public var significantCells: [Cell] {
        cells.filter { $0.kind != .notSignificant }.sorted { abs($0.z) > abs($1.z) }
    }

    /// The significant cells as squares with their count, z, p and kind (hot or cold), for a map.
    public var layer: PolygonFeatures {
        guard let projection else { return PolygonFeatures(features: []) }
        return PolygonFeatures(features: significantCells.map { cell in
            PolygonFeatures.Feature(
                geometry: .init(grid.outline(ofCell: cell.index, projection: projection)),
                properties: [
                    "cell": .integer(cell.index), "count": .integer(cell.count), "z": .number(cell.z), "p": .number(cell.p),
                    "kind": .text(cell.kind.rawValue),
                ])
        })
    }
}
