import Foundation

/// Benchmarks run on demand: `swift run -c release VigieBenchmarks ingest [ROWS...]`.
let arguments = Array(CommandLine.arguments.dropFirst())
let executableDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    .deletingLastPathComponent()
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let work = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-benchmarks-\(getpid())")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: work) }

switch arguments.first {
case "ingest":
    let counts = arguments.dropFirst().compactMap { Int($0) }
    let mapping = work.appendingPathComponent("toronto-bench.yml")
    var text = try String(contentsOf: root.appendingPathComponent("examples/mappings/toronto-mci.yml"), encoding: .utf8)
    text = text.replacingOccurrences(of: "source: toronto-mci", with: "source: toronto-bench")
        .replacingOccurrences(of: "time:\n", with: "reference:\n  column: ref\ntime:\n")
    try text.write(to: mapping, atomically: true, encoding: .utf8)
    try IngestBenchmark(
        rowCounts: counts.isEmpty ? [1_000_000, 5_000_000] : counts, workDirectory: work,
        vigie: executableDirectory.appendingPathComponent("vigie"),
        sharedData: root.deletingLastPathComponent().appendingPathComponent("shared/data"), mapping: mapping
    ).run()
default:
    print("usage: VigieBenchmarks ingest [ROWS...]   (build first: swift build -c release)")
}
