import ArgumentParser
import Foundation
import VigieVideo
import HummingbirdBcrypt
import VigieCore
import VigieDemo
import VigieIngest
import VigieStore

/// `vigie demo`: a synthetic Marseille-like city, built from a seed through the real ingestion path.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the synthetic demo city: districts, four sources, two years of incidents, an agenda.",
        discussion: """
            The city is generated from the seed with no download: the same seed and end date give the same \
            data. Each source is written as its own file format (a Latin-1 police log, fire-brigade NDJSON in \
            Lambert-93, citizen reports in GeoJSON, tickets in tab-separated text) and loaded through its \
            mapping, exactly as real files are.
            """)

    @Option(help: "The demo store file; an earlier demo store there is replaced.")
    var db = "vigie-demo.sqlite"

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: "The day after the last day of data, YYYY-MM-DD (default: today).")
    var end: String?

    @Option(help: "Multiplies every incident rate (1.0 is about 300,000 incidents a year).")
    var scale = 1.0

    @Flag(help: "Only write the store; do not serve it.")
    var noServe = false

    func validate() throws {
        guard scale > 0 && scale <= 20 else { throw ValidationError("--scale must be in (0, 20]") }
        if let end, Self.parseDay(end) == nil { throw ValidationError("--end '\(end)' is not a date YYYY-MM-DD") }
    }

    func run() async throws {
        let zone = try Self.paris()
        let endDate = end.flatMap { Self.parseDay($0, in: zone) } ?? Self.startOfToday(in: zone)
        try Self.removeEarlierDemo(at: db)
        let store = try SQLiteStore.open(path: db)
        let city = DemoCity(seed: seed, end: endDate, scale: scale)
        try store.save(city.deployment)

        let work = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        print("Generating the demo city (seed \(seed), until \(Self.dayText(endDate, in: zone)))…")
        let files = try city.writeFiles(to: work)

        let districts = try DistrictFile.read(
            files.districts, level: "arrondissement", codeField: "code", nameField: "name",
            populationField: "population")
        try store.replaceDistricts(level: "arrondissement", with: districts)
        print("  \(districts.count) arrondissements")

        let ingestor = Ingestor(store: store, pseudonymiser: try Self.pseudonymiser())
        for source in files.sources {
            let summary = try await ingestor.ingest(
                file: source.data, mapping: try Mapping.load(contentsOf: source.mapping))
            print("  \(source.sourceName.padding(toLength: 22, withPad: " ", startingAt: 0)) \(Output.count(summary.accepted)) incidents (\(summary.encoding), \(Output.count(summary.quarantined)) quarantined, \(Output.count(summary.rowsPerSecond)) rows/s)")
        }

        let weatherSource = try store.register(DemoCity.weatherSource)
        var weatherDays = 0
        for (file, isForecast) in [(files.weather, false), (files.weatherForecast, true)] {
            let reading = try WeatherFile.read(
                path: file.path, sourceID: weatherSource.id!, station: DemoCity.weatherStation, isForecast: isForecast)
            try store.save(reading.days)
            weatherDays += reading.days.count
        }
        print("  \(Output.count(weatherDays)) days of weather (station \(DemoCity.weatherStation), the last 14 forecast)")

        let agenda = try store.register(DemoCity.agendaSource)
        let events = try store.save(city.plannedEvents(sourceID: agenda.id!))
        try store.save(city.measures(for: events))
        let kinds = Dictionary(grouping: events, by: \.kind).sorted { $0.key.rawValue < $1.key.rawValue }
            .map { "\($0.value.count) \($0.key.rawValue)" }
        print("  \(Output.count(events.count)) agenda items: \(kinds.joined(separator: ", "))")
        // Retention, as a real deployment enforces it every day: sources whose entry keeps a year lose the
        // year before.
        let purged = try store.enforceRetention(now: endDate, dryRun: false).filter { $0.total > 0 }
        for purge in purged {
            print("  retention: \(Output.count(purge.incidents)) \(purge.sourceName) incidents older than \(purge.retentionDays) days removed")
        }
        let requests = try Self.citizenRequests(store, seed: seed, end: endDate, count: 150)
        print("  \(requests) citizen requests of the last 30 days, handled as far as their age allows")
        print("  " + (try Self.cameras(store, directory: VideoMedia(besideStore: db).directory, now: Date())))
        print("Demo store written to \(db): \(Output.count(try store.incidentCount(sourceID: nil))) incidents.")
        // One account per role, named after it: a demo store only, whose passwords are printed.
        for role in Role.allCases {
            _ = try store.create(Account(
                name: role.rawValue, role: role, passwordHash: Bcrypt.hash("demo-\(role.rawValue)", cost: 10),
                createdAt: Date()))
        }
        print("  demo accounts: " + Role.allCases.map { "\($0.rawValue) / demo-\($0.rawValue)" }.joined(separator: ", "))
        if noServe {
            let vigie = CommandLine.arguments[0]
            print("Explore it with `\(vigie) serve --db \(db)`, `\(vigie) agenda --db \(db)` (the next 30 days' risk), `\(vigie) clashes --db \(db)` and `\(vigie) measures --db \(db)`.")
        } else {
            try await Serve.serve(store, host: "127.0.0.1", port: 8080, media: VideoMedia(besideStore: db))
        }
    }

    /// Removes a store that an earlier demo wrote; refuses, without changing it, any other file.
    static func removeEarlierDemo(at path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let name = try SQLiteStore.deploymentName(ofExistingStoreAt: path)
        guard let name, name.hasSuffix("(démo)") else {
            throw CommandError(
                "\(path) is not a store an earlier demo wrote (\(name.map { "it is '\($0)'" } ?? "it is not a Vigie store")); choose another --db")
        }
        for suffix in ["", "-wal", "-shm", VideoMedia.suffix] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
    }

    /// The configured key, else the demo's own key, created on first use outside the data directory.
    static func pseudonymiser() throws -> Pseudonymiser {
        if let configured = try Pseudonymiser.fromEnvironment() { return configured }
        let directory = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config/vigie")
        let file = directory.appendingPathComponent("demo-pseudonymisation.key")
        if let key = FileManager.default.contents(atPath: file.path) {
            return try Pseudonymiser(validating: key, origin: file.path)
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        let key = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        guard FileManager.default.createFile(atPath: file.path, contents: key, attributes: [.posixPermissions: 0o600])
        else { throw CommandError("cannot write the demo's pseudonymisation key to \(file.path)") }
        return Pseudonymiser(secret: key)
    }

    /// The demo city's time zone; without the system's time-zone database nothing local can be computed.
    static func paris() throws -> TimeZone {
        guard let zone = TimeZone(identifier: "Europe/Paris") else {
            throw CommandError("the time-zone database is missing: install it (Debian: apt-get install tzdata)")
        }
        return zone
    }

    static func calendar(in zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    static func parseDay(_ text: String, in zone: TimeZone = .gmt) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard components.isValidDate(in: calendar(in: zone)) else { return nil }
        return calendar(in: zone).date(from: components)
    }

    static func startOfToday(in zone: TimeZone) -> Date { calendar(in: zone).startOfDay(for: Date()) }

    static func dayText(_ date: Date, in zone: TimeZone) -> String {
        let parts = calendar(in: zone).dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
