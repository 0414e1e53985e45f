/// Typical hour-of-day shapes of incident activity, hour 0 to 23 in local time.
enum HourShape: Sendable {
    /// Late evening and night: noise, fights, drunkenness.
    case night
    /// Evening: gatherings, neighbour disputes.
    case evening
    /// Afternoon and early evening: pickpocketing, snatching.
    case afternoon
    /// Working hours while homes are empty: residential burglary.
    case workingHours
    /// Morning and evening rush hours: road accidents.
    case rushHours
    /// Daytime activity with a night floor: rescue calls.
    case daytime
    /// Patrol hours of parking officers.
    case patrolHours
    /// When residents file reports: morning and evening peaks.
    case reporting
    /// Afternoon to late night: street drug dealing.
    case dealing

    /// Relative weights of the 24 hours.
    var weights: [Double] {
        switch self {
        case .night: [9, 7, 5, 3, 2, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 4, 5, 7, 9, 10]
        case .evening: [4, 3, 2, 1, 1, 0.5, 0.5, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 5, 6, 7, 7, 6, 5]
        case .afternoon: [1, 0.5, 0.3, 0.2, 0.2, 0.2, 0.5, 1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 7, 6, 5, 4, 3, 2, 1.5]
        case .workingHours:
            [0.3, 0.2, 0.2, 0.2, 0.2, 0.3, 0.5, 1, 3, 5, 6, 6, 5, 5, 6, 6, 5, 4, 2, 1, 0.7, 0.5, 0.4, 0.3]
        case .rushHours: [1, 0.7, 0.5, 0.4, 0.4, 0.8, 2, 5, 7, 5, 4, 4, 5, 4, 4, 5, 6, 8, 8, 6, 4, 3, 2, 1.5]
        case .daytime: [1.5, 1.2, 1, 0.8, 0.8, 1, 2, 4, 6, 7, 7, 7, 7, 6, 6, 6, 6, 6, 6, 5, 4, 3, 2.5, 2]
        case .patrolHours: [0, 0, 0, 0, 0, 0, 0, 0.5, 3, 6, 7, 7, 5, 4, 6, 7, 7, 6, 4, 1, 0.3, 0, 0, 0]
        case .reporting: [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.6, 2, 4, 5, 5, 4, 3, 3, 4, 4, 4, 4, 4, 5, 5, 4, 2, 1]
        case .dealing: [3, 2, 1, 0.5, 0.3, 0.2, 0.2, 0.5, 1, 2, 3, 4, 5, 6, 7, 7, 8, 8, 8, 7, 6, 5, 4, 3]
        }
    }
}
