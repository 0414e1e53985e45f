import Foundation
import Testing
@testable import VigieCore

/// Shorthand for ring literals.
fileprivate func ring(_ xy: [(Double, Double)]) -> [PlanarPoint] {
    xy.map { PlanarPoint(x: $0.0, y: $0.1) }
}

/// The i-th point of the R2 low-discrepancy sequence in the unit square: even coverage, no random generator.
fileprivate func r2(_ i: Int) -> (Double, Double) {
    let u = Double(i) * 0.754_877_666_246_692_7
    let v = Double(i) * 0.569_840_290_998_053_2
    return (u - u.rounded(.down), v - v.rounded(.down))
}

@Suite("Polygon index")
struct PolygonIndexTests {
    /// A 3 × 3 board of unit squares keyed "row,column", sharing their edges.
    static let board: [(key: String, polygon: Polygon)] = (0..<3).flatMap { r in
        (0..<3).map { c in
            let (x, y) = (Double(c), Double(r))
            return (key: "\(r),\(c)", polygon: Polygon(outer: ring([(x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1)])))
        }
    }

    /// A star with 7 branches: strongly concave, with many edges through few cells.
    static func star(centerX: Double, centerY: Double, radius: Double) -> Polygon {
        let points = (0..<14).map { k in
            let angle = Double(k) * Double.pi / 7
            let r = k.isMultiple(of: 2) ? radius : radius * 0.35
            return PlanarPoint(x: centerX + r * cos(angle), y: centerY + r * sin(angle))
        }
        return Polygon(outer: points)
    }

    /// Brute force: the first polygon, in input order, whose ring test contains the point.
    static func linearScan<Key>(_ items: [(key: Key, polygon: Polygon)], x: Double, y: Double) -> Key? {
        items.first { $0.polygon.contains(x: x, y: y) }?.key
    }

    @Test("locates points in a board of adjacent squares")
    func board() {
        let index = PolygonIndex(Self.board)
        #expect(index.count == 9)
        #expect(index.locate(x: 0.5, y: 0.5) == "0,0")
        #expect(index.locate(x: 2.5, y: 1.5) == "1,2")
        #expect(index.locate(x: 1.01, y: 2.99) == "2,1")
        #expect(index.locate(x: 3.5, y: 1.5) == nil)
        #expect(index.locate(x: -0.01, y: 1.5) == nil)
        // A point on a shared edge belongs to exactly one of the two squares.
        #expect(index.locate(x: 1, y: 0.5) != nil)
    }

    @Test("overlapping polygons answer with the first in input order")
    func overlap() {
        let big = Polygon(outer: ring([(0, 0), (10, 0), (10, 10), (0, 10)]))
        let small = Polygon(outer: ring([(4, 4), (6, 4), (6, 6), (4, 6)]))
        #expect(PolygonIndex([(key: "big", polygon: big), (key: "small", polygon: small)]).locate(x: 5, y: 5) == "big")
        let reversed = PolygonIndex([(key: "small", polygon: small), (key: "big", polygon: big)])
        #expect(reversed.locate(x: 5, y: 5) == "small")
        #expect(reversed.locate(x: 1, y: 1) == "big")
    }

    @Test("an island inside a hole is found, the water around it is not")
    func islandInHole() {
        let lake = Polygon(
            outer: ring([(0, 0), (10, 0), (10, 10), (0, 10)]),
            holes: [ring([(2, 2), (8, 2), (8, 8), (2, 8)])]
        )
        let island = Polygon(outer: ring([(4, 4), (6, 4), (6, 6), (4, 6)]))
        let index = PolygonIndex([(key: 1, polygon: lake), (key: 2, polygon: island)])
        #expect(index.locate(x: 1, y: 1) == 1)
        #expect(index.locate(x: 3, y: 3) == nil)
        #expect(index.locate(x: 5, y: 5) == 2)
    }

    @Test("an empty index, empty polygons and non-finite points locate nothing")
    func degenerate() {
        #expect(PolygonIndex<Int>([]).locate(x: 0, y: 0) == nil)
        let index = PolygonIndex([(key: 0, polygon: Polygon(parts: [])), (key: 1, polygon: Self.board[4].polygon)])
        #expect(index.locate(x: 1.5, y: 1.5) == 1)
        #expect(index.locate(x: .nan, y: 1.5) == nil)
        #expect(index.locate(x: 1.5, y: -.infinity) == nil)
    }

    @Test("a flat set of polygons (zero height) does not break the grid")
    func flat() {
        let segment = Polygon(outer: ring([(0, 1), (5, 1), (2, 1)]))
        let index = PolygonIndex([(key: 0, polygon: segment)])
        #expect(index.locate(x: 1, y: 1) == Self.linearScan([(key: 0, polygon: segment)], x: 1, y: 1))
    }

    @Test("chooses about one cell per vertex, from 64² to 256² cells, following the aspect ratio")
    func resolution() {
        let small = PolygonIndex(Self.board)
        #expect(small.columns == 64 && small.rows == 64)
        let wide = PolygonIndex([(key: 0, polygon: Polygon(outer: ring([(0, 0), (400, 0), (400, 100), (0, 100)])))])
        #expect(wide.columns == 128 && wide.rows == 32)
    }

    @Test("agrees with a linear scan on random points, whatever the grid size", arguments: [
        (1, 1), (3, 2), (17, 23), (64, 64), (256, 256),
    ])
    func randomAgreement(columns: Int, rows: Int) {
        var items: [(key: Int, polygon: Polygon)] = Self.board.enumerated().map { (key: $0.offset, polygon: $0.element.polygon) }
        for k in 0..<12 {
            let (u, v) = r2(k + 1)
            let star = Self.star(centerX: 3 * u, centerY: 3 * v, radius: 0.1 + 1.4 * Double(k) / 11)
            // Interleave stars before and after the board so that input order matters.
            if k.isMultiple(of: 2) { items.insert((key: 100 + k, polygon: star), at: 0) } else { items.append((key: 100 + k, polygon: star)) }
        }
        let index = PolygonIndex(items, columns: columns, rows: rows)
        var mismatches = 0
        for i in 0..<20_000 {
            let (u, v) = r2(1_000 + i)
            let (x, y) = (4 * u - 0.5, 4 * v - 0.5)
            if index.locate(x: x, y: y) != Self.linearScan(items, x: x, y: y) { mismatches += 1 }
        }
        // Vertices are probed too: they are where rounding would show.
        for item in items {
            for point in item.polygon.parts.joined().joined() where index.locate(x: point.x, y: point.y) != Self.linearScan(items, x: point.x, y: point.y) {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
    }
}
