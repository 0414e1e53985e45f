/// A table of counts fit for the public: rows (districts) by columns (months) with their totals, where no
/// published figure is below the threshold and no hidden figure can be had back from the published ones.
///
/// Primary suppression hides every count below the threshold, zero included. The published figures then
/// tie the hidden ones by one equation per line (a row and its total, a column and its total, the totals
/// and the grand total). Seen as a graph whose nodes are the lines of rows and of columns and whose edges
/// are the hidden figures, a hidden figure is fixed by those equations exactly when its edge is a bridge:
/// on no cycle, so that no other hidden figure can move with it. Secondary suppression therefore hides,
/// for each bridge, the smallest published figure that closes a cycle through it, until there is none.
/// Without row totals (a period still running, whose totals would move), only the columns tie figures.
public struct SuppressedTable: Sendable, Equatable {
    /// Published cells, `nil` where hidden: `cells[row][column]`.
    public let cells: [[Int?]]
    /// Each row's total, `nil` where hidden or not published at all.
    public let rowTotals: [Int?]
    public let columnTotals: [Int?]
    /// The grand total, `nil` where hidden or when row totals are not published.
    public let total: Int?
    /// The threshold applied.
    public let threshold: Int

    /// Applies the suppression to `counts`: `rows` lists of `columns` counts each.
    public init(counts: [[Int]], columns: Int, threshold: Int, publishRowTotals: Bool = true) {
        precondition(threshold >= 1, "a threshold is at least 1")
        precondition(counts.allSatisfy { $0.count == columns }, "every row has as many columns")
        let rows = counts.count
        // The table with its margins: row `rows` holds the column totals, column `columns` the row totals.
        // Without row totals, the last column does not exist for the graph.
        var value = Array(repeating: Array(repeating: 0, count: columns + 1), count: rows + 1)
        for row in 0..<rows {
            for column in 0..<columns {
                value[row][column] = counts[row][column]
                value[row][columns] += counts[row][column]
                value[rows][column] += counts[row][column]
                value[rows][columns] += counts[row][column]
            }
        }
        let lastColumn = publishRowTotals ? columns : columns - 1
        var hidden = value.map { $0.map { $0 < threshold } }
        if lastColumn >= 0 {
            // Each round hides one more figure; a table too small to hide anything more ends the rounds.
            while let bridge = Self.bridge(hidden, rows: rows, lastColumn: lastColumn, rowsTied: publishRowTotals),
                Self.closeCycle(through: bridge, hidden: &hidden, value: value, rows: rows, lastColumn: lastColumn,
                    rowsTied: publishRowTotals)
            {}
        }
        func published(_ row: Int, _ column: Int) -> Int? { hidden[row][column] ? nil : value[row][column] }
        cells = (0..<rows).map { row in (0..<columns).map { published(row, $0) } }
        rowTotals = (0..<rows).map { publishRowTotals ? published($0, columns) : nil }
        columnTotals = (0..<columns).map { published(rows, $0) }
        total = publishRowTotals ? published(rows, columns) : nil
        self.threshold = threshold
    }

    /// The graph of hidden figures: node `r` for the line of row `r` (0…rows), node `rows + 1 + c` for the line
    /// of column `c` (0…lastColumn); each edge carries its figure's row and column.
    private static func edges(_ hidden: [[Bool]], rows: Int, lastColumn: Int) -> [(Int, Int, Int, Int)] {
        var edges: [(Int, Int, Int, Int)] = []
        for row in 0...rows {
            for column in 0...lastColumn where hidden[row][column] {
                edges.append((row, rows + 1 + column, row, column))
            }
        }
        return edges
    }

