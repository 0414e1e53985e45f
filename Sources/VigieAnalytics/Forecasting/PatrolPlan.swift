import Foundation
import VigieCore

/// Where to send K units for a forecast period: K areas of cells that together cover as much of the
/// forecast risk as possible, kept apart from one another.
public struct PatrolPlan: Sendable {
    /// One unit's area: the study cells within the radius of its centre cell.
    public struct Area: Sendable {
        public var centre: Int
        public var cells: [Int]
        /// The share of the whole forecast risk the area adds (cells already covered by an earlier area
        /// count once), and the incidents that share stands for.
        public var share: Double
        public var expectedIncidents: Double
        /// Whether the area was imposed (a fixed post) rather than chosen.
        public var fixed: Bool
    }

    public let forecast: Forecast
    public let areas: [Area]
    public let radius: Double
    public let spacing: Double
    /// The incidents expected in the period (the recent daily mean of the incidents forecast, times the
    /// horizon), which the forecast risk is shared out to.
    public let expectedIncidents: Double

    /// The share of the forecast risk the areas cover together.
    public var share: Double { areas.reduce(0) { $0 + $1.share } }
}

/// Why a patrol plan cannot be made.
public enum PatrolPlanError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidUnits(Int)
    case invalidRadius(Double)
    case invalidSpacing(Double)
    case postOutsideGrid(latitude: Double, longitude: Double)
    case tooManyPosts(posts: Int, units: Int)

    public var description: String {
        switch self {
        case .invalidUnits(let units): "\(units) units: plan for 1 to 200"
        case .invalidRadius(let radius): "an area radius of \(radius) m is not allowed: 50 to 5,000 m, and at most 50 cells"
        case .invalidSpacing(let spacing): "a spacing of \(spacing) m is not allowed: 0 to 20,000 m"
        case .postOutsideGrid(let latitude, let longitude):
            "the post at \(latitude), \(longitude) lies outside the city's grid"
        case .tooManyPosts(let posts, let units): "\(posts) fixed posts for \(units) units: give at most one post per unit"
        }
    }
}

extension PatrolPlan {
    /// Chooses `units` areas greedily, each time the one adding the most uncovered risk whose centre is at
    /// least `spacing` metres from every centre already chosen, after the fixed `posts`. Without spacing, greedy
    /// choice covers at least 63 % (1 − 1/e) of what the best choice would; spacing and posts void that bound.
    /// `recentDailyIncidents` scales the risk into incidents expected over the forecast's horizon.
    public static func make(
        _ forecast: Forecast, units: Int, radius: Double, spacing: Double, posts: [GeoPoint] = [],
        recentDailyIncidents: Double
    ) throws -> PatrolPlan {
        guard (1...200).contains(units) else { throw PatrolPlanError.invalidUnits(units) }
        guard (50...5_000).contains(radius) else { throw PatrolPlanError.invalidRadius(radius) }
        guard spacing >= 0 && spacing <= 20_000 else { throw PatrolPlanError.invalidSpacing(spacing) }
        guard radius <= 50 * forecast.grid.grid.cellSize else { throw PatrolPlanError.invalidRadius(radius) }
        guard posts.count <= units else { throw PatrolPlanError.tooManyPosts(posts: posts.count, units: units) }
        let grid = forecast.grid.grid
        let total = forecast.risk.reduce(0, +)
        let expected = recentDailyIncidents * forecast.horizon / 86_400
        let reach = Int((radius / grid.cellSize).rounded(.down))
        var offsets: [(Int, Int)] = []
        for dy in -reach...reach {
            for dx in -reach...reach where Double(dx * dx + dy * dy) * grid.cellSize * grid.cellSize <= radius * radius {
                offsets.append((dx, dy))
            }
        }
        func cells(around centre: Int) -> [Int] {
            offsets.compactMap { dx, dy in
                grid.cellIndex(column: grid.column(of: centre) + dx, row: grid.row(of: centre) + dy)
                    .flatMap { forecast.grid.inStudy[$0] ? $0 : nil }
            }
        }
        var covered = [Bool](repeating: false, count: grid.count)
        var areas: [Area] = []
        func take(_ centre: Int, fixed: Bool) {
            let area = cells(around: centre)
            let gain = area.reduce(0) { $0 + (covered[$1] ? 0 : forecast.risk[$1]) }
            for cell in area { covered[cell] = true }
            let share = total > 0 ? gain / total : 0
            areas.append(Area(centre: centre, cells: area, share: share, expectedIncidents: share * expected, fixed: fixed))
        }
        for post in posts {
            guard let projection = forecast.grid.projection else { break }
            let point = projection.project(post)
            guard let cell = grid.cellIndex(x: point.x, y: point.y) else {
                throw PatrolPlanError.postOutsideGrid(latitude: post.latitude, longitude: post.longitude)
            }
            take(cell, fixed: true)
        }
        // Any study cell may centre an area: one between two hot cells can cover both.
        let candidates = forecast.grid.inStudy.indices.filter { forecast.grid.inStudy[$0] }
        func farEnough(_ cell: Int) -> Bool {
            let here = grid.cellCenter(cell)
            return areas.allSatisfy { area in
                let there = grid.cellCenter(area.centre)
                return (here.x - there.x) * (here.x - there.x) + (here.y - there.y) * (here.y - there.y) >= spacing * spacing
            }
        }
        while areas.count < units {
            // Among areas adding as much, the one centred on the riskier cell, so that the centre is the hot spot.
            var best: (cell: Int, gain: Double)?
            for cell in candidates where farEnough(cell) {
                let gain = cells(around: cell).reduce(0) { $0 + (covered[$1] ? 0 : forecast.risk[$1]) }
                guard gain > 0 else { continue }
                if let current = best, gain < current.gain || (gain == current.gain && forecast.risk[cell] <= forecast.risk[current.cell]) {
                    continue
                }
                best = (cell, gain)
            }
            guard let best else { break }
            take(best.cell, fixed: false)
        }
        return PatrolPlan(forecast: forecast, areas: areas, radius: radius, spacing: spacing, expectedIncidents: expected)
    }
}
