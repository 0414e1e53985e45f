#if canImport(Glibc)
import Glibc
#endif
import Foundation
import VigieIngest
import VigieStore

/// Ingest throughput and memory: the Toronto file repeated to N rows with unique references, ingested by
/// `vigie ingest` into a new store, next to `sqlite3`'s own `.import` of the same CSV into a plain table.
struct IngestBenchmark {
    var rowCounts: [Int]
    var workDirectory: URL
    var vigie: URL
    var sharedData: URL
    var mapping: URL

    func run() async throws {
        print("ingest benchmark — Toronto MCI 2019 repeated with unique references")
        print("rows        tool             seconds   rows/s       peak MiB   ratio vigie/.import")
        for rows in rowCounts {
            let csv = workDirectory.appendingPathComponent("toronto-\(rows).csv")
            try makeFile(rows: rows, at: csv)
            let importDB = workDirectory.appendingPathComponent("import-\(rows).sqlite").path
            let script = workDirectory.appendingPathComponent("import.sql")
            try ".mode csv\n.import \(csv.path) incidents\n".write(to: script, atomically: true, encoding: .utf8)
            settle()
            let reference = try ChildProcess.run(
                ["sqlite3", importDB], stdinPath: script.path, outputPath: workDirectory.appendingPathComponent("import.out").path)
            guard reference.status == 0 else { throw BenchmarkError("sqlite3 .import failed") }
            let store = workDirectory.appendingPathComponent("vigie-\(rows).sqlite").path
            let output = workDirectory.appendingPathComponent("vigie.out").path
            settle()
            let measured = try ChildProcess.run(
                [vigie.path, "ingest", csv.path, "--source", "toronto-bench", "--mapping", mapping.path, "--db", store,
                 "--json"], outputPath: output)
            guard measured.status == 0 else {
                throw BenchmarkError("vigie ingest failed: \((try? String(contentsOfFile: output + ".err", encoding: .utf8)) ?? "")")
            }
            let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as! [String: Any]
            guard summary["accepted"] as? Int == rows, summary["quarantined"] as? Int == 0 else {
                throw BenchmarkError("vigie ingest did not accept every row: \(summary)")
            }
            settle()
            let ceiling = try copyIntoVigieSchema(from: store)
            settle()
            let parsing = try await parseOnly(csv, rows: rows)
            let importRate = Double(rows) / reference.seconds
            let vigieRate = Double(rows) / measured.seconds
            let ceilingRate = Double(rows) / ceiling.seconds
            print(line(rows, "sqlite3 .import", reference, importRate, ""))
            print(line(rows, "vigie ingest", measured, vigieRate, String(format: "%.2f", vigieRate / importRate)))
            print(line(rows, "schema ceiling", ceiling, ceilingRate, String(format: "%.2f", ceilingRate / importRate)))
            print(String(format: "%-10d  %-15@  %7.2f   %10.0f          -   %.2f", rows, "parsing only", parsing,
                Double(rows) / parsing, Double(rows) / parsing / importRate))
            for path in [csv.path, importDB, store, store + "-wal", store + "-shm"] {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
    }

    /// SQLite copying the stored incidents into a new store with Vigie's schema, inside SQLite and in one
    /// statement: the cost of the schema's index and checks alone, with no parsing, mapping or binding.
    /// Foreign keys are off as in Vigie's bulk path, which checks references set-wise per batch instead.
    /// The `WHERE` clause matters: without it SQLite sees two tables of the same shape and copies the stored
    /// records and index entries as they are (its transfer optimisation), which checks nothing and is no
    /// measure of an insert.
    private func copyIntoVigieSchema(from store: String) throws -> ChildProcess.Measurement {
        let schemaOutput = workDirectory.appendingPathComponent("schema.sql")
        _ = try ChildProcess.run(["sqlite3", store, ".schema"], outputPath: schemaOutput.path)
        let schema = try String(contentsOf: schemaOutput, encoding: .utf8)
        let copy = workDirectory.appendingPathComponent("ceiling.sqlite").path
        let script = workDirectory.appendingPathComponent("ceiling.sql")
        try """
            PRAGMA page_size = 8192;
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA foreign_keys = OFF;
            PRAGMA cache_size = -65536;
            \(schema)
            ATTACH '\(store)' AS stored;
            INSERT INTO category SELECT * FROM stored.category;
            INSERT INTO source SELECT * FROM stored.source;
            INSERT INTO ingest_run SELECT * FROM stored.ingest_run;
            BEGIN;
            INSERT INTO incident SELECT * FROM stored.incident WHERE id > 0;
            COMMIT;
            """.write(to: script, atomically: true, encoding: .utf8)
        let measurement = try ChildProcess.run(
            ["sqlite3", "-bail", copy], stdinPath: script.path,
            outputPath: workDirectory.appendingPathComponent("ceiling.out").path)
        guard measurement.status == 0 else {
            let detail = (try? String(contentsOfFile: workDirectory.appendingPathComponent("ceiling.out.err").path, encoding: .utf8)) ?? ""
            throw BenchmarkError("the copy into Vigie's schema failed: \(detail)")
        }
        for path in [copy, copy + "-wal", copy + "-shm"] { try? FileManager.default.removeItem(atPath: path) }
        return measurement
    }

    /// Flushes what earlier steps left for the kernel to write, so that no step pays for another's files.
    private func settle() { sync() }

    /// Seconds for vigie's reading, mapping and batching of the file with every batch write dropped.
    private func parseOnly(_ csv: URL, rows: Int) async throws -> Double {
        let ingestor = Ingestor(store: ParseOnlyStore(store: try SQLiteStore.inMemory()), pseudonymiser: nil)
        let summary = try await ingestor.ingest(file: csv, mapping: try Mapping.load(contentsOf: mapping))
        guard summary.accepted == rows else { throw BenchmarkError("parsing only accepted \(summary.accepted) rows") }
        return summary.seconds
    }

    private func line(_ rows: Int, _ tool: String, _ measurement: ChildProcess.Measurement, _ rate: Double,
        _ ratio: String) -> String
    {
        String(format: "%-10d  %-15@  %7.2f   %10.0f   %8.1f   %@", rows, tool, measurement.seconds, rate,
            measurement.peakMemoryMiB, ratio)
    }

    /// Writes the Toronto rows repeated to `rows`, each with a unique `ref` column, streaming.
    private func makeFile(rows: Int, at url: URL) throws {
        let source = try String(contentsOf: sharedData.appendingPathComponent("toronto_mci_2019.csv"), encoding: .utf8)
        var lines = source.split(whereSeparator: \.isNewline)
        let header = lines.removeFirst()
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw BenchmarkError("cannot create \(url.path)")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var chunk = "ref,\(header)\n"
        for index in 0..<rows {
            chunk += "r\(index),\(lines[index % lines.count])\n"
            if chunk.utf8.count > 1 << 20 {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        handle.write(Data(chunk.utf8))
    }
}

