import VigieCore

/// One synthetic data source: its register entry, its volume and the labels it writes.
struct DemoSource: Sendable {
    /// The register entry the mapping file creates.
    let register: Source
    /// Records a year at scale 1.
    let perYear: Double
    /// Yearly growth of the whole source.
    let trendPerYear: Double
    /// Every label the source writes.
    let kinds: [IncidentKind]
    /// Whether its times carry seconds; other sources record whole minutes.
    let recordsSeconds: Bool
    /// The random stream of the source, so that each source is independent of the others.
    let stream: UInt64
}
