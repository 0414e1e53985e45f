import VigieCore

/// What incidents are counted by.
public enum Grouping: Hashable, Sendable {
    /// The taxonomy category.
    case category
    /// The source.
    case source
    /// The district of one level; incidents in none are counted apart.
    case district(level: String)
    /// The hour of the week in local time, Monday 00:00 first; incidents known only to the day are left out.
    case hourOfWeek
    /// The local day; incidents known only to the month are left out.
    case day
    /// The week, Monday to Sunday in local time; incidents known only to the month are left out.
    case week
    /// The local month.
    case month
    /// Square cells of the given side in metres, aligned on multiples of it; unlocated incidents are left out.
    case cell(size: Double)
}

/// The value of one dimension for a group of counted incidents.
public enum GroupKey: Hashable, Sendable {
    case category(CategoryCode)
    case source(Int64)
    /// The district code, `nil` for incidents in no district of the level.
    case district(String?)
    /// Weekday (0 Monday … 6 Sunday) and hour (0 … 23).
    case hourOfWeek(weekday: Int, hour: Int)
    case day(CivilDate)
    /// The week's Monday.
    case week(CivilDate)
    /// The month's first day.
    case month(CivilDate)
    /// A cell of the query's grid, by index.
    case cell(Int)
}

extension GroupKey {
    /// The key as plain text for programs: a category or district code (empty for no district), a source
    /// id, `weekday-hour` (0 Monday), an ISO date (a week's Monday, a month's first day), a cell index.
    public var text: String {
        switch self {
        case .category(let code): code.rawValue
        case .source(let id): String(id)
        case .district(let code): code ?? ""
        case .hourOfWeek(let weekday, let hour): "\(weekday)-\(hour)"
        case .day(let date), .week(let date), .month(let date): date.iso
        case .cell(let index): String(index)
        }
    }
}
