import Foundation
import VigieCore

/// The cells forecasts rank: a square grid over the city with the cells where no incident can happen masked.
public struct ForecastGrid: Sendable {
    /// The cells, in metres of the snapshot's projection.
    public let grid: SquareGrid
    /// Whether each cell is part of the study area.
    public let inStudy: [Bool]
    /// The number of cells in the study area.
    public let studyCells: Int
    /// The projection the grid is laid in.
    public let projection: LocalProjection?

    /// How the study area is drawn.
    public enum Mask: Sendable {
        /// Cells whose centre lies in one of these WGS84 outlines (the city's districts).
        case outlines([Polygon])
        /// Cells that held any incident (of any category) before `before`, grown by `dilation` cells in every
        /// direction: the city as its own data draws it, where no outline is known.
        case observed(before: Date, dilation: Int)
    }

    /// The grid of `cellSize` metres covering every located incident of the snapshot, its origin moved by
    /// `offset` metres (grids offset from one another show how much a result owes to where cells fall).
    public init(snapshot: IncidentSnapshot, cellSize: Double, offset: (x: Double, y: Double) = (0, 0), mask: Mask) throws {
        guard (10...10_000).contains(cellSize) else { throw AnalyticsError.invalidCellSize(cellSize) }
        if case .observed(_, let dilation) = mask, dilation < 0 || dilation > 100 {
            throw AnalyticsError.invalidDilation(dilation)
        }
        guard let extent = snapshot.extent, let projection = snapshot.projection else {
            throw AnalyticsError.insufficientHistory(needed: "located incidents to lay a grid on", dataStart: nil)
        }
        let minX = ((extent.minX - offset.x) / cellSize).rounded(.down) * cellSize + offset.x
        let minY = ((extent.minY - offset.y) / cellSize).rounded(.down) * cellSize + offset.y
        self.projection = projection
        let grid = SquareGrid(
            minX: minX, minY: minY, cellSize: cellSize,
            columns: Int(((extent.maxX - minX) / cellSize).rounded(.down)) + 1,
            rows: Int(((extent.maxY - minY) / cellSize).rounded(.down)) + 1)
        guard grid.count <= IncidentSnapshot.maximumGroups else { throw AnalyticsError.tooManyGroups(grid.count) }
        self.grid = grid
        switch mask {
        case .outlines(let outlines):
            let index = PolygonIndex(outlines.enumerated().map {
                (key: $0.offset, polygon: CompiledFilter.densified($0.element, projection))
            })
            inStudy = (0..<grid.count).map { cell in
                let centre = grid.cellCenter(cell)
                return index.locate(x: centre.x, y: centre.y) != nil
            }
        case .observed(let before, let dilation):
            let seen = try snapshot.cellCounts(grid, IncidentFilter(to: before)).map { $0 > 0 }
            var grown = seen
            for cell in seen.indices where seen[cell] {
                let column = grid.column(of: cell)
                let row = grid.row(of: cell)
                for dy in -dilation...dilation {
                    for dx in -dilation...dilation {
                        guard let neighbour = grid.cellIndex(column: column + dx, row: row + dy) else { continue }
                        grown[neighbour] = true
                    }
                }
            }
            inStudy = grown
        }
        studyCells = inStudy.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
}

extension IncidentSnapshot {
    /// Incidents `filter` keeps in each cell of `grid` (a period and categories only).
    /// Located incidents `filter` keeps in each cell of `grid` whose time precision is at most `finest`
    /// (0 exact, 1 hour, 2 day).
    func outcomes(_ grid: SquareGrid, _ filter: IncidentFilter, finest: UInt8) throws -> [Int32] {
        var counts = [Int32](repeating: 0, count: grid.count)
        let cells = CellLocator(grid)
        for row in try rows(filter).map(Int.init) where precision[row] <= finest {
            let cell = cells.index(x: x[row], y: y[row])
            if cell >= 0 { counts[cell] += 1 }
        }
        return counts
    }

    func cellCounts(_ grid: SquareGrid, _ filter: IncidentFilter) throws -> [Int32] {
        var counts = [Int32](repeating: 0, count: grid.count)
        _ = countCells(grid, try CompiledFilter(filter, in: self), into: &counts)
        return counts
    }
}
