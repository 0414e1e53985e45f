import Foundation
import VigieCore

/// A place-based forecasting method: from incidents before an instant, a risk for each cell of a grid.
/// No person is an input or an output: only where and when incidents happened.
public protocol ForecastMethod: Sendable {
    /// A short name (`count`, `kde`…).
    var name: String { get }
    /// The risk of each cell of `grid` from the incidents of `categories` before `origin` (from `trainFrom`).
    func risk(
        _ snapshot: IncidentSnapshot, grid: SquareGrid, categories: Set<CategoryCode>?, trainFrom: Date?, origin: Date
    ) throws -> [Double]
}

/// The long-run count: incidents per cell over the whole training period. The baseline every other method
/// must beat; on Toronto 2019 burglaries it did as well as the self-exciting process.
public struct LongRunCount: ForecastMethod {
    public let name = "count"

    public init() {}

    public func risk(
        _ snapshot: IncidentSnapshot, grid: SquareGrid, categories: Set<CategoryCode>?, trainFrom: Date?, origin: Date
    ) throws -> [Double] {
        try snapshot.cellCounts(grid, IncidentFilter(from: trainFrom, to: origin, categories: categories)).map(Double.init)
    }
}
