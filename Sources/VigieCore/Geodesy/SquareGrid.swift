import Foundation

/// A grid of square cells in metres, numbered row-major from the south-west corner (index = row × columns + column).
///
/// The grid is closed on its east and north edges: a point exactly on them falls in the last column or row.
public struct SquareGrid: Sendable, Hashable, Codable {
    /// West edge of the grid, in metres.
    public let minX: Double
    /// South edge of the grid, in metres.
    public let minY: Double
    /// Side of a cell, in metres.
    public let cellSize: Double
    /// Number of columns.
    public let columns: Int
    /// Number of rows.
    public let rows: Int

    /// Creates a grid from its south-west corner, cell size (finite, > 0) and dimensions (≥ 1).
    public init(minX: Double, minY: Double, cellSize: Double, columns: Int, rows: Int) {
        precondition(cellSize > 0 && cellSize.isFinite, "SquareGrid cell size must be finite and positive")
        precondition(columns > 0 && rows > 0, "SquareGrid needs at least one column and one row")
        precondition(minX.isFinite && minY.isFinite, "SquareGrid origin must be finite")
        self.minX = minX
        self.minY = minY
        self.cellSize = cellSize
        self.columns = columns
        self.rows = rows
    }

    /// The grid anchored at the box's south-west corner with enough whole cells to cover it (at least one).
    public init(covering box: BoundingBox, cellSize: Double) {
        precondition(cellSize > 0 && cellSize.isFinite, "SquareGrid cell size must be finite and positive")
        self.init(
            minX: box.minX, minY: box.minY, cellSize: cellSize,
            columns: max(Int((box.width / cellSize).rounded(.up)), 1),
            rows: max(Int((box.height / cellSize).rounded(.up)), 1)
        )
    }

    /// Number of cells.
    public var count: Int { columns * rows }

    /// East edge of the grid.
    public var maxX: Double { minX + Double(columns) * cellSize }

    /// North edge of the grid.
    public var maxY: Double { minY + Double(rows) * cellSize }

    /// The whole extent of the grid.
    public var bounds: BoundingBox { BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY) }

    /// The column holding x, or nil when x is outside the grid.
    public func column(forX x: Double) -> Int? {
        let offset = (x - minX) / cellSize
        // Written so that NaN fails the test.
        guard offset >= 0, offset <= Double(columns) else { return nil }
        return min(Int(offset), columns - 1)
    }

    /// The row holding y, or nil when y is outside the grid.
    public func row(forY y: Double) -> Int? {
        let offset = (y - minY) / cellSize
        guard offset >= 0, offset <= Double(rows) else { return nil }
        return min(Int(offset), rows - 1)
    }

    /// The index of the cell holding the point, or nil when it is outside the grid.
    public func cellIndex(x: Double, y: Double) -> Int? {
        guard let column = column(forX: x), let row = row(forY: y) else { return nil }
        return row * columns + column
    }

    /// The index of the cell at a column and row, or nil when either is out of range.
    public func cellIndex(column: Int, row: Int) -> Int? {
        guard (0..<columns).contains(column), (0..<rows).contains(row) else { return nil }
        return row * columns + column
    }

    /// The column of a cell index.
    public func column(of index: Int) -> Int { index % columns }

    /// The row of a cell index.
    public func row(of index: Int) -> Int { index / columns }

    /// The centre of a cell.
    public func cellCenter(_ index: Int) -> PlanarPoint {
        PlanarPoint(
            x: minX + (Double(column(of: index)) + 0.5) * cellSize,
            y: minY + (Double(row(of: index)) + 0.5) * cellSize
        )
    }

    /// The closed square of a cell.
    public func cellBounds(_ index: Int) -> BoundingBox {
        let x = minX + Double(column(of: index)) * cellSize
        let y = minY + Double(row(of: index)) * cellSize
        return BoundingBox(minX: x, minY: y, maxX: x + cellSize, maxY: y + cellSize)
    }

    private enum CodingKeys: String, CodingKey {
        case minX, minY, cellSize, columns, rows
    }

    /// Decodes a grid, rejecting the values the memberwise initialiser would refuse.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let minX = try container.decode(Double.self, forKey: .minX)
        let minY = try container.decode(Double.self, forKey: .minY)
        let cellSize = try container.decode(Double.self, forKey: .cellSize)
        let columns = try container.decode(Int.self, forKey: .columns)
        let rows = try container.decode(Int.self, forKey: .rows)
        guard cellSize > 0, cellSize.isFinite, columns > 0, rows > 0, minX.isFinite, minY.isFinite else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "SquareGrid needs a finite origin, a positive cell size, a column and a row"
            ))
        }
        self.init(minX: minX, minY: minY, cellSize: cellSize, columns: columns, rows: rows)
    }
}
