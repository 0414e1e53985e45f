import Testing
import VigieAnalytics

@Suite("Small counts suppressed for the public")
struct SuppressionTests {
    @Test("cells below the threshold are hidden, and in every line a second figure when one alone would be given away")
    func secondary() {
        let table = SuppressedTable(counts: [[50, 3, 40], [20, 30, 25], [15, 12, 35]], threshold: 10)
        #expect(table.cells[0][1] == nil)
        // Row 0 and column 1 would give 3 away by subtraction: each hides another figure.
        for row in 0..<3 {
            let hidden = table.cells[row].filter { $0 == nil }.count + (table.rowTotals[row] == nil ? 1 : 0)
            #expect(hidden != 1, "row \(row)")
        }
        for column in 0..<3 {
            let hidden = (0..<3).filter { table.cells[$0][column] == nil }.count + (table.columnTotals[column] == nil ? 1 : 0)
            #expect(hidden != 1, "column \(column)")
        }
        #expect(table.total == 230)
    }

    @Test("zero is a small count; a table with nothing small publishes everything; one small total hides its line")
    func edges() {
        #expect(SuppressedTable(counts: [[0, 20], [20, 20]], threshold: 5).cells[0][0] == nil)
        let clear = SuppressedTable(counts: [[10, 20], [30, 40]], threshold: 10)
        #expect(clear.cells == [[10, 20], [30, 40]] && clear.rowTotals == [30, 70] && clear.columnTotals == [40, 60] && clear.total == 100)
        let small = SuppressedTable(counts: [[2, 3], [30, 40]], threshold: 10)
        #expect(small.rowTotals[0] == nil && small.cells[0] == [nil, nil])
        // Random tables: no published figure below the threshold, no line with exactly one hidden figure.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let rows = Int.random(in: 1...6, using: &generator), columns = Int.random(in: 1...8, using: &generator)
            let counts = (0..<rows).map { _ in (0..<columns).map { _ in Int.random(in: 0...30, using: &generator) } }
            let table = SuppressedTable(counts: counts, threshold: 10)
            let all = table.cells.flatMap { $0 } + table.rowTotals + table.columnTotals + [table.total]
            #expect(all.compactMap { $0 }.allSatisfy { $0 >= 10 })
            for row in 0..<rows {
                #expect(table.cells[row].filter { $0 == nil }.count + (table.rowTotals[row] == nil ? 1 : 0) != 1)
            }
            for column in 0..<columns {
                #expect((0..<rows).filter { table.cells[$0][column] == nil }.count + (table.columnTotals[column] == nil ? 1 : 0) != 1)
            }
            #expect(table.columnTotals.filter { $0 == nil }.count + (table.total == nil ? 1 : 0) != 1)
            #expect(table.rowTotals.filter { $0 == nil }.count + (table.total == nil ? 1 : 0) != 1)
        }
    }
}
