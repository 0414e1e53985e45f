import Foundation
import VigieCore

extension IncidentSnapshot {
    /// Rows scanned at a time: the selection and keys of a block stay in the processor's cache.
    private static let blockSize = 4_096
    /// More groups than this is a query no map or table can show.
    static let maximumGroups = 50_000_000

    /// Counts the incidents `filter` keeps, grouped by `dimensions` (none: one total).
    ///
    /// The scan is column at a time over blocks of rows: the filter narrows a selection of row numbers one
    /// condition at a time, then each dimension folds its value into the selected rows' group keys.
    public func count(by dimensions: [Grouping] = [], filter: IncidentFilter = IncidentFilter()) throws -> CountTable {
        let compiled = try CompiledFilter(filter, in: self)
        let resolved = try dimensions.map { try resolve($0, filter: filter) }
        let groups = resolved.reduce(1) { $0 * $1.keys.count }
        guard groups <= Self.maximumGroups else { throw AnalyticsError.tooManyGroups(groups) }
        var counts = [Int](repeating: 0, count: groups)
        var matched = 0
        var selection = [Int32](repeating: 0, count: Self.blockSize)
        var keys = [Int](repeating: 0, count: Self.blockSize)
        for start in stride(from: 0, to: rowCount, by: Self.blockSize) {
            let end = min(rowCount, start + Self.blockSize)
            let selected = select(start..<end, compiled, into: &selection)
            matched += selected
            for index in 0..<selected { keys[index] = 0 }
            for dimension in resolved { fold(dimension, selection, selected, into: &keys) }
            counts.withUnsafeMutableBufferPointer { counts in
                for index in 0..<selected where keys[index] >= 0 { counts[keys[index]] += 1 }
            }
        }
        let cell = resolved.lazy.compactMap(\.grid).first
        return CountTable(
            dimensions: dimensions, keys: resolved.map(\.keys), counts: counts, matched: matched, grid: cell,
            projection: projection)
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
        selection.withUnsafeMutableBufferPointer { selection in
            time.withUnsafeBufferPointer { time in
                category.withUnsafeBufferPointer { category in
                    filter.categories.withUnsafeBufferPointer { kept in
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

    /// Folds one dimension's key into the selected rows' group keys; a row outside every group gets -1.
    private func fold(_ dimension: ResolvedGrouping, _ selection: [Int32], _ count: Int, into keys: inout [Int]) {
        let cardinality = dimension.keys.count
        keys.withUnsafeMutableBufferPointer { keys in
            func apply<Column>(_ column: ContiguousArray<Column>, _ key: (Column) -> Int) {
                column.withUnsafeBufferPointer { column in
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
            case .days(let first, let table):
                precision.withUnsafeBufferPointer { precision in
                    day.withUnsafeBufferPointer { day in
                        table.withUnsafeBufferPointer { table in
                            for index in 0..<count where keys[index] >= 0 {
                                let row = Int(selection[index])
                                let offset = Int(day[row]) - first
                                let known = dimension.includesMonthPrecision || precision[row] < 3
                                let value = known && offset >= 0 && offset < table.count ? Int(table[offset]) : -1
                                keys[index] = value < 0 ? -1 : keys[index] &* cardinality &+ value
                            }
                        }
                    }
                }
            case .cell(let grid):
                let size = Float(grid.cellSize)
                let minX = Float(grid.minX)
                let minY = Float(grid.minY)
                let columns = grid.columns
                let rows = grid.rows
                x.withUnsafeBufferPointer { x in
                    y.withUnsafeBufferPointer { y in
                        for index in 0..<count where keys[index] >= 0 {
                            let row = Int(selection[index])
                            let column = ((x[row] - minX) / size).rounded(.down)
                            let line = ((y[row] - minY) / size).rounded(.down)
                            // NaN (no position) fails both comparisons.
                            guard column >= 0 && column < Float(columns) && line >= 0 && line < Float(rows) else {
                                keys[index] = -1
                                continue
                            }
                            keys[index] = keys[index] &* cardinality &+ Int(line) * columns + Int(column)
                        }
                    }
                }
            }
        }
    }
}
