import VigieCore

/// How a kind of incident spreads over the 168 hours of the week, in local time.
struct WeeklyProfile: Sendable {
    private let weights: [[Double]]
    private let cumulative: [[Double]]
    private let dayFactors: [Double]

    /// Combines an hour-of-day shape, per-weekday factors and a boost of each weekday's night (20:00–05:59,
    /// the hours after midnight counting for the night before).
    init(hours: HourShape, days: [Double] = [1, 1, 1, 1, 1, 1, 1], nights: [Double] = [1, 1, 1, 1, 1, 1, 1]) {
        let shape = hours.weights
        weights = (0..<7).map { weekday in
            (0..<24).map { hour in
                let night = hour < 6 ? nights[(weekday + 6) % 7] : hour >= 20 ? nights[weekday] : 1
                return shape[hour] * days[weekday] * night
            }
        }
        cumulative = weights.map { day in
            var total = 0.0
            return day.map {
                total += $0
                return total
            }
        }
        let totals = weights.map { $0.reduce(0, +) }
        let mean = totals.reduce(0, +) / 7
        dayFactors = totals.map { $0 / mean }
    }

    /// How busy a weekday is relative to the average day (Monday = 0).
    func dayFactor(weekday: Int) -> Double { dayFactors[weekday] }

    /// A local hour of that weekday drawn from the profile.
    func hour(weekday: Int, using random: inout SeededGenerator) -> Int {
        random.index(cumulative: cumulative[weekday])
    }
}
