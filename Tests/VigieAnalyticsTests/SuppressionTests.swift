import Testing
import VigieAnalytics

@Suite("Small counts suppressed for the public")
struct SuppressionTests {
    /// Whether a hidden figure of the table (with its margins) is fixed by the published ones: a check
    /// independent of the suppression's own, by linear algebra. The unknowns are the hidden figures; each
    /// row and each column (totals included) gives one equation; a figure is fixed when its unit vector lies
    /// in the row space of the equations (rank does not grow when it is added).
    static func determined(_ table: SuppressedTable, counts: [[Int]]) -> [(Int, Int)] {
        let rows = counts.count, columns = counts.first?.count ?? 0
        var hidden: [(Int, Int)] = []
        for row in 0...rows {
            for column in 0...columns {
                let published = row < rows
                    ? (column < columns ? table.cells[row][column] : table.rowTotals[row])
                    : (column < columns ? table.columnTotals[column] : table.total)
                if published == nil { hidden.append((row, column)) }
            }
        }
        guard !hidden.isEmpty else { return [] }
        let index = Dictionary(uniqueKeysWithValues: hidden.enumerated().map { ("\($1.0),\($1.1)", $0) })
        var equations: [[Double]] = []
        for row in 0...rows {
            var equation = Array(repeating: 0.0, count: hidden.count)
            for column in 0...columns { if let i = index["\(row),\(column)"] { equation[i] = column == columns ? -1 : 1 } }
            equations.append(equation)
        }
        for column in 0...columns {
            var equation = Array(repeating: 0.0, count: hidden.count)
            for row in 0...rows { if let i = index["\(row),\(column)"] { equation[i] = row == rows ? -1 : 1 } }
            equations.append(equation)
        }
        func rank(_ matrix: [[Double]]) -> Int {
            var m = matrix, rank = 0
            let width = m.first?.count ?? 0
            for column in 0..<width {
                guard let pivot = (rank..<m.count).first(where: { abs(m[$0][column]) > 1e-9 }) else { continue }
                m.swapAt(rank, pivot)
                for other in 0..<m.count where other != rank && abs(m[other][column]) > 1e-9 {
                    let factor = m[other][column] / m[rank][column]
                    for k in 0..<width { m[other][k] -= factor * m[rank][k] }
                }
                rank += 1
            }
            return rank
        }
        let base = rank(equations)
        return hidden.enumerated().filter { position, _ in
            var unit = Array(repeating: 0.0, count: hidden.count)
            unit[position] = 1
            return rank(equations + [unit]) == base
        }.map(\.element)
    }

    @Test("cells below the threshold are hidden, and more until none can be worked out from the published figures")
    func secondary() {
        let counts = [[50, 3, 40], [20, 30, 25], [15, 12, 35]]
        let table = SuppressedTable(counts: counts, columns: 3, threshold: 10)
        #expect(table.cells[0][1] == nil)
        #expect(Self.determined(table, counts: counts).isEmpty)
        #expect(table.total == 230)
    }

    @Test("two groups of hidden figures joined by one cell: that cell would be solvable, so more is hidden")
    func bridge() {
        let counts = [[3, 4, 50, 50], [5, 2, 6, 50], [50, 50, 1, 7], [50, 50, 8, 2]]
        let table = SuppressedTable(counts: counts, columns: 4, threshold: 10)
        #expect(Self.determined(table, counts: counts).isEmpty)
    }

    @Test("zero is a small count; nothing small publishes everything; without row totals only columns tie figures")
    func edges() {
        #expect(SuppressedTable(counts: [[0, 20], [20, 20]], columns: 2, threshold: 5).cells[0][0] == nil)
        let clear = SuppressedTable(counts: [[10, 20], [30, 40]], columns: 2, threshold: 10)
        #expect(clear.cells == [[10, 20], [30, 40]] && clear.rowTotals == [30, 70] && clear.columnTotals == [40, 60] && clear.total == 100)
        let running = SuppressedTable(counts: [[3, 30], [40, 40]], columns: 2, threshold: 10, publishRowTotals: false)
        #expect(running.rowTotals == [nil, nil] && running.total == nil)
        #expect(running.cells[0][0] == nil && (running.cells[1][0] == nil || running.columnTotals[0] == nil))
        #expect(running.cells[0][1] == 30 && running.cells[1][1] == 40)
        let empty = SuppressedTable(counts: [], columns: 12, threshold: 10)
        #expect(empty.cells.isEmpty && empty.columnTotals.count == 12 && empty.columnTotals.allSatisfy { $0 == nil })
    }

    @Test("random tables: no published figure below the threshold, none hidden that the published ones fix")
    func random() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let rows = Int.random(in: 1...6, using: &generator), columns = Int.random(in: 1...8, using: &generator)
            let counts = (0..<rows).map { _ in (0..<columns).map { _ in Int.random(in: 0...30, using: &generator) } }
            let table = SuppressedTable(counts: counts, columns: columns, threshold: 10)
            let all = table.cells.flatMap { $0 } + table.rowTotals + table.columnTotals + [table.total]
            #expect(all.compactMap { $0 }.allSatisfy { $0 >= 10 })
            let fixed = Self.determined(table, counts: counts)
            #expect(fixed.isEmpty, "\(counts) leaves \(fixed) to be worked out")
        }
    }
}
