import Foundation

/// The files a demo city wrote: its districts and, for each source, a data file and its mapping.
public struct DemoFiles: Sendable {
    /// The arrondissements, a GeoJSON FeatureCollection.
    public var districts: URL
    /// One entry per incident source, in the order the demo writes them.
    public var sources: [DemoSourceFile]
}