    /// A hidden figure the published ones give away, if any.
    private static func bridge(_ hidden: [[Bool]], rows: Int, lastColumn: Int, rowsTied: Bool) -> (Int, Int)? {
        if !rowsTied {
            // Only columns tie figures: a column with exactly one hidden figure gives it away.
            for column in 0...lastColumn {
                let count = (0...rows).filter { hidden[$0][column] }.count
                if count == 1, let row = (0...rows).first(where: { hidden[$0][column] }) { return (row, column) }
            }
            return nil
        }
        let edges = edges(hidden, rows: rows, lastColumn: lastColumn)
        let nodes = rows + 1 + lastColumn + 1
        var adjacent = Array(repeating: [(node: Int, edge: Int)](), count: nodes)
        for (index, edge) in edges.enumerated() {
            adjacent[edge.0].append((edge.1, index))
            adjacent[edge.1].append((edge.0, index))
        }
        // Tarjan's bridges, iteratively.
        var order = Array(repeating: -1, count: nodes), low = Array(repeating: 0, count: nodes)
        var counter = 0
        for start in 0..<nodes where order[start] < 0 {
            var stack: [(node: Int, parentEdge: Int, next: Int)] = [(start, -1, 0)]
            order[start] = counter; low[start] = counter; counter += 1
            while var top = stack.popLast() {
                if top.next < adjacent[top.node].count {
                    let (neighbour, edge) = adjacent[top.node][top.next]
                    top.next += 1
                    stack.append(top)
                    if edge == top.parentEdge { continue }
                    if order[neighbour] < 0 {
                        order[neighbour] = counter; low[neighbour] = counter; counter += 1
                        stack.append((neighbour, edge, 0))
                    } else {
                        low[top.node] = min(low[top.node], order[neighbour])
                    }
                } else if let parent = stack.last {
                    low[parent.node] = min(low[parent.node], low[top.node])
                    if low[top.node] > order[parent.node] {
                        let edge = edges[top.parentEdge]
                        return (edge.2, edge.3)
                    }
                }
            }
        }
        return nil
    }

    /// Hides the smallest published figure joining the two sides of the bridge (a cell before a total when
    /// equal); when none does, the smallest one in the bridge's row (or column), which widens a side.
    /// Returns false when every figure that could help is hidden already.
    private static func closeCycle(
        through bridge: (Int, Int), hidden: inout [[Bool]], value: [[Int]], rows: Int, lastColumn: Int, rowsTied: Bool
    ) -> Bool {
        func better(_ a: (Int, Int), _ b: (Int, Int)) -> Bool {
            let (va, vb) = (value[a.0][a.1], value[b.0][b.1])
            if va != vb { return va < vb }
            let aTotal = a.0 == rows || a.1 == lastColumn
            let bTotal = b.0 == rows || b.1 == lastColumn
            return !aTotal && bTotal
        }
        if !rowsTied {
            // A second hidden figure in the column.
            let candidates = (0...rows).filter { !hidden[$0][bridge.1] }.map { ($0, bridge.1) }
            guard let pick = candidates.min(by: better) else { return false }
            hidden[pick.0][pick.1] = true
            return true
        }
        // The two sides once the bridge is taken out: what its row's node and its column's node reach.
        let nodes = rows + 1 + lastColumn + 1
        func component(from start: Int) -> [Bool] {
            var seen = Array(repeating: false, count: nodes)
            var queue = [start]
            seen[start] = true
            while let node = queue.popLast() {
                let neighbours: [Int] = node <= rows
                    ? (0...lastColumn).filter { hidden[node][$0] && !(node == bridge.0 && $0 == bridge.1) }.map { rows + 1 + $0 }
                    : (0...rows).filter { hidden[$0][node - rows - 1] && !($0 == bridge.0 && node - rows - 1 == bridge.1) }
                for next in neighbours where !seen[next] {
                    seen[next] = true
                    queue.append(next)
                }
            }
            return seen
        }
        let rowSide = component(from: bridge.0)
        let columnSide = component(from: rows + 1 + bridge.1)
        var joining: [(Int, Int)] = []
        var widening: [(Int, Int)] = []
        for row in 0...rows {
            for column in 0...lastColumn where !hidden[row][column] {
                let columnNode = rows + 1 + column
                if (rowSide[row] && columnSide[columnNode]) || (columnSide[row] && rowSide[columnNode]) {
                    joining.append((row, column))
                }
                if row == bridge.0 || column == bridge.1 { widening.append((row, column)) }
            }
        }
        guard let pick = joining.min(by: better) ?? widening.min(by: better) else { return false }
        hidden[pick.0][pick.1] = true
        return true
    }
}
