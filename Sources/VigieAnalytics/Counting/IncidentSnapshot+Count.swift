import Foundation
import VigieCore

extension IncidentSnapshot {
    /// More groups than this is a query no map or table can show.
    static let maximumGroups = 50_000_000

    /// Counts the incidents `filter` keeps, grouped by `dimensions` (none: one total).
    ///
    /// The scan is column at a time over blocks of rows: the filter narrows a selection of row numbers one
    /// condition at a time, then each dimension folds its value into the selected rows' group keys.
    public func count(by dimensions: [Grouping] = [], filter: IncidentFilter = IncidentFilter()) throws -> CountTable {
        for case .cell(let size) in dimensions where !(10...10_000).contains(size) {
            throw AnalyticsError.invalidCellSize(size)
        }
        let (counts, resolved, matched) = try countGroups(by: dimensions, filter: filter)
        return CountTable(
            dimensions: dimensions, cardinalities: resolved.map(\.cardinality), storedKeys: resolved.map(\.keys),
            counts: counts.map(Int.init), matched: matched, grid: resolved.lazy.compactMap(\.grid).first,
            projection: projection)
    }

    /// The scan behind `count`, with 32-bit counters: they halve the cache a fine grid takes, and a snapshot
    /// holds fewer than 2^31 rows.
    func countGroups(by dimensions: [Grouping], filter: IncidentFilter) throws
        -> (counts: [Int32], resolved: [ResolvedGrouping], matched: Int)
    {
        let compiled = try CompiledFilter(filter, in: self)
        let resolved = try dimensions.map { try resolve($0, filter: filter, compiled: compiled) }
        let groups = resolved.reduce(1) { $0 * $1.cardinality }
        guard groups <= Self.maximumGroups else { throw AnalyticsError.tooManyGroups(groups) }
        var counts = [Int32](repeating: 0, count: groups)
        if resolved.count == 1, let grid = resolved[0].grid, compiled.periodAndCategoriesOnly {
            let matched = countCells(grid, compiled, into: &counts)
            return (counts, resolved, matched)
        }
        var matched = 0
        var selection = [Int32](repeating: 0, count: Self.blockSize)
        var keys = [Int](repeating: 0, count: Self.blockSize)
        for start in stride(from: 0, to: rowCount, by: Self.blockSize) {
            let end = min(rowCount, start + Self.blockSize)
            let selected = select(start..<end, compiled, into: &selection)
            matched += selected
            for (position, dimension) in resolved.enumerated() {
                fold(dimension, first: position == 0, selection, selected, into: &keys)
            }
            if resolved.isEmpty { for index in 0..<selected { keys[index] = 0 } }
            counts.withUnsafeMutableBufferPointer { counts in
                keys.withUnsafeBufferPointer { keys in
                    for index in 0..<selected where keys[index] >= 0 { counts[keys[index]] &+= 1 }
                }
            }
        }
        return (counts, resolved, matched)
    }

