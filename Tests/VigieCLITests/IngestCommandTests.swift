import Foundation
import Testing
import VigieStore
import VigieTestSupport

@Suite("vigie ingest, as a command", .serialized)
struct IngestCommandTests {
    /// The Toronto file repeated `copies` times with a unique reference per row.
    func repeatedToronto(copies: Int, in directory: TemporaryDirectory) throws -> (URL, URL, Int) {
        let text = try String(contentsOf: ProjectFiles.sharedData("toronto_mci_2019.csv"), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline)
        let header = lines.removeFirst()
        var out = "ref,\(header)\n"
        var count = 0
        for copy in 0..<copies {
            for line in lines {
                out += "r\(copy)-\(count),\(line)\n"
                count += 1
            }
        }
        let file = try directory.write("toronto-big.csv", text: out)
        var mapping = try String(contentsOf: ProjectFiles.exampleMapping("toronto-mci.yml"), encoding: .utf8)
        mapping = mapping.replacingOccurrences(of: "time:\n", with: "reference:\n  column: ref\ntime:\n")
        return (file, try directory.write("toronto-big.yml", text: mapping), count)
    }

    @Test("--json prints exactly one JSON object with the integer counts")
    func jsonSummary() throws {
        let directory = try TemporaryDirectory()
        let result = try CommandRunner.run([
            "ingest", ProjectFiles.sharedData("toronto_mci_2019.csv").path, "--source", "toronto-mci",
            "--mapping", ProjectFiles.exampleMapping("toronto-mci.yml").path, "--db", directory.file("v.sqlite").path,
            "--json",
        ])
        #expect(result.status == 0, "\(result.error)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        for key in ["read", "accepted", "updated", "duplicates", "quarantined", "rowsPerSecond"] {
            #expect(object[key] is Int, "\(key)")
        }
        #expect(object["read"] as? Int == 33_801)
        #expect(object["accepted"] as? Int == 33_801)
    }

    @Test("a process killed with SIGKILL mid-ingest keeps everything it reported, and running it again completes the file exactly")
    func killAndResume() throws {
        let directory = try TemporaryDirectory()
        let (file, mapping, rows) = try repeatedToronto(copies: 12, in: directory)
        let database = directory.file("v.sqlite").path
        let arguments = ["ingest", file.path, "--source", "toronto-mci", "--mapping", mapping.path, "--db", database,
            "--batch-size", "2000"]
        let running = try CommandRunner.start(arguments + ["--progress", "lines"])
        var reported = 0
        let deadline = Date().addingTimeInterval(120)
        // A blocking wait, not a suspension: other tests keeping the concurrency pool's threads busy must not
        // keep this loop from watching the ingest.
        while reported < 20_000 && Date() < deadline && running.process.isRunning {
            usleep(20_000)
            reported = running.errorSoFar().split(separator: "\n").compactMap { line in
                line.hasPrefix("committed ") ? Int(line.split(separator: " ")[1]) : nil
            }.last ?? 0
        }
        #expect(running.process.isRunning, "the ingest finished before it could be killed; make the file larger")
        kill(running.process.processIdentifier, SIGKILL)
        running.process.waitUntilExit()
        #expect(running.process.terminationReason == .uncaughtSignal)
        let afterKill = try SQLiteStore.open(path: database).incidentCount(sourceID: nil)
        #expect(reported >= 20_000)
        #expect(afterKill >= reported, "every record reported as committed is stored")
        #expect(afterKill < rows)

        let again = try CommandRunner.run(arguments + ["--json"])
        #expect(again.status == 0, "\(again.error)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(again.output.utf8)) as? [String: Any])
        #expect(summary["accepted"] as? Int == rows - afterKill)
        #expect(summary["duplicates"] as? Int == afterKill)
        #expect(try SQLiteStore.open(path: database).incidentCount(sourceID: nil) == rows)
    }

    @Test("bad input is a one-line error naming the place, with no stack trace", arguments: [
        (["ingest", "/nonexistent.csv", "--source", "toronto-mci"], "/nonexistent.csv: cannot be read"),
        (["ingest", "FILE", "--source", "toronto-mci", "--encoding", "ebcdic"], "--encoding 'ebcdic'"),
    ])
    func badInput(arguments: [String], message: String) throws {
        let directory = try TemporaryDirectory()
        let mapping = ProjectFiles.exampleMapping("toronto-mci.yml").path
        let args = arguments.map { $0 == "FILE" ? ProjectFiles.sharedData("toronto_mci_2019.csv").path : $0 }
            + ["--mapping", mapping, "--db", directory.file("v.sqlite").path]
        let result = try CommandRunner.run(args)
        #expect(result.status != 0)
        #expect(result.error.contains(message), "\(result.error)")
        #expect(!result.error.contains("Fatal error") && !result.error.contains("Stack"))
    }

    @Test("a mapping with an unknown key fails naming the key and the keys allowed")
    func unknownMappingKey() throws {
        let directory = try TemporaryDirectory()
        let text = try String(contentsOf: ProjectFiles.exampleMapping("toronto-mci.yml"), encoding: .utf8)
            .replacingOccurrences(of: "  precision: hour", with: "  precison: hour")
        let mapping = try directory.write("bad.yml", text: text)
        let result = try CommandRunner.run([
            "ingest", ProjectFiles.sharedData("toronto_mci_2019.csv").path, "--source", "toronto-mci",
            "--mapping", mapping.path, "--db", directory.file("v.sqlite").path,
        ])
        #expect(result.status != 0)
        #expect(result.error.contains("bad.yml:"), "\(result.error)")
        #expect(result.error.contains("unknown key 'precison'"), "\(result.error)")
        #expect(result.error.contains("precision"), "\(result.error)")
    }
}
