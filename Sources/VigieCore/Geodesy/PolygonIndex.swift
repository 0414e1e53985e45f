/// A point-in-polygon index: a uniform grid whose cells list the polygons that may contain their points.
///
/// Each cell keeps, in input order, the polygons whose boundary crosses it, plus at most one polygon
/// that covers it entirely (listed last, since nothing after it can be reached). A covering polygon
/// answers without any ring test. For the others, the ring test reads only the polygon's edges that
/// overlap the cell's row: the even–odd ray cast eastwards from a point meets no other edge, so the
/// restricted test gives the same answer as the full one.
public struct PolygonIndex<Key: Hashable & Sendable>: Sendable {
    /// Number of grid columns.
    public let columns: Int
    /// Number of grid rows.
    public let rows: Int

    private let keys: [Key]
    private let bounds: BoundingBox?
    private let xScale: Double
    private let yScale: Double
    // Entries of cell c are entries[cellStarts[c] ..< cellStarts[c + 1]]; cells are row-major from the south-west.
    private let cellStarts: ContiguousArray<Int32>
    private let entries: ContiguousArray<PolygonIndexEntry>
    // x1, y1, x2, y2 of each edge, grouped by (polygon, row).
    private let edges: ContiguousArray<Double>

    /// Builds the index; the grid resolution grows with the number of vertices, from 64×64 to 256×256 cells.
    public init(_ items: [(key: Key, polygon: Polygon)]) {
        let vertices = items.reduce(0) { $0 + $1.polygon.vertexCount }
        // About one cell per vertex keeps most cells free of edges while the grid stays small.
        let targetCells = min(max(vertices, 64 * 64), 256 * 256)
        let union = Self.union(of: items)
        let aspect = union.map { $0.width > 0 && $0.height > 0 ? $0.width / $0.height : 1 } ?? 1
        let columns = min(max(Int((Double(targetCells) * aspect).squareRoot().rounded()), 1), 256)
        let rows = min(max(Int((Double(targetCells) / Double(columns)).rounded()), 1), 256)
        self.init(items, columns: columns, rows: rows)
    }

    /// Builds the index on a grid of the given size.
    init(_ items: [(key: Key, polygon: Polygon)], columns: Int, rows: Int) {
        precondition(columns > 0 && rows > 0, "a PolygonIndex grid needs at least one cell")
        self.columns = columns
        self.rows = rows
        keys = items.map(\.key)
        let union = Self.union(of: items)
        bounds = union
        xScale = union.map { $0.width > 0 ? Double(columns) / $0.width : 0 } ?? 0
        yScale = union.map { $0.height > 0 ? Double(rows) / $0.height : 0 } ?? 0

        var cellLists = [[PolygonIndexEntry]](repeating: [], count: columns * rows)
        var covered = [Bool](repeating: false, count: columns * rows)
        var edges = ContiguousArray<Double>()
        if let union {
            let grid = PolygonIndexGrid(bounds: union, columns: columns, rows: rows, xScale: xScale, yScale: yScale)
            for (index, item) in items.enumerated() {
                guard let box = item.polygon.boundingBox else { continue }
                grid.add(
                    polygon: item.polygon, index: Int32(index), box: box,
                    to: &cellLists, covered: &covered, edges: &edges
                )
            }
        }
        var starts = ContiguousArray<Int32>()
        starts.reserveCapacity(cellLists.count + 1)
        var flat = ContiguousArray<PolygonIndexEntry>()
        flat.reserveCapacity(cellLists.reduce(0) { $0 + $1.count })
        starts.append(0)
        for list in cellLists {
            flat.append(contentsOf: list)
            starts.append(Int32(flat.count))
        }
        cellStarts = starts
        entries = flat
        self.edges = edges
    }

    private static func union(of items: [(key: Key, polygon: Polygon)]) -> BoundingBox? {
        items.compactMap(\.polygon.boundingBox).reduce(nil as BoundingBox?) { $0?.union($1) ?? $1 }
    }

    /// Number of polygons the index was built from.
    public var count: Int { keys.count }

    /// The key of the polygon containing the point (the first in input order when several do), or nil.
    public func locate(x: Double, y: Double) -> Key? {
        locateIndex(x: x, y: y).map { keys[$0] }
    }

    /// The input position of the polygon containing the point (the first in input order when several do), or nil.
    func locateIndex(x: Double, y: Double) -> Int? {
        // The bounds test also rejects NaN before it reaches the integer conversions.
        guard let bounds, bounds.contains(x: x, y: y) else { return nil }
        let column = min(Int((x - bounds.minX) * xScale), columns - 1)
        let row = min(Int((y - bounds.minY) * yScale), rows - 1)
        let cell = row * columns + column
        return entries.withUnsafeBufferPointer { entries in
            edges.withUnsafeBufferPointer { edges in
                let first = Int(cellStarts[cell])
                let end = Int(cellStarts[cell + 1])
                for slot in first..<end {
                    let entry = entries[slot]
                    if entry.firstEdge == PolygonIndexEntry.coversCell { return Int(entry.polygon) }
                    var inside = false
                    for edge in Int(entry.firstEdge)..<Int(entry.endEdge) {
                        let base = 4 * edge
                        if Polygon.rayCrosses(
                            x: x, y: y, x1: edges[base], y1: edges[base + 1], x2: edges[base + 2], y2: edges[base + 3]
                        ) {
                            inside.toggle()
                        }
                    }
                    if inside { return Int(entry.polygon) }
                }
                return nil
            }
        }
    }
}

