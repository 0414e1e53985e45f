import Foundation
import VigieCore

/// Getis-Ord Gi* hot and cold spots on a grid of counts, with the false-discovery rate controlled.
public struct HotspotMap: Sendable {
    /// Whether a cell is a significant hot or cold spot.
    public enum Kind: String, Sendable, Codable {
        case hot, cold, notSignificant = "not-significant"
    }

    /// One cell of the study area.
    public struct Cell: Sendable {
        public var index: Int
        public var count: Int
        /// The Gi* z-score; 0 when the counts do not vary.
        public var z: Double
        /// The two-sided p-value of z under the normal approximation.
        public var p: Double
        public var kind: Kind
    }

    /// What Gi* is computed on.
    public enum Scale: String, Sendable, Codable, CaseIterable {
        /// The counts themselves, as the textbook and PySAL compute it.
        case counts
        /// Anscombe's variance-stabilised counts, 2√(x + 3/8): with sparse counts the tails of the textbook
        /// statistic are heavier than the normal law its p-values assume, and false hot spots exceed the rate
        /// asked for; on this scale they do not (see the README for the measured rates).
        case anscombe
    }

    public let grid: SquareGrid
    public let projection: LocalProjection?
    public let scale: Scale
    /// Neighbours are the cells whose centres lie within this distance (the cell itself included).
    public let distance: Double
    /// The false-discovery rate controlled by the Benjamini–Hochberg procedure.
    public let falseDiscoveryRate: Double
    /// The cells tested, in grid order.
    public let cells: [Cell]
    /// The largest p-value declared significant, if any.
    public let pThreshold: Double?
}

/// The Gi* statistic (Ord and Getis 1995) with binary distance-band weights, the cell itself included:
///
///     Gi* = (Σj wij xj − x̄ Wi) / (s · √((n Σj wij² − Wi²) / (n − 1)))
///
/// over the n cells of the study area, x̄ and s being the mean and (population) standard deviation of their
/// counts and Wi = Σj wij.
public enum GetisOrd {
    /// z-scores of every cell where `inStudy` is true, from its value (a count, or a transformed count) (others are 0, and are neither counted nor neighbours).
    public static func zScores(counts: [Double], grid: SquareGrid, inStudy: [Bool], distance: Double) -> [Double] {
        let cells = counts.indices.filter { inStudy[$0] }
        let n = Double(cells.count)
        guard n > 1 else { return [Double](repeating: 0, count: counts.count) }
        let mean = cells.reduce(0) { $0 + counts[$1] } / n
        let variance = cells.reduce(0) { $0 + counts[$1] * counts[$1] } / n - mean * mean
        guard variance > 1e-12 else { return [Double](repeating: 0, count: counts.count) }
        let s = variance.squareRoot()
        let reach = Int((distance / grid.cellSize).rounded(.down))
        var offsets: [(Int, Int)] = []
        for dy in -reach...reach {
            for dx in -reach...reach where Double(dx * dx + dy * dy) * grid.cellSize * grid.cellSize <= distance * distance + 1e-9 {
                offsets.append((dx, dy))
            }
        }
        var z = [Double](repeating: 0, count: counts.count)
        for index in cells {
            let column = grid.column(of: index)
            let row = grid.row(of: index)
            var sum = 0.0
            var weights = 0.0
            for (dx, dy) in offsets {
                let c = column + dx
                let r = row + dy
                guard c >= 0 && c < grid.columns && r >= 0 && r < grid.rows else { continue }
                let neighbour = r * grid.columns + c
                guard inStudy[neighbour] else { continue }
                sum += counts[neighbour]
                weights += 1
            }
            let denominator = s * ((n * weights - weights * weights) / (n - 1)).squareRoot()
            z[index] = denominator > 0 ? (sum - mean * weights) / denominator : 0
        }
        return z
    }

    /// The two-sided p-value of a standard normal z.
    public static func pValue(_ z: Double) -> Double { erfc(abs(z) / 2.squareRoot()) }
}

/// The Benjamini–Hochberg step-up procedure: the largest p-value declared significant so that the expected
/// share of false discoveries stays at most `rate`, or `nil` when none is.
public func benjaminiHochbergThreshold(_ pValues: [Double], rate: Double) -> Double? {
    let sorted = pValues.sorted()
    let m = Double(sorted.count)
    for (rank, p) in sorted.enumerated().reversed() where p <= Double(rank + 1) / m * rate {
        return p
    }
    return nil
}

extension IncidentSnapshot {
    /// Gi* hot and cold spots of the incidents `filter` keeps, counted on cells of `cellSize` metres.
    ///
    /// The study area is the cells whose centre lies in `studyArea` (WGS84 outlines, usually the city's
    /// districts), or every cell of the grid covering the incidents when none is given. Cells are declared hot
    /// or cold by the Benjamini–Hochberg procedure at `falseDiscoveryRate`.
    public func hotspots(
        filter: IncidentFilter = IncidentFilter(), cellSize: Double, distance: Double, falseDiscoveryRate: Double = 0.05,
        scale: HotspotMap.Scale = .anscombe, studyArea: [Polygon] = []
    ) throws -> HotspotMap {
        guard distance >= cellSize && distance <= 20 * cellSize else {
            throw AnalyticsError.invalidNeighbourhood(distance, cellSize: cellSize)
        }
        guard falseDiscoveryRate > 0 && falseDiscoveryRate < 1 else {
            throw AnalyticsError.invalidRate(falseDiscoveryRate)
        }
        var areaFilter = filter
        if filter.area == nil, let bounds = studyArea.compactMap(\.boundingBox).reduce(nil, { (union: BoundingBox?, box) in
            union?.union(box) ?? box
        }) {
            areaFilter.area = .box(bounds)
        }
        let table = try count(by: [.cell(size: cellSize)], filter: areaFilter)
        let grid = table.grid!
        let inStudy = studyMask(grid: grid, studyArea: studyArea)
        let values = table.counts.map { count in
            switch scale {
            case .counts: Double(count)
            case .anscombe: 2 * (Double(count) + 0.375).squareRoot()
            }
        }
        let z = GetisOrd.zScores(counts: values, grid: grid, inStudy: inStudy, distance: distance)
        let tested = grid.count == 0 ? [] : (0..<grid.count).filter { inStudy[$0] }
        let p = tested.map { GetisOrd.pValue(z[$0]) }
        let threshold = benjaminiHochbergThreshold(p, rate: falseDiscoveryRate)
        let cells = zip(tested, p).map { index, p in
            let significant = threshold.map { p <= $0 } ?? false
            return HotspotMap.Cell(
                index: index, count: table.counts[index], z: z[index], p: p,
                kind: significant ? (z[index] > 0 ? .hot : .cold) : .notSignificant)
        }
        return HotspotMap(
            grid: grid, projection: projection, scale: scale, distance: distance, falseDiscoveryRate: falseDiscoveryRate, cells: cells,
            pThreshold: threshold)
    }

    /// Which cells of the grid have their centre in the study area.
    private func studyMask(grid: SquareGrid, studyArea: [Polygon]) -> [Bool] {
        guard !studyArea.isEmpty, let projection else { return [Bool](repeating: true, count: grid.count) }
        let outlines = studyArea.map { CompiledFilter.densified($0, projection) }
        let index = PolygonIndex(outlines.enumerated().map { (key: $0.offset, polygon: $0.element) })
        return (0..<grid.count).map { cell in
            let centre = grid.cellCenter(cell)
            return index.locate(x: centre.x, y: centre.y) != nil
        }
    }
}
