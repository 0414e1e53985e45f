import Foundation
import Testing
@testable import VigieCore

@Suite("Square grid")
struct SquareGridTests {
    /// 250 m cells over a 1 km × 600 m box: 4 columns, 3 rows (the last row overhangs by 150 m).
    static let grid = SquareGrid(covering: BoundingBox(minX: 1000, minY: 2000, maxX: 2000, maxY: 2600), cellSize: 250)

    @Test("covering a box expands it to whole cells")
    func covering() {
        #expect(Self.grid.columns == 4)
        #expect(Self.grid.rows == 3)
        #expect(Self.grid.count == 12)
        #expect(Self.grid.bounds == BoundingBox(minX: 1000, minY: 2000, maxX: 2000, maxY: 2750))
        #expect(SquareGrid(covering: BoundingBox(minX: 5, minY: 5, maxX: 5, maxY: 5), cellSize: 10).count == 1)
    }

    @Test("cell indices are row-major from the south-west", arguments: [
        (1000.0, 2000.0, 0), (1249.9, 2000.0, 0), (1250.0, 2000.0, 1), (1999.0, 2001.0, 3),
        (1000.0, 2250.0, 4), (1600.0, 2700.0, 10), (2000.0, 2750.0, 11),
    ])
    func cellIndex(x: Double, y: Double, expected: Int) {
        #expect(Self.grid.cellIndex(x: x, y: y) == expected)
    }

    @Test("points outside the grid have no cell", arguments: [
        (999.99, 2100.0), (2000.01, 2100.0), (1500.0, 1999.0), (1500.0, 2750.5), (Double.nan, 2100.0), (1500.0, Double.infinity),
    ])
    func outside(x: Double, y: Double) {
        #expect(Self.grid.cellIndex(x: x, y: y) == nil)
    }

    @Test("column and row helpers agree with the index")
    func helpers() {
        #expect(Self.grid.column(of: 10) == 2)
        #expect(Self.grid.row(of: 10) == 2)
        #expect(Self.grid.cellIndex(column: 2, row: 2) == 10)
        #expect(Self.grid.cellIndex(column: 4, row: 0) == nil)
        #expect(Self.grid.cellIndex(column: 0, row: -1) == nil)
        #expect(Self.grid.column(forX: 1600) == 2)
        #expect(Self.grid.row(forY: 2600) == 2)
    }

    @Test("every cell's centre maps back to it and lies in its bounds")
    func centres() {
        for index in 0..<Self.grid.count {
            let centre = Self.grid.cellCenter(index)
            #expect(Self.grid.cellIndex(x: centre.x, y: centre.y) == index)
            let bounds = Self.grid.cellBounds(index)
            #expect(bounds.contains(x: centre.x, y: centre.y))
            #expect(bounds.width == 250 && bounds.height == 250)
        }
        #expect(Self.grid.cellCenter(5) == PlanarPoint(x: 1375, y: 2375))
        #expect(Self.grid.cellBounds(5) == BoundingBox(minX: 1250, minY: 2250, maxX: 1500, maxY: 2500))
    }

    @Test("Codable round trip, and invalid grids are refused when decoding")
    func coding() throws {
        let data = try JSONEncoder().encode(Self.grid)
        #expect(try JSONDecoder().decode(SquareGrid.self, from: data) == Self.grid)
        let invalid = Data(#"{"minX": 0, "minY": 0, "cellSize": 0, "columns": 3, "rows": 3}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SquareGrid.self, from: invalid) }
    }
}
