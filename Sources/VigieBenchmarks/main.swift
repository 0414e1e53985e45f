import Foundation

/// Benchmarks run on demand, after `swift build -c release`: `.build/release/VigieBenchmarks ingest [ROWS...]` or
/// `.build/release/VigieBenchmarks analytics [ROWS] [--db STORE]`.
let arguments = Array(CommandLine.arguments.dropFirst())
let executableDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    .deletingLastPathComponent()
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let work = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-benchmarks-\(getpid())")

/// Runs the benchmark the arguments name.
func runBenchmark() async throws {
    switch arguments.first {
    case "ingest":
        let counts = arguments.dropFirst().compactMap { Int($0) }
        let mapping = work.appendingPathComponent("toronto-bench.yml")
        var text = try String(
            contentsOf: root.appendingPathComponent("examples/mappings/toronto-mci.yml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "source: toronto-mci", with: "source: toronto-bench")
            .replacingOccurrences(of: "time:\n", with: "reference:\n  column: ref\ntime:\n")
        try text.write(to: mapping, atomically: true, encoding: .utf8)
        try await IngestBenchmark(
            rowCounts: counts.isEmpty ? [1_000_000, 5_000_000] : counts, workDirectory: work,
            vigie: executableDirectory.appendingPathComponent("vigie"),
            sharedData: root.deletingLastPathComponent().appendingPathComponent("shared/data"), mapping: mapping
        ).run()
    case "analytics":
        var rows = 10_000_000
        var store: String?
        var remaining = arguments.dropFirst()
        while let argument = remaining.popFirst() {
            if argument == "--db", let path = remaining.popFirst() { store = path } else if let count = Int(argument) { rows = count }
        }
        try AnalyticsBenchmark(
            rows: rows, store: store, workDirectory: work, vigie: executableDirectory.appendingPathComponent("vigie"),
            reference: root.appendingPathComponent("benchmarks/duckdb-reference.py")
        ).run()
    case "forecast":
        try await ForecastBenchmark(
            sharedData: root.deletingLastPathComponent().appendingPathComponent("shared/data"),
            mapping: root.appendingPathComponent("examples/mappings/toronto-mci.yml")
        ).run()
    case "agenda":
        var store: String?
        if let index = arguments.firstIndex(of: "--db"), index + 1 < arguments.count { store = arguments[index + 1] }
        try AgendaBenchmark(store: store, workDirectory: work, vigie: executableDirectory.appendingPathComponent("vigie")).run()
    case "server":
        var store: String?
        if let index = arguments.firstIndex(of: "--db"), index + 1 < arguments.count { store = arguments[index + 1] }
        try ServerBenchmark(store: store, workDirectory: work, vigie: executableDirectory.appendingPathComponent("vigie")).run()
    case "video":
        var store: String?
        var cameras = 50
        var days = 365
        var parts: Set<String> = ["indexing", "search"]
        var remaining = arguments.dropFirst()
        while let argument = remaining.popFirst() {
            switch argument {
            case "--db": store = remaining.popFirst()
            case "--cameras": cameras = remaining.popFirst().flatMap { Int($0) } ?? 0
            case "--days": days = remaining.popFirst().flatMap { Int($0) } ?? 0
            case "--only": parts = [remaining.popFirst() ?? ""]
            default: throw BenchmarkError("unknown argument '\(argument)'")
            }
        }
        try VideoBenchmark(
            store: store, cameras: cameras, days: days, parts: parts, workDirectory: work,
            sharedVideo: root.deletingLastPathComponent().appendingPathComponent("shared/video")
        ).run()
    case "gi-calibration":
        HotspotCalibration().run()
    default:
        print("""
            usage: VigieBenchmarks ingest [ROWS...]
                   VigieBenchmarks analytics [ROWS] [--db STORE]
                   VigieBenchmarks forecast
                   VigieBenchmarks agenda [--db STORE]
                   VigieBenchmarks server [--db STORE]
                   VigieBenchmarks video [--db STORE] [--cameras 50] [--days 365] [--only indexing|search]
                   VigieBenchmarks gi-calibration
            (build first: swift build -c release)
            """)
    }
}

var status: Int32 = 0
do {
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    try await runBenchmark()
} catch {
    FileHandle.standardError.write(Data("VigieBenchmarks: \(error)\n".utf8))
    status = 1
}
try? FileManager.default.removeItem(at: work)
exit(status)
