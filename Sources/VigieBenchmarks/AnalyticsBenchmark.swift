#if canImport(Glibc)
import Glibc
#endif
import Foundation
import VigieAnalytics
import VigieCore
import VigieStore

/// Analytics at city scale: the demo city scaled up to N incidents, its snapshot's build time and memory,
/// three aggregations on one core, and DuckDB running the same count queries over the same rows.
struct AnalyticsBenchmark {
    var rows: Int
    var store: String?
    var workDirectory: URL
    var vigie: URL
    var reference: URL
    static let runs = 7

    func run() throws {
        let path = try demoStore()
        let opened = try SQLiteStore.open(path: path)
        let zone = TimeZone(identifier: try opened.deployment().timeZoneIdentifier)!
        let area = try opened.districts(level: nil).compactMap(\.outline.boundingBox).reduce(nil) {
            (union: BoundingBox?, box: BoundingBox) in union?.union(box) ?? box
        }
        let origin = area.map { GeoPoint(latitude: ($0.minY + $0.maxY) / 2, longitude: ($0.minX + $0.maxX) / 2) }
        let before = Self.residentMiB()
        let started = Date()
        let snapshot = try IncidentSnapshot.build(from: opened, timeZone: zone, origin: origin)
        let buildSeconds = Date().timeIntervalSince(started)
        print(String(format: "snapshot: %d incidents built in %.2f s; columns %.0f MiB, resident memory +%.0f MiB (peak %.0f MiB)",
            snapshot.incidentCount, buildSeconds, Double(snapshot.columnBytes) / 1_048_576, Self.residentMiB() - before,
            Self.peakMiB()))

        let level = "arrondissement"
        let last = snapshot.dayRange!.upperBound
        let categories: Set<CategoryCode> = ["theft", "burglary", "assault", "damage", "drugs", "public-order"]
        let filter = IncidentFilter(
            from: snapshot.start(of: CivilDate(dayNumber: last - 364)), to: snapshot.start(of: CivilDate(dayNumber: last + 1)),
            categories: categories)
        var districtTable: CountTable?
        var gridTable: CountTable?
        let vigieTimings: [(String, [Double], String)] = [
            ("district x category, filtered", try time { districtTable = try snapshot.count(by: [.district(level: level), .category], filter: filter) },
                "last 365 days, 6 of 12 categories"),
            ("100 m grid, whole city", try time { gridTable = try snapshot.count(by: [.cell(size: 100)]) }, "every located incident"),
            ("25 m grid, whole city", try time { _ = try snapshot.count(by: [.cell(size: 25)]) }, "every located incident"),
            ("KDE 100 m, h = 300 m", try time { _ = try snapshot.density(cellSize: 100, bandwidth: 300) }, "every located incident"),
        ]
        let duck = try duckDB(snapshot, level: level, filter: filter, categories: categories, grid: gridTable!.grid!)
        print("")
        print("query                          engine            median ms   best ms    groups    counted")
        for (name, timings, _) in vigieTimings {
            let table = name.hasPrefix("district") ? districtTable : name.hasPrefix("100") ? gridTable : nil
            print(pad(name, 30) + " " + pad("vigie (1 core)", 16) + String(format: " %10.1f %9.1f", median(timings) * 1_000,
                timings.min()! * 1_000) + " " + pad(table.map { String($0.counts.filter { $0 > 0 }.count) } ?? "-", 9, right: true)
                + " " + pad(table.map { String($0.total) } ?? "-", 10, right: true))
            for threads in ["1 thread", "2 threads"] {
                guard let result = duck["\(name) (\(threads))"] as? [String: Any] else { continue }
                let ratio = (result["median"] as! Double) / median(timings)
                print(pad("", 30) + " " + pad("duckdb \(threads)", 16)
                    + String(format: " %10.1f %9.1f", (result["median"] as! Double) * 1_000, (result["best"] as! Double) * 1_000)
                    + " " + pad(String(result["groups"] as! Int), 9, right: true) + " "
                    + pad(String(result["total"] as! Int), 10, right: true) + String(format: "   vigie %.1f× faster", ratio))
            }
        }
    }

