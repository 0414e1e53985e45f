import Foundation

/// One source's data file with the mapping file that ingests it.
public struct DemoSourceFile: Sendable {
    /// The register name of the source (`municipal-police-log`).
    public var sourceName: String
    /// The data file, in the source's own format.
    public var data: URL
    /// The YAML mapping file next to it.
    public var mapping: URL
    /// How many records the data file holds.
    public var rowCount: Int
}
