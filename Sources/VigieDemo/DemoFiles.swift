import Foundation

/// The files a demo city wrote: its districts and, for each source, a data file and its mapping.
public struct DemoFiles: Sendable {
    /// The arrondissements, a GeoJSON FeatureCollection.
    public var districts: URL
    /// One entry per incident source, in the order the demo writes them.
    public var sources: [DemoSourceFile]
    /// Daily weather observed over the incident period, in Météo-France's open layout, two stations.
    public var weather: URL
    /// The forecast of the 14 days after it, in the same layout.
    public var weatherForecast: URL
}