    /// The store to measure: the one given, or the demo city scaled to `rows`, made once in the work directory.
    private func demoStore() throws -> String {
        if let store {
            guard FileManager.default.fileExists(atPath: store) else { throw BenchmarkError("no store at \(store)") }
            return store
        }
        let path = workDirectory.appendingPathComponent("demo-\(rows).sqlite").path
        let scale = (Double(rows) / 618_736 * 100).rounded(.up) / 100
        print(String(format: "building the demo city at scale %.2f (about %d incidents)…", scale, rows))
        let output = workDirectory.appendingPathComponent("demo.out").path
        let made = try ChildProcess.run(
            [vigie.path, "demo", "--db", path, "--seed", "1", "--end", "2026-11-27", "--scale", String(scale), "--no-serve"],
            outputPath: output)
        guard made.status == 0 else {
            throw BenchmarkError("vigie demo failed: \((try? String(contentsOfFile: output + ".err", encoding: .utf8)) ?? "")")
        }
        print(String(format: "demo city written in %.0f s", made.seconds))
        return path
    }

    /// Exports the snapshot's columns and runs the DuckDB reference script on them.
    private func duckDB(
        _ snapshot: IncidentSnapshot, level: String, filter: IncidentFilter, categories: Set<CategoryCode>, grid: SquareGrid
    ) throws -> [String: Any] {
        let directory = workDirectory.appendingPathComponent("columns")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func write<T>(_ column: ContiguousArray<T>, _ name: String) throws {
            try column.withUnsafeBytes { try Data($0).write(to: directory.appendingPathComponent(name)) }
        }
        try write(snapshot.x, "x.f32")
        try write(snapshot.y, "y.f32")
        try write(snapshot.time, "time.i64")
        try write(snapshot.category, "category.u8")
        try write(snapshot.districts[snapshot.districtLevels.firstIndex(of: level)!], "district.i16")
        let positions = Taxonomy.standard.categories.enumerated().filter { categories.contains($0.element.code) }.map(\.offset)
        let parameters: [String: Any] = [
            "from": Int(filter.from!.timeIntervalSince1970), "to": Int(filter.to!.timeIntervalSince1970),
            "categories": positions, "gridMinX": grid.minX, "gridMinY": grid.minY, "cell": grid.cellSize,
            "runs": Self.runs,
        ]
        try JSONSerialization.data(withJSONObject: parameters).write(to: directory.appendingPathComponent("parameters.json"))
        if try ChildProcess.run(["python3", "-c", "import duckdb, numpy"], outputPath: directory.appendingPathComponent("check.out").path).status != 0 {
            print("installing duckdb and numpy with pip…")
            _ = try ChildProcess.run(["python3", "-m", "pip", "install", "--quiet", "duckdb", "numpy"],
                outputPath: directory.appendingPathComponent("pip.out").path)
        }
        let output = directory.appendingPathComponent("duckdb.out").path
        let measured = try ChildProcess.run(["python3", reference.path, directory.path], outputPath: output)
        guard measured.status == 0 else {
            throw BenchmarkError("the DuckDB reference failed: \((try? String(contentsOfFile: output + ".err", encoding: .utf8)) ?? "")")
        }
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as! [String: Any]
        print("DuckDB \(object["duckdb"] as? String ?? "?") on the same \(snapshot.rowCount) rows")
        return object["results"] as! [String: Any]
    }

    /// Seconds of each of `runs` runs of `body`, after one unmeasured run.
    private func time(_ body: () throws -> Void) throws -> [Double] {
        try body()
        return try (0..<Self.runs).map { _ in
            let started = Date()
            try body()
            return Date().timeIntervalSince(started)
        }
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }

    private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    private static func residentMiB() -> Double { statusField("VmRSS:") }

    private static func peakMiB() -> Double { statusField("VmHWM:") }

    /// A memory figure of this process, in MiB, from /proc/self/status.
    private static func statusField(_ name: String) -> Double {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(name) }
        let kilobytes = line?.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
        return kilobytes / 1_024
    }
}
