import VigieCore

/// Why an analytics request cannot be answered, in words a user can act on.
public enum AnalyticsError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownCategory(String)
    case unknownDistrictLevel(String, known: [String])
    case unknownDistrict(level: String, code: String)
    case invalidCellSize(Double)
    case tooManyGroups(Int)
    case invalidBandwidth(Double, cellSize: Double)
    case invalidNeighbourhood(Double, cellSize: Double)
    case invalidRate(Double)
    case invalidBands(String)
    case tooManyEvents(Int, limit: Int)
    case tooManyPairs(Int, limit: Int)
    case insufficientHistory(needed: String, dataStart: CivilDate?)
    case tooManyDistricts(level: String, count: Int)
    case invalidDilation(Int)
    case unknownTimeZone(String)
    case invalidForecast(String)
    case invalidPeriod(String)

    public var description: String {
        switch self {
        case .unknownCategory(let code):
            "'\(code)' is not a category; the categories are \(Taxonomy.standard.categories.map(\.code.rawValue).joined(separator: ", "))"
        case .unknownDistrictLevel(let level, let known):
            known.isEmpty
                ? "no districts are loaded, so there is no level '\(level)'; load some with `vigie districts import`"
                : "'\(level)' is not a district level; the levels loaded are \(known.joined(separator: ", "))"
        case .unknownDistrict(let level, let code):
            "there is no district '\(code)' at level '\(level)'; `vigie districts list` shows them"
        case .invalidCellSize(let size):
            "a cell of \(size) m is not allowed: cells are 10 to 10,000 m"
        case .invalidBandwidth(let bandwidth, let cellSize):
            "a bandwidth of \(bandwidth) m does not suit cells of \(cellSize) m: it must be at least half a cell and at most 20,000 m"
        case .invalidNeighbourhood(let distance, let cellSize):
            "a neighbourhood of \(distance) m does not suit cells of \(cellSize) m: it must be 1 to 20 cells"
        case .invalidRate(let rate):
            "a false-discovery rate of \(rate) is not allowed: it lies strictly between 0 and 1 (0.05 is usual)"
        case .invalidBands(let reason):
            "the bands are not usable: \(reason)"
        case .tooManyEvents(let count, let limit):
            "\(count) incidents are more than the \(limit) this test can pair; narrow the period, the categories or the area"
        case .tooManyPairs(let count, let limit):
            "\(count) close pairs are more than the \(limit) this test can permute; use a smaller distance or narrow the selection"
        case .insufficientHistory(let needed, let dataStart):
            dataStart.map { "the data starts on \($0.iso): there must be \(needed)" } ?? "there is no data yet"
        case .tooManyDistricts(let level, let count):
            "level '\(level)' has \(count) districts; analytics handle at most 32,767 per level"
        case .unknownTimeZone(let name):
            "the deployment's time zone '\(name)' is unknown; set it with `vigie deployment set --time-zone`"
        case .invalidForecast(let reason), .invalidPeriod(let reason):
            reason
        case .invalidDilation(let cells):
            "the study area grows by 0 to 100 cells, not \(cells)"
        case .tooManyGroups(let count):
            "the grouping asked for would give \(count) groups; use larger cells, a shorter period or fewer dimensions"
        }
    }
}
