import VigieCore

/// Where a planned item lies, in metres of a local projection: a point, a route or an area, with the
/// distances clash detection and the risk score need.
public struct AgendaShape: Sendable, Hashable {
    /// What the vertices draw.
    public enum Form: Sendable, Hashable {
        case point, line, polygon
    }

    public let form: Form
    /// Vertices in metres; a polygon's ring is not repeated at its end.
    public let vertices: [PlanarPoint]
    /// The smallest box holding every vertex.
    public let box: BoundingBox

    /// The shape of `geometry` in `projection`.
    public init(_ geometry: EventGeometry, projection: LocalProjection) {
        switch geometry {
        case .point(let point):
            self.init(form: .point, vertices: [projection.project(point)])
        case .line(let points):
            self.init(form: points.count == 1 ? .point : .line, vertices: points.map(projection.project))
        case .polygon(let points):
            var ring = points.map(projection.project)
            if ring.count > 1, ring.first == ring.last { ring.removeLast() }
            self.init(form: ring.count < 3 ? (ring.count == 1 ? .point : .line) : .polygon, vertices: ring)
        }
    }

    /// A shape from vertices in metres.
    public init(form: Form, vertices: [PlanarPoint]) {
        precondition(!vertices.isEmpty, "a shape needs a vertex")
        self.form = form
        self.vertices = vertices
        box = BoundingBox(
            minX: vertices.map(\.x).min()!, minY: vertices.map(\.y).min()!, maxX: vertices.map(\.x).max()!,
            maxY: vertices.map(\.y).max()!)
    }

    /// Whether the shape is a route.
    public var isRoute: Bool { form == .line }

    /// The length of a route or the perimeter of an area, in metres.
    public var length: Double {
        var total = 0.0
        forEachSegment { a, b in total += ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot() }
        return total
    }

    /// Calls `body` with each edge; a point is one edge of no length.
    func forEachSegment(_ body: (PlanarPoint, PlanarPoint) -> Void) {
        switch form {
        case .point:
            body(vertices[0], vertices[0])
        case .line:
            if vertices.count == 1 { body(vertices[0], vertices[0]) }
            for index in vertices.indices.dropLast() { body(vertices[index], vertices[index + 1]) }
        case .polygon:
            for index in vertices.indices { body(vertices[index], vertices[(index + 1) % vertices.count]) }
        }
    }

    /// Whether an area holds the point (even-odd rule); false for points and routes.
    func encloses(_ p: PlanarPoint) -> Bool {
        guard form == .polygon else { return false }
        var inside = false
        var j = vertices.count - 1
        for i in vertices.indices {
            let a = vertices[i]
            let b = vertices[j]
            if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }

    /// The distance in metres from the shape to a point: 0 inside an area.
    public func distance(to p: PlanarPoint) -> Double {
        if encloses(p) { return 0 }
        var best = Double.infinity
        forEachSegment { a, b in best = min(best, Self.segmentDistance(p, a, b)) }
        return best
    }

    /// The distance in metres between the nearest points of two shapes: 0 when they touch, cross or one
    /// lies in the other.
    public func distance(to other: AgendaShape) -> Double {
        if other.vertices.contains(where: encloses) || vertices.contains(where: other.encloses) { return 0 }
        var best = Double.infinity
        forEachSegment { a, b in
            other.forEachSegment { c, d in best = min(best, Self.segmentsDistance(a, b, c, d)) }
        }
        return best
    }

    /// The gap between the boxes of two shapes, a lower bound of their distance.
    func boxGap(to other: AgendaShape) -> Double {
        let dx = max(0, max(box.minX - other.box.maxX, other.box.minX - box.maxX))
        let dy = max(0, max(box.minY - other.box.maxY, other.box.minY - box.maxY))
        return (dx * dx + dy * dy).squareRoot()
    }

    static func segmentDistance(_ p: PlanarPoint, _ a: PlanarPoint, _ b: PlanarPoint) -> Double {
        let dx = b.x - a.x
        let dy = b.y - a.y
        let length = dx * dx + dy * dy
        let t = length == 0 ? 0 : max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length))
        let x = a.x + t * dx - p.x
        let y = a.y + t * dy - p.y
        return (x * x + y * y).squareRoot()
    }

    static func segmentsDistance(_ a: PlanarPoint, _ b: PlanarPoint, _ c: PlanarPoint, _ d: PlanarPoint) -> Double {
        if segmentsCross(a, b, c, d) { return 0 }
        return min(
            segmentDistance(a, c, d), segmentDistance(b, c, d), segmentDistance(c, a, b), segmentDistance(d, a, b))
    }

    private static func segmentsCross(_ a: PlanarPoint, _ b: PlanarPoint, _ c: PlanarPoint, _ d: PlanarPoint) -> Bool {
        func side(_ p: PlanarPoint, _ q: PlanarPoint, _ r: PlanarPoint) -> Double {
            (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x)
        }
        let d1 = side(c, d, a)
        let d2 = side(c, d, b)
        let d3 = side(a, b, c)
        let d4 = side(a, b, d)
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
    }

    /// The cells of `grid` whose centre lies within `buffer` metres of the shape, and always the cells of
    /// its vertices.
    public func cells(of grid: SquareGrid, within buffer: Double) -> [Int] {
        var found = Set<Int>()
        for vertex in vertices {
            if let cell = grid.cellIndex(x: vertex.x, y: vertex.y) { found.insert(cell) }
        }
        let size = grid.cellSize
        let first = (column: Int(((box.minX - buffer - grid.minX) / size).rounded(.down)),
            row: Int(((box.minY - buffer - grid.minY) / size).rounded(.down)))
        let last = (column: Int(((box.maxX + buffer - grid.minX) / size).rounded(.down)),
            row: Int(((box.maxY + buffer - grid.minY) / size).rounded(.down)))
        guard first.row < grid.rows, first.column < grid.columns, last.row >= 0, last.column >= 0 else {
            return found.sorted()
        }
        let rows = max(0, first.row)...min(grid.rows - 1, last.row)
        let columns = max(0, first.column)...min(grid.columns - 1, last.column)
        for row in rows {
            for column in columns {
                guard let cell = grid.cellIndex(column: column, row: row) else { continue }
                if distance(to: grid.cellCenter(cell)) <= buffer { found.insert(cell) }
            }
        }
        return found.sorted()
    }
}
