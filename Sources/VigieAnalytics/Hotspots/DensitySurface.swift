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
        let (fineCounts, resolved, _) = try countGroups(by: [.cell(size: cellSize / 4)], filter: filter)
        let fineGrid = resolved[0].grid!
        let incidents = fineCounts.reduce(0) { $0 + Int($1) }
        guard incidents > 0 else {
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
        // Both grids are aligned on multiples of their sides, so a fine cell sits at one of 4 × 4 places in an
        // output cell, and its kernel weights on the output cells around it are one of 16 tables.
        let reach = Int((bandwidth / cellSize).rounded(.up)) + 1
        let span = 2 * reach + 1
        let radius2 = bandwidth * bandwidth
        let scale = 3 / (Double.pi * radius2) * 1_000_000
        var weights = [Double](repeating: 0, count: 16 * span * span)
        for subY in 0..<4 {
            for subX in 0..<4 {
                for ky in -reach...reach {
                    for kx in -reach...reach {
                        let dx = (Double(kx) + 0.5) * cellSize - (Double(subX) + 0.5) * cellSize / 4
                        let dy = (Double(ky) + 0.5) * cellSize - (Double(subY) + 0.5) * cellSize / 4
                        let d2 = dx * dx + dy * dy
                        let u = max(0, 1 - d2 / radius2)
                        weights[((subY * 4 + subX) * span + ky + reach) * span + kx + reach] = scale * u * u
                    }
                }
            }
        }
        let offsetX = Int(((fineGrid.minX - minX) / (cellSize / 4)).rounded())
        let offsetY = Int(((fineGrid.minY - minY) / (cellSize / 4)).rounded())
        var density = [Double](repeating: 0, count: grid.count)
        density.withUnsafeMutableBufferPointer { density in
            weights.withUnsafeBufferPointer { weights in
                fineCounts.withUnsafeBufferPointer { counts in
                    for cell in counts.indices where counts[cell] > 0 {
                        let fineX = offsetX + cell % fineGrid.columns
                        let fineY = offsetY + cell / fineGrid.columns
                        let column = fineX / 4
                        let row = fineY / 4
                        let table = ((fineY % 4) * 4 + fineX % 4) * span * span
                        let count = Double(counts[cell])
                        for ky in max(-reach, -row)...min(reach, grid.rows - 1 - row) {
                            let base = (row + ky) * grid.columns + column
                            let line = table + (ky + reach) * span + reach
                            for kx in max(-reach, -column)...min(reach, grid.columns - 1 - column) {
                                density[base + kx] += count * weights[line + kx]
                            }
                        }
                    }
                }
            }
        }
        return DensitySurface(
            grid: grid, projection: projection, bandwidth: bandwidth, density: density, incidents: incidents)
    }
}
