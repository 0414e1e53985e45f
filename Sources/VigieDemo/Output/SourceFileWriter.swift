import VigieCore

/// Writes one source's incidents in that source's own file format, with the mapping that reads it back.
protocol SourceFileWriter: Sendable {
    /// The source written.
    var source: DemoSource { get }
    /// The data file's name.
    var fileName: String { get }
    /// The mapping of the file.
    var mapping: MappingFile { get }
    /// The file's bytes.
    func data(of incidents: [SyntheticIncident], context: WritingContext) -> [UInt8]
}

extension SourceFileWriter {
    /// The label-to-code table of the source, in the order of its kinds.
    var labels: [(label: String, code: CategoryCode)] { source.kinds.map { ($0.label, $0.category) } }
}
