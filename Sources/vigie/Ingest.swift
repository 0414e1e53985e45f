import ArgumentParser
import Foundation
import VigieIngest

/// `vigie ingest`: loads a source file through its mapping.
struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ingest a CSV, NDJSON or GeoJSON file of a registered source.",
        discussion: """
            Every record ends accepted, updated, duplicate or quarantined; `vigie quarantine list` shows the \
            quarantined ones with their file, line, field and reason. Writes are committed in batches: a run \
            that is interrupted keeps what it reported, and running it again completes the file.
            """)

    @Argument(help: "The file to ingest.")
    var file: String

    @Option(help: "The register name of the source (see `vigie sources list`).")
    var source: String

    @Option(help: "The YAML mapping file describing the file's columns.")
    var mapping: String

    @Option(help: "Text encoding: auto (default: as the mapping says), utf-8 or latin1.")
    var encoding: String?

    @Option(help: "Records per transaction.")
    var batchSize = 10_000

    @Flag(help: "Print exactly one JSON object with the counts.")
    var json = false

    @Option(help: "Progress on standard error: auto (a bar on a terminal), bar, lines (one per committed batch) or none.")
    var progress: ProgressReporter.Style = .auto

    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let encoding, TextEncoding(name: encoding) == nil {
            throw ValidationError("--encoding '\(encoding)' is not one of auto, utf-8, latin1")
        }
        guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
    }

    func run() async throws {
        let mapping = try Mapping.load(contentsOf: URL(fileURLWithPath: self.mapping))
        let pseudonymiser = mapping.personalAttributes.isEmpty ? nil : try Pseudonymiser.fromEnvironment()
        var ingestor = Ingestor(store: try store.open(), pseudonymiser: pseudonymiser)
        ingestor.batchSize = batchSize
        let reporter = ProgressReporter(json && progress == .auto ? .none : progress)
        let summary: IngestSummary
        do {
            summary = try await ingestor.ingest(
                file: URL(fileURLWithPath: file), mapping: mapping, sourceName: source,
                encoding: encoding.flatMap(TextEncoding.init(name:)), progress: { reporter?.update($0) })
        } catch {
            reporter?.finish()
            throw error
        }
        reporter?.finish()
        if json {
            try Output.json(summary)
            return
        }
        if summary.registered { print("Registered source '\(summary.source)' from the mapping's register block.") }
        print("\(summary.file) → \(summary.source) (\(summary.encoding))")
        print("  read         \(Output.count(summary.read))")
        print("  accepted     \(Output.count(summary.accepted))")
        print("  updated      \(Output.count(summary.updated))")
        print("  duplicates   \(Output.count(summary.duplicates))")
        print("  quarantined  \(Output.count(summary.quarantined))")
        print(String(format: "  %.2f s, %@ rows/s", summary.seconds, Output.count(summary.rowsPerSecond)))
        if summary.quarantined > 0 {
            print("See them with: vigie quarantine list --source \(summary.source)")
        }
    }
}