    /// Counts, in one pass with no selection, the rows a period-and-categories filter keeps into the cells of
    /// `grid`: the common map query, and the first step of every density surface. Returns the rows kept.
    func countCells(_ grid: SquareGrid, _ filter: CompiledFilter, into counts: inout [Int32]) -> Int {
        let cells = CellLocator(grid)
        var matched = 0
        counts.withUnsafeMutableBufferPointer { counts in
            x.withUnsafeBufferPointer { x in
                y.withUnsafeBufferPointer { y in
                    time.withUnsafeBufferPointer { time in
                        category.withUnsafeBufferPointer { category in
                            filter.categories.withUnsafeBufferPointer { kept in
                                for start in stride(from: 0, to: rowCount, by: Self.blockSize) {
                                    let zone = blockTimes[start / Self.blockSize]
                                    if zone.last < filter.from || zone.first >= filter.to { continue }
                                    let wholePeriod = zone.first >= filter.from && zone.last < filter.to
                                    for row in start..<min(rowCount, start + Self.blockSize) {
                                        guard kept[Int(category[row])],
                                            wholePeriod || (time[row] >= filter.from && time[row] < filter.to)
                                        else { continue }
                                        matched &+= 1
                                        let cell = cells.index(x: x[row], y: y[row])
                                        if cell >= 0 { counts[cell] &+= 1 }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return matched
    }

    /// Every row `filter` keeps, in order.
    func rows(_ filter: IncidentFilter) throws -> [Int32] {
        let compiled = try CompiledFilter(filter, in: self)
        var rows: [Int32] = []
        var selection = [Int32](repeating: 0, count: Self.blockSize)
        for start in stride(from: 0, to: rowCount, by: Self.blockSize) {
            let selected = select(start..<min(rowCount, start + Self.blockSize), compiled, into: &selection)
            rows.append(contentsOf: selection[0..<selected])
        }
        return rows
    }

    /// Writes the rows of `range` that pass the filter into `selection`; returns how many.
    private func select(_ range: Range<Int>, _ filter: CompiledFilter, into selection: inout [Int32]) -> Int {
        var count = 0
        let zone = blockTimes[range.lowerBound / Self.blockSize]
        if zone.last < filter.from || zone.first >= filter.to { return 0 }
        let wholePeriod = zone.first >= filter.from && zone.last < filter.to
        selection.withUnsafeMutableBufferPointer { selection in
            time.withUnsafeBufferPointer { time in
                category.withUnsafeBufferPointer { category in
                    filter.categories.withUnsafeBufferPointer { kept in
                        if wholePeriod {
                            for row in range {
                                selection[count] = Int32(truncatingIfNeeded: row)
                                count &+= kept[Int(category[row])] ? 1 : 0
                            }
                            return
                        }
                        for row in range {
                            selection[count] = Int32(truncatingIfNeeded: row)
                            let passes = time[row] >= filter.from && time[row] < filter.to && kept[Int(category[row])]
                            count &+= passes ? 1 : 0
                        }
                    }
                }
            }
            if let kept = filter.sources {
                count = source.withUnsafeBufferPointer { source in
                    narrow(selection, count) { kept[Int(source[$0])] }
                }
            }
            if let (level, kept) = filter.district {
                count = districts[level].withUnsafeBufferPointer { codes in
                    narrow(selection, count) { kept[Int(codes[$0]) + 1] }
                }
            }
            if let box = filter.box {
                count = x.withUnsafeBufferPointer { x in
                    y.withUnsafeBufferPointer { y in
                        narrow(selection, count) { row in
                            x[row] >= box.minX && x[row] <= box.maxX && y[row] >= box.minY && y[row] <= box.maxY
                        }
                    }
                }
            }
            if let exact = filter.exact {
                count = narrow(selection, count) { exact(Double(x[$0]), Double(y[$0])) }
            }
        }
        return count
    }

    /// Keeps, in order, the selected rows that pass `test`; returns how many.
    @inline(__always)
    private func narrow(_ selection: UnsafeMutableBufferPointer<Int32>, _ count: Int, _ test: (Int) -> Bool) -> Int {
        var kept = 0
        for index in 0..<count {
            let row = selection[index]
            selection[kept] = row
            kept &+= test(Int(row)) ? 1 : 0
        }
        return kept
    }

    /// Folds one dimension's key into the selected rows' group keys (sets them, for the first dimension); a row
    /// outside every group gets -1.
    private func fold(
        _ dimension: ResolvedGrouping, first: Bool, _ selection: [Int32], _ count: Int, into keys: inout [Int]
    ) {
        let cardinality = dimension.cardinality
        selection.withUnsafeBufferPointer { selection in
            keys.withUnsafeMutableBufferPointer { keys in
                /// Applies `key` (a value's key, or -1) to the column's value of each selected row.
                func apply<Column>(_ column: ContiguousArray<Column>, _ key: (Column) -> Int) {
                    column.withUnsafeBufferPointer { column in
                        if first {
                            for index in 0..<count { keys[index] = key(column[Int(selection[index])]) }
                            return
                        }
                        for index in 0..<count where keys[index] >= 0 {
                            let value = key(column[Int(selection[index])])
                            keys[index] = value < 0 ? -1 : keys[index] &* cardinality &+ value
                        }
                    }
                }
                switch dimension.kind {
                case .category:
                    apply(category) { Int($0) }
                case .source:
                    apply(source) { Int($0) }
                case .district(let level):
                    let none = cardinality - 1
                    apply(districts[level]) { $0 < 0 ? none : Int($0) }
                case .hourOfWeek:
                    apply(hourOfWeek) { $0 == Self.unknownHour ? -1 : Int($0) }
                case .days(let firstDay, let table):
                    // Precision 3 (month) only counts in month groups.
                    let lastPrecision: UInt8 = dimension.includesMonthPrecision ? 3 : 2
                    precision.withUnsafeBufferPointer { precision in
                        day.withUnsafeBufferPointer { day in
                            table.withUnsafeBufferPointer { table in
                                for index in 0..<count where first || keys[index] >= 0 {
                                    let row = Int(selection[index])
                                    let offset = Int(day[row]) &- firstDay
                                    let value = precision[row] <= lastPrecision && offset >= 0 && offset < table.count
                                        ? Int(table[offset]) : -1
                                    keys[index] = value < 0 ? -1 : (first ? value : keys[index] &* cardinality &+ value)
                                }
                            }
                        }
                    }
                case .cell(let grid):
                    let cells = CellLocator(grid)
                    x.withUnsafeBufferPointer { x in
                        y.withUnsafeBufferPointer { y in
                            for index in 0..<count where first || keys[index] >= 0 {
                                let row = Int(selection[index])
                                let value = cells.index(x: x[row], y: y[row])
                                keys[index] = value < 0 ? -1 : (first ? value : keys[index] &* cardinality &+ value)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The cell of a grid a position in the snapshot's 32-bit metres falls in.
struct CellLocator {
    let size: Float
    let minX: Float
    let minY: Float
    let columns: Float
    let rows: Float
    let width: Int
    let lastColumn: Int
    let lastRow: Int

    init(_ grid: SquareGrid) {
        size = Float(grid.cellSize)
        minX = Float(grid.minX)
        minY = Float(grid.minY)
        columns = Float(grid.columns)
        rows = Float(grid.rows)
        width = grid.columns
        lastColumn = grid.columns - 1
        lastRow = grid.rows - 1
    }

    /// The cell's index, or -1 outside the grid or without a position. Like `SquareGrid`, the grid is closed on
    /// its east and north edges: a position on them (or rounded onto them in 32 bits) falls in the last cell.
    @inline(__always)
    func index(x: Float, y: Float) -> Int {
        let column = (x - minX) / size
        let line = (y - minY) / size
        // NaN (no position) fails every comparison; truncation is the floor of a non-negative number.
        guard column >= 0 && column <= columns && line >= 0 && line <= rows else { return -1 }
        return min(Int(line), lastRow) &* width &+ min(Int(column), lastColumn)
    }
}
