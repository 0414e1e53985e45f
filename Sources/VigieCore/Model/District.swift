/// An area of one level of the city's division (an arrondissement, a quartier, an IRIS).
public struct District: Hashable, Sendable, Codable {
    /// The level it belongs to (`arrondissement`).
    public var level: String
    /// Its code, an INSEE code where one exists.
    public var code: String
    /// Its name.
    public var name: String
    /// Inhabitants, when known.
    public var population: Int?
    /// Outline in WGS84 degrees (x = longitude, y = latitude).
    public var outline: Polygon

    /// Creates a district.
    public init(level: String, code: String, name: String, population: Int? = nil, outline: Polygon) {
        self.level = level
        self.code = code
        self.name = name
        self.population = population
        self.outline = outline
    }
}
