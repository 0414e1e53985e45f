import VigieCore

/// Why an analytics request cannot be answered, in words a user can act on.
public enum AnalyticsError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownCategory(String)
    case unknownDistrictLevel(String, known: [String])
    case unknownDistrict(level: String, code: String)
    case invalidCellSize(Double)
    case tooManyGroups(Int)

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
        case .tooManyGroups(let count):
            "the grouping asked for would give \(count) groups; use larger cells, a shorter period or fewer dimensions"
        }
    }
}
