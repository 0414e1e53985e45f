/// The city's weather, day by day.
public protocol WeatherRepository: Sendable {
    /// Inserts or replaces days, one per source and day.
    func save(_ days: [WeatherDay]) throws
    /// Every source's days from `first` through `last`, by day then source.
    func weather(from first: CivilDate, through last: CivilDate) throws -> [WeatherDay]
}
