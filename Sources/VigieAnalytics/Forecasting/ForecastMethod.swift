import Foundation
import VigieCore

/// A place-based forecasting method: from incidents before an instant, a risk for each cell of a grid.
/// No person is an input or an output: only where and when incidents happened.
public protocol ForecastMethod: Sendable {
    /// A short name (`count`, `kde`…).
    var name: String { get }
    /// The risk of each cell of the request's grid over its horizon, from the incidents before its origin.
    func risk(_ request: ForecastRequest) throws -> [Double]
}

/// What a forecast is asked for: which incidents to learn from, on which grid, for which period.
public struct ForecastRequest: Sendable {
    public var snapshot: IncidentSnapshot
    public var grid: SquareGrid
    /// The categories forecast, all when `nil`.
    public var categories: Set<CategoryCode>?
    /// The first instant learnt from (the start of the data when `nil`), and the instant forecast from: only
    /// incidents in between are read.
    public var trainFrom: Date?
    public var origin: Date
    /// The length of the period forecast, in seconds.
    public var horizon: TimeInterval

    public init(
        snapshot: IncidentSnapshot, grid: SquareGrid, categories: Set<CategoryCode>?, trainFrom: Date?, origin: Date,
        horizon: TimeInterval = 86_400
    ) {
        self.snapshot = snapshot
        self.grid = grid
        self.categories = categories
        self.trainFrom = trainFrom
        self.origin = origin
        self.horizon = horizon
    }

    /// Located incidents of the categories in the `days` before the origin (not before `trainFrom`).
    func events(days: Int) throws -> [(x: Double, y: Double, time: Double)] {
        try snapshot.events(categories: categories, trainFrom: trainFrom, days: days, before: origin)
    }
}

/// The long-run count: incidents per cell over the whole training period. The baseline every other method
/// must beat; on Toronto 2019 burglaries it did as well as the self-exciting process.
public struct LongRunCount: ForecastMethod {
    public let name = "count"

    public init() {}

    public func risk(_ request: ForecastRequest) throws -> [Double] {
        try request.snapshot.cellCounts(
            request.grid, IncidentFilter(from: request.trainFrom, to: request.origin, categories: request.categories)
        ).map(Double.init)
    }
}
