/// The weather of one day in the city, observed or forecast: what changes the risk of gatherings outdoors.
public struct WeatherDay: Hashable, Sendable, Codable {
    /// The register entry it came from.
    public var sourceID: Int64
    /// The local day.
    public var day: CivilDate
    /// Highest temperature, °C.
    public var maxTemperature: Double?
    /// Lowest temperature, °C.
    public var minTemperature: Double?
    /// Precipitation over the day, mm.
    public var precipitation: Double?
    /// Strongest gust, km/h.
    public var maxGust: Double?
    /// Whether the values are a forecast rather than observations.
    public var isForecast: Bool

    /// Creates a day's weather.
    public init(
        sourceID: Int64, day: CivilDate, maxTemperature: Double?, minTemperature: Double? = nil,
        precipitation: Double?, maxGust: Double?, isForecast: Bool
    ) {
        self.sourceID = sourceID
        self.day = day
        self.maxTemperature = maxTemperature
        self.minTemperature = minTemperature
        self.precipitation = precipitation
        self.maxGust = maxGust
        self.isForecast = isForecast
    }
}
