/// How precisely a record's time is known; analytics never place a coarse time at a finer one.
public enum TimePrecision: String, Sendable, Codable, CaseIterable, Comparable {
    /// Known to the second or minute.
    case exact
    /// Known to the hour.
    case hour
    /// Known to the day only.
    case day
    /// Known to the month only.
    case month

    private var rank: Int {
        switch self {
        case .exact: 0
        case .hour: 1
        case .day: 2
        case .month: 3
        }
    }

    /// Coarser precisions compare greater.
    public static func < (lhs: TimePrecision, rhs: TimePrecision) -> Bool { lhs.rank < rhs.rank }
}
