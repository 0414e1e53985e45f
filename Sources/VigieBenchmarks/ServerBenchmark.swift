import Foundation
import VigieCore
import VigieStore

/// The server under load: wrk on loopback against the map's aggregation route (incidents by district over
/// 28 days, with a token, audited like every read) and, in the same run, against the trivial `/health`
/// route, on the demo city's store. The issue's target: the aggregation at half the trivial route's
/// throughput or more, with a p99 under 20 ms, on 2 cores.
struct ServerBenchmark {
    var store: String?
    var workDirectory: URL
    var vigie: URL
    var seconds = 10
    var connections = 16

    struct Load {
        var requestsPerSecond: Double
        var p99Milliseconds: Double
    }

    func run() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk") else {
            throw BenchmarkError("wrk is missing: apt-get install wrk")
        }
        let path = try store ?? makeDemoStore()
        try addCitizenRequests(to: path, count: 20_000)
        let environment = ["VIGIE_PASSWORD": "benchmark password"]
        _ = try command(["users", "add", "bench-\(getpid())", "--role", "analyst", "--db", path], environment: environment)
        let token = try command(["tokens", "create", "--account", "bench-\(getpid())", "--label", "load benchmark", "--db", path])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let port = 20_000 + Int(getpid() % 20_000)
        let server = Process()
        server.executableURL = vigie
        server.arguments = ["serve", "--db", path, "--port", String(port)]
        let logPath = workDirectory.appendingPathComponent("server-bench.log").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        server.standardOutput = log
        server.standardError = log
        try server.run()
        defer {
            server.interrupt()
            server.waitUntilExit()
        }
        let base = "http://127.0.0.1:\(port)"
        for _ in 0..<100 {
            if (try? Data(contentsOf: URL(string: base + "/health")!)) != nil { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        // The server measures the forecast methods for the next shifts when it starts, on a core of its own
        // for a few minutes: the load is measured once that is done, as a server runs most of the time.
        let started = Date()
        while Date().timeIntervalSince(started) < 900 {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if text.contains("forecast methods measured") || text.contains("measuring the forecast methods failed") { break }
            Thread.sleep(forTimeInterval: 1)
        }
        print(String(format: "the server's start-up measurement of the forecast methods took %.0f s; loading now", Date().timeIntervalSince(started)))
        let today = Date()
        let day = { (offset: Double) in
            ISO8601DateFormatter.string(from: today.addingTimeInterval(offset * 86_400), timeZone: .gmt, formatOptions: [.withFullDate])
        }
        let aggregation = "\(base)/api/v1/stats?by=district&from=\(day(-27))&to=\(day(1))"
        // Warm the snapshot and the caches once.
        _ = try wrk(aggregation, token: token, seconds: 2)
        let trivial = try wrk(base + "/health", token: nil, seconds: seconds)
        let mapped = try wrk(aggregation, token: token, seconds: seconds)
        print("wrk, 2 threads, \(connections) connections, \(seconds) s each, on loopback, against \(path)")
        print(String(format: "  GET /health (trivial)                 %9.0f requests/s, p99 %6.2f ms", trivial.requestsPerSecond, trivial.p99Milliseconds))
        print(String(format: "  GET /api/v1/stats?by=district (28 d)  %9.0f requests/s, p99 %6.2f ms (%.0f %% of the trivial route)",
            mapped.requestsPerSecond, mapped.p99Milliseconds, 100 * mapped.requestsPerSecond / trivial.requestsPerSecond))
        // The citizen side, public and without a session: what apps and the report form ask most.
        let publicRoutes = [
            ("GET /open311/v2/requests.json (100)", "/open311/v2/requests.json?page_size=100"),
            ("GET /open311/v2/requests.json near", "/open311/v2/requests.json?status=open&lat=43.2965&long=5.3698&radius=300"),
            ("GET /open311/v2/services.xml", "/open311/v2/services.xml"),
            ("GET /opendata/incidents.csv", "/opendata/incidents.csv"),
            ("GET /chiffres (page)", "/chiffres"),
        ]
        for (label, path) in publicRoutes {
            let load = try wrk(base + path, token: nil, seconds: seconds)
            print("  " + label.padding(toLength: 38, withPad: " ", startingAt: 0) + String(
                format: "%9.0f requests/s, p99 %6.2f ms (%.0f %% of the trivial route)", load.requestsPerSecond,
                load.p99Milliseconds, 100 * load.requestsPerSecond / trivial.requestsPerSecond))
        }
    }

    func wrk(_ url: String, token: String?, seconds: Int) throws -> Load {
        var arguments = ["/usr/bin/wrk", "-t2", "-c\(connections)", "-d\(seconds)s", "--latency"]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        let output = workDirectory.appendingPathComponent("wrk.out")
        let run = try ChildProcess.run(arguments + [url], outputPath: output.path)
        let text = try String(contentsOf: output, encoding: .utf8)
        guard run.status == 0, let rate = Self.value(after: "Requests/sec:", in: text), let p99 = Self.latency(in: text)
        else { throw BenchmarkError("wrk failed on \(url):\n\(text)") }
        if text.contains("Non-2xx") { throw BenchmarkError("\(url) answered errors under load:\n\(text)") }
        return Load(requestsPerSecond: rate, p99Milliseconds: p99)
    }

    static func value(after label: String, in text: String) -> Double? {
        guard let line = text.split(separator: "\n").first(where: { $0.contains(label) }) else { return nil }
        return Double(line.split(separator: " ").last.map(String.init) ?? "")
    }

    /// The 99th percentile of `--latency`, in milliseconds.
    static func latency(in text: String) -> Double? {
        guard let line = text.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("99%") }),
            let value = line.split(separator: " ").last.map(String.init)
        else { return nil }
        for (unit, factor) in [("us", 0.001), ("ms", 1.0), ("s", 1_000.0)] where value.hasSuffix(unit) {
            return Double(value.dropLast(unit.count)).map { $0 * factor }
        }
        return nil
    }

    func command(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let output = workDirectory.appendingPathComponent("command.out")
        let process = Process()
        process.executableURL = vigie
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchmarkError("vigie \(arguments.joined(separator: " ")) failed") }
        return try String(contentsOf: output, encoding: .utf8)
    }

    /// A city's load of citizen requests over the last 90 days (Marseille's app takes about 50,000 a year),
    /// around the centre, so that the Open311 list and the nearby search work on a realistic table.
    func addCitizenRequests(to path: String, count: Int) throws {
        let store = try SQLiteStore.open(path: path)
        guard let source = try store.source(named: "citizen-reports"), let sourceID = source.id else {
            throw BenchmarkError("\(path) has no citizen-reports source")
        }
        let already = try store.citizenRequestCount(CitizenRequestQuery())
        guard already < count else { return }
        let catalogue = CitizenServiceCatalogue.standard
        var random = SeededGenerator(seed: 7, stream: 311)
        let now = Date()
        let started = Date()
        for index in already..<count {
            let service = catalogue.services[random.below(catalogue.services.count)]
            let place = GeoPoint(latitude: 43.26 + random.unit() * 0.09, longitude: 5.33 + random.unit() * 0.12)
            let at = now.addingTimeInterval(-random.unit() * 90 * 86_400)
            let token = String(format: "bench%011d%016llx", index, random.next())
            _ = try store.submit(
                CitizenRequest(
                    token: token, serviceCode: service.code, body: service.body, description: "Signalement de charge \(index)",
                    address: nil, location: place, attributes: [:], channel: "benchmark", requestedAt: at),
                incident: Incident(
                    sourceID: sourceID, sourceReference: "bench-" + token, category: service.category, rawLabel: service.nameFR,
                    occurredAt: at, timePrecision: .exact, location: place, locationPrecisionMeters: nil),
                contact: nil, photo: nil)
        }
        print(String(format: "%d citizen requests added in %.1f s (%.0f a second, each its own transaction)", count - already,
            Date().timeIntervalSince(started), Double(count - already) / Date().timeIntervalSince(started)))
    }

    func makeDemoStore() throws -> String {
        let path = workDirectory.appendingPathComponent("server-demo.sqlite").path
        print("making the demo city's store at \(path)…")
        let run = try ChildProcess.run([vigie.path, "demo", "--db", path, "--seed", "1", "--no-serve"], outputPath: path + ".log")
        guard run.status == 0 else { throw BenchmarkError("vigie demo failed (status \(run.status)), see \(path).log") }
        return path
    }
}