/// A polygon listed in a cell: its input position and the range of its edges in the cell's row.
private struct PolygonIndexEntry {
    var polygon: Int32
    // Range in `edges` (in edges, not Doubles); `coversCell` when the polygon covers the whole cell.
    var firstEdge: Int32
    var endEdge: Int32

    static let coversCell: Int32 = -1
}

/// Build-time geometry of the grid; `column(_:)` and `row(_:)` are the very mappings `locateIndex` uses.
private struct PolygonIndexGrid {
    let bounds: BoundingBox
    let columns: Int
    let rows: Int
    let xScale: Double
    let yScale: Double

    // A flat union (zero width or height) has one cell across, of zero size.
    var cellWidth: Double { xScale > 0 ? 1 / xScale : 0 }
    var cellHeight: Double { yScale > 0 ? 1 / yScale : 0 }

    func column(_ x: Double) -> Int { min(max(Int((x - bounds.minX) * xScale), 0), columns - 1) }
    func row(_ y: Double) -> Int { min(max(Int((y - bounds.minY) * yScale), 0), rows - 1) }

    /// The closed rectangle of a cell, widened so that rounding in `column`/`row` can never put a point outside it.
    func rectangle(column: Int, row: Int) -> BoundingBox {
        let magnitude = max(abs(bounds.minX), abs(bounds.maxX), abs(bounds.minY), abs(bounds.maxY))
        let margin = max(1e-9 * max(cellWidth, cellHeight), 1e-12 * magnitude)
        return BoundingBox(
            minX: bounds.minX + Double(column) * cellWidth, minY: bounds.minY + Double(row) * cellHeight,
            maxX: bounds.minX + Double(column + 1) * cellWidth, maxY: bounds.minY + Double(row + 1) * cellHeight
        ).expanded(by: margin)
    }

    func centerX(column: Int) -> Double { bounds.minX + (Double(column) + 0.5) * cellWidth }
    func centerY(row: Int) -> Double { bounds.minY + (Double(row) + 0.5) * cellHeight }

    func add(
        polygon: Polygon, index: Int32, box: BoundingBox,
        to cellLists: inout [[PolygonIndexEntry]], covered: inout [Bool], edges: inout ContiguousArray<Double>
    ) {
        let columnRange = column(box.minX)...column(box.maxX)
        let rowRange = row(box.minY)...row(box.maxY)
        var bands = [[Double]](repeating: [], count: rowRange.count)
        var crossed = [Bool](repeating: false, count: columnRange.count * rowRange.count)
        polygon.forEachEdge { x1, y1, x2, y2 in
            let low = min(y1, y2), high = max(y1, y2)
            // A horizontal edge never crosses an eastward ray, but it still crosses cells.
            if low < high {
                for r in row(low)...row(high) {
                    let slot = r - rowRange.lowerBound
                    bands[slot].append(x1)
                    bands[slot].append(y1)
                    bands[slot].append(x2)
                    bands[slot].append(y2)
                }
            }
            // One cell of slack on each side covers edges lying on a cell boundary.
            let columns = max(column(min(x1, x2)) - 1, columnRange.lowerBound)
                ... min(column(max(x1, x2)) + 1, columnRange.upperBound)
            let rows = max(row(low) - 1, rowRange.lowerBound)...min(row(high) + 1, rowRange.upperBound)
            for r in rows {
                for c in columns where Self.segment(x1, y1, x2, y2, meets: rectangle(column: c, row: r)) {
                    crossed[(r - rowRange.lowerBound) * columnRange.count + (c - columnRange.lowerBound)] = true
                }
            }
        }
        for r in rowRange {
            let band = bands[r - rowRange.lowerBound]
            let firstEdge = Int32(edges.count / 4)
            edges.append(contentsOf: band)
            let endEdge = Int32(edges.count / 4)
            for c in columnRange {
                let cell = r * columns + c
                guard !covered[cell] else { continue }
                if crossed[(r - rowRange.lowerBound) * columnRange.count + (c - columnRange.lowerBound)] {
                    cellLists[cell].append(PolygonIndexEntry(polygon: index, firstEdge: firstEdge, endEdge: endEdge))
                } else if Self.bandContains(band, x: centerX(column: c), y: centerY(row: r)) {
                    // No edge touches the cell and its centre is inside: so is every point of it.
                    let covering = PolygonIndexEntry.coversCell
                    cellLists[cell].append(PolygonIndexEntry(polygon: index, firstEdge: covering, endEdge: covering))
                    covered[cell] = true
                }
            }
        }
    }

    static func bandContains(_ band: [Double], x: Double, y: Double) -> Bool {
        var inside = false
        for base in stride(from: 0, to: band.count, by: 4) where Polygon.rayCrosses(
            x: x, y: y, x1: band[base], y1: band[base + 1], x2: band[base + 2], y2: band[base + 3]
        ) {
            inside.toggle()
        }
        return inside
    }

    /// True when the segment touches the closed rectangle (separating-axis test).
    static func segment(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, meets r: BoundingBox) -> Bool {
        guard max(x1, x2) >= r.minX, min(x1, x2) <= r.maxX, max(y1, y2) >= r.minY, min(y1, y2) <= r.maxY else {
            return false
        }
        let dx = x2 - x1, dy = y2 - y1
        func side(_ cx: Double, _ cy: Double) -> Double { dx * (cy - y1) - dy * (cx - x1) }
        let a = side(r.minX, r.minY), b = side(r.maxX, r.minY), c = side(r.minX, r.maxY), d = side(r.maxX, r.maxY)
        // The segment misses the rectangle when all four corners lie strictly on one side of its line.
        return !((a > 0 && b > 0 && c > 0 && d > 0) || (a < 0 && b < 0 && c < 0 && d < 0))
    }
}
