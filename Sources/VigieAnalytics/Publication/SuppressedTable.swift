/// A table of counts fit for the public: rows (districts) by columns (months) with their totals, where no
/// published figure is below the threshold and no hidden figure can be had back by subtraction.
///
/// Primary suppression hides every count below the threshold, zero included. Secondary suppression then
/// looks at each line — a row with its total, a column with its total, the row of column totals with the
/// grand total, the column of row totals with the grand total — and, wherever exactly one figure of the line
/// is hidden (which the others would give away), hides the smallest other figure of it too, until no line
/// has a single hidden figure.
public struct SuppressedTable: Sendable, Equatable {
    /// Published cells, `nil` where hidden: `cells[row][column]`.
    public let cells: [[Int?]]
    public let rowTotals: [Int?]
    public let columnTotals: [Int?]
    public let total: Int?
    /// The threshold applied.
    public let threshold: Int

    /// Applies the suppression to `counts` (every row as long as the first).
    public init(counts: [[Int]], threshold: Int) {
        precondition(threshold >= 1, "a threshold is at least 1")
        let rows = counts.count
        let columns = counts.first?.count ?? 0
        precondition(counts.allSatisfy { $0.count == columns }, "every row has as many columns")
        // The table with its margins: row `rows` holds column totals, column `columns` row totals.
        var value = Array(repeating: Array(repeating: 0, count: columns + 1), count: rows + 1)
        for row in 0..<rows {
            for column in 0..<columns {
                value[row][column] = counts[row][column]
                value[row][columns] += counts[row][column]
                value[rows][column] += counts[row][column]
                value[rows][columns] += counts[row][column]
            }
        }
        var hidden = value.map { $0.map { $0 < threshold } }
        // Each line is a list of positions that sum up (the last one is the sum of the others).
        var lines: [[(Int, Int)]] = []
        for row in 0...rows { lines.append((0...columns).map { (row, $0) }) }
        for column in 0...columns { lines.append((0...rows).map { ($0, column) }) }
        var changed = true
        while changed {
            changed = false
            for line in lines where line.count > 1 && line.filter({ hidden[$0.0][$0.1] }).count == 1 {
                // Hide the smallest published figure of the line, a cell before a total when equal.
                let candidates = line.filter { !hidden[$0.0][$0.1] }
                guard let pick = candidates.min(by: { a, b in
                    let (va, vb) = (value[a.0][a.1], value[b.0][b.1])
                    if va != vb { return va < vb }
                    let aTotal = a.0 == rows || a.1 == columns
                    let bTotal = b.0 == rows || b.1 == columns
                    return !aTotal && bTotal
                }) else { continue }
                hidden[pick.0][pick.1] = true
                changed = true
            }
        }
        func published(_ row: Int, _ column: Int) -> Int? { hidden[row][column] ? nil : value[row][column] }
        cells = (0..<rows).map { row in (0..<columns).map { published(row, $0) } }
        rowTotals = (0..<rows).map { published($0, columns) }
        columnTotals = (0..<columns).map { published(rows, $0) }
        total = published(rows, columns)
        self.threshold = threshold
    }
}
