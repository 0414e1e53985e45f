import VigieCore

/// Incident counts grouped by one or more dimensions, every combination included (zeros too).
public struct CountTable: Sendable {
    /// The dimensions, outermost first.
    public let dimensions: [Grouping]
    /// Each dimension's number of possible values.
    public let cardinalities: [Int]
    /// Each dimension's possible values, in key order; empty for a cell grouping, whose values are its cells.
    let storedKeys: [[GroupKey]]
    /// Counts for every combination of keys, the last dimension varying fastest.
    public let counts: [Int]
    /// Incidents that passed the filter (some may fall outside every group: no hour known, no position).
    public let matched: Int
    /// The grid of a `cell` dimension.
    public let grid: SquareGrid?
    /// The projection the grid is laid in.
    public let projection: LocalProjection?

    /// The value of one dimension at a key index.
    public func key(_ dimension: Int, _ index: Int) -> GroupKey {
        storedKeys[dimension].isEmpty ? .cell(index) : storedKeys[dimension][index]
    }

    /// Every value of one dimension, in key order.
    public func keys(_ dimension: Int) -> [GroupKey] {
        storedKeys[dimension].isEmpty ? (0..<cardinalities[dimension]).map(GroupKey.cell) : storedKeys[dimension]
    }

    /// Incidents counted in some group.
    public var total: Int { counts.reduce(0, +) }

    /// Each combination of keys with its count, in key order; with `nonZeroOnly`, empty groups are skipped.
    public func rows(nonZeroOnly: Bool = false) -> [(keys: [GroupKey], count: Int)] {
        var result: [(keys: [GroupKey], count: Int)] = []
        for (flat, count) in counts.enumerated() where !(nonZeroOnly && count == 0) {
            var remainder = flat
            var combination = [GroupKey](repeating: .cell(0), count: cardinalities.count)
            for dimension in cardinalities.indices.reversed() {
                combination[dimension] = key(dimension, remainder % cardinalities[dimension])
                remainder /= cardinalities[dimension]
            }
            result.append((combination, count))
        }
        return result
    }

    /// A cell's outline in WGS84 (x longitude, y latitude), for maps.
    public func outline(ofCell index: Int) -> Polygon? {
        guard let grid, let projection else { return nil }
        return grid.outline(ofCell: index, projection: projection)
    }
}
