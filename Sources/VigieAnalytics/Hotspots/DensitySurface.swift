import Foundation
import VigieCore

/// A kernel density surface: the density of incidents, per square kilometre, at the centre of each cell.
public struct DensitySurface: Sendable {
    /// The cells, in metres of the projection.
    public let grid: SquareGrid
    /// The projection the grid is laid in.
    public let projection: LocalProjection?
    /// The kernel's radius, in metres.
    public let bandwidth: Double
    /// Incidents per km² at each cell's centre, row-major as the grid numbers its cells.
    public let density: [Double]
    /// Incidents that contributed.
    public let incidents: Int

    /// The highest density.
    public var peak: Double { density.max() ?? 0 }
}

extension IncidentSnapshot {
    /// The quartic (biweight) kernel density of the incidents `filter` keeps, K(d) = 3/(πh²)·(1 − d²/h²)² within
    /// the bandwidth h, evaluated at the centre of each cell of an aligned grid covering them plus h.
    ///
    /// Incidents are first counted on cells a quarter of the output's side, and the kernel is applied from
    /// those cells' centres: each incident moves at most 0.18 cell, and the cost follows the occupied cells,
    /// not the number of incidents.
    public func density(filter: IncidentFilter = IncidentFilter(), cellSize: Double, bandwidth: Double) throws
        -> DensitySurface
    {
        guard (10...10_000).contains(cellSize) else { throw AnalyticsError.invalidCellSize(cellSize) }
        guard bandwidth >= cellSize / 2 && bandwidth <= 20_000 else {
            throw AnalyticsError.invalidBandwidth(bandwidth, cellSize: cellSize)
        }
        let fine = try count(by: [.cell(size: cellSize / 4)], filter: filter)
        guard let fineGrid = fine.grid, fine.total > 0 else {
            return DensitySurface(
                grid: SquareGrid(minX: 0, minY: 0, cellSize: cellSize, columns: 1, rows: 1), projection: projection,
                bandwidth: bandwidth, density: [0], incidents: 0)
        }
        let region = fineGrid.bounds.expanded(by: bandwidth)
        let minX = (region.minX / cellSize).rounded(.down) * cellSize
        let minY = (region.minY / cellSize).rounded(.down) * cellSize
        let grid = SquareGrid(
            minX: minX, minY: minY, cellSize: cellSize,
            columns: Int(((region.maxX - minX) / cellSize).rounded(.up)),
            rows: Int(((region.maxY - minY) / cellSize).rounded(.up)))
        guard grid.count <= Self.maximumGroups else { throw AnalyticsError.tooManyGroups(grid.count) }
        var density = [Double](repeating: 0, count: grid.count)
        let radius2 = bandwidth * bandwidth
        let scale = 3 / (Double.pi * radius2) * 1_000_000
        density.withUnsafeMutableBufferPointer { density in
            for (cell, count) in fine.counts.enumerated() where count > 0 {
                let centre = fineGrid.cellCenter(cell)
                let firstColumn = max(0, Int(((centre.x - bandwidth - minX) / cellSize).rounded(.down)))
                let lastColumn = min(grid.columns - 1, Int(((centre.x + bandwidth - minX) / cellSize).rounded(.down)))
                let firstRow = max(0, Int(((centre.y - bandwidth - minY) / cellSize).rounded(.down)))
                let lastRow = min(grid.rows - 1, Int(((centre.y + bandwidth - minY) / cellSize).rounded(.down)))
                guard firstColumn <= lastColumn && firstRow <= lastRow else { continue }
                let weight = Double(count) * scale
                for row in firstRow...lastRow {
                    let dy = minY + (Double(row) + 0.5) * cellSize - centre.y
                    let base = row * grid.columns
                    for column in firstColumn...lastColumn {
                        let dx = minX + (Double(column) + 0.5) * cellSize - centre.x
                        let d2 = dx * dx + dy * dy
                        if d2 < radius2 {
                            let u = 1 - d2 / radius2
                            density[base + column] += weight * u * u
                        }
                    }
                }
            }
        }
        return DensitySurface(
            grid: grid, projection: projection, bandwidth: bandwidth, density: density, incidents: fine.total)
    }
}
