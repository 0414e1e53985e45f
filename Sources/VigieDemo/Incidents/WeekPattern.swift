/// Per-weekday factors (Monday first) shared by several labels.
enum WeekPattern {
    /// Friday and Saturday nights out.
    static let weekendNights: [Double] = [0.9, 0.9, 1, 1.2, 2.3, 2.5, 1.1]
    /// Working days, quieter Saturday, quiet Sunday.
    static let workingDays: [Double] = [1.1, 1.1, 1.1, 1.1, 1.1, 0.6, 0.3]
    /// Commuting traffic.
    static let commuting: [Double] = [1.05, 1.05, 1.05, 1.05, 1.1, 0.85, 0.7]
    /// Shopping and strolling crowds, busiest on Saturday.
    static let shopping: [Double] = [0.95, 0.95, 1, 1, 1.1, 1.35, 0.9]
    /// Parking enforcement, Monday to Saturday.
    static let enforcement: [Double] = [1, 1, 1, 1, 1, 0.85, 0.04]
    /// Residents reporting, most on Monday.
    static let reporting: [Double] = [1.25, 1.1, 1.05, 1.05, 1, 0.8, 0.75]
}
