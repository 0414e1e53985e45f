import VigieCore

/// A simple closed polygon ring in a plane (x = longitude or metres east), stored without repeating its first
/// vertex, that can be cut by half-planes (to make the arrondissements).
struct Ring: Sendable {
    /// The vertices in order.
    let vertices: [SIMD2<Double>]
    /// The same ring as a polygon, for containment.
    private let polygon: Polygon

    /// Creates a ring; a repeated closing vertex is dropped.
    init(_ vertices: [SIMD2<Double>]) {
        var open = vertices
        if open.count > 1, open[0] == open[open.count - 1] { open.removeLast() }
        self.vertices = open
        polygon = Polygon(outer: open.map { PlanarPoint(x: $0.x, y: $0.y) })
    }

    /// The lower corner of the smallest box holding every vertex.
    var lower: SIMD2<Double> { polygon.boundingBox.map { SIMD2($0.minX, $0.minY) } ?? .zero }
    /// The upper corner of that box.
    var upper: SIMD2<Double> { polygon.boundingBox.map { SIMD2($0.maxX, $0.maxY) } ?? .zero }

    /// Whether the point lies inside (even–odd rule).
    func contains(_ point: SIMD2<Double>) -> Bool { polygon.contains(x: point.x, y: point.y) }

    /// The part of the ring where `(p - anchor) · normal <= 0` (Sutherland–Hodgman), or `nil` when nothing is left.
    func clipped(anchor: SIMD2<Double>, normal: SIMD2<Double>) -> Ring? {
        func side(_ point: SIMD2<Double>) -> Double { ((point - anchor) * normal).sum() }
        var output: [SIMD2<Double>] = []
        var previous = vertices[vertices.count - 1]
        var previousSide = side(previous)
        for current in vertices {
            let currentSide = side(current)
            if (currentSide <= 0) != (previousSide <= 0) {
                let fraction = previousSide / (previousSide - currentSide)
                output.append(previous + (current - previous) * fraction)
            }
            if currentSide <= 0 { output.append(current) }
            previous = current
            previousSide = currentSide
        }
        let cleaned = Ring.withoutSpikes(output)
        return cleaned.count >= 3 ? Ring(cleaned) : nil
    }

    /// Drops repeated vertices and the zero-width spikes clipping leaves where a cut crosses water and comes back.
    private static func withoutSpikes(_ input: [SIMD2<Double>]) -> [SIMD2<Double>] {
        var points = input
        var removedAny = true
        while removedAny, points.count >= 3 {
            removedAny = false
            for index in points.indices.reversed() where points.count >= 3 && index < points.count {
                let previous = points[(index + points.count - 1) % points.count]
                let incoming = points[index] - previous
                let outgoing = points[(index + 1) % points.count] - points[index]
                let cross = incoming.x * outgoing.y - incoming.y * outgoing.x
                let lengths = (incoming * incoming).sum().squareRoot() * (outgoing * outgoing).sum().squareRoot()
                let isRepeat = (incoming * incoming).sum() < 1e-6
                let isReversal = abs(cross) <= 1e-9 * lengths && (incoming * outgoing).sum() < 0
                if isRepeat || isReversal {
                    points.remove(at: index)
                    removedAny = true
                }
            }
        }
        return points
    }
}
