import ArgumentParser
import Foundation
import VigieAnalytics
import VigieCore
import VigieIngest
import VigieStore

/// `vigie evaluate`: how accurate forecasting methods are on a data set, by rolling origin.
struct Evaluate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score forecasting methods on a file, day by day: hit rate, PAI and PEI at 1 to 20 % of the area.",
        discussion: """
            The file is read through its mapping into a private store in memory, days in the mapping's time \
            zone. For each day of the test period every method is fitted on the incidents before that day \
            only, flags the top 1, 2, 5, 10 and 20 % of the study area (exactly ⌊N·x⌋ of its N cells, ties \
            broken by cell number, south-west first), and is scored on the day's incidents; hits are pooled \
            over the days. The study area is the cells that held any incident before the test period, grown \
            by one cell.
            """)

    @Option(help: "The file to evaluate on.") var input: String
    @Option(help: "Its YAML mapping file.") var mapping: String
    @Option(help: "Only this category of the taxonomy.") var category: String?
    @Option(help: "First day of training (YYYY-MM-DD; default: the first day of the data).") var trainFrom: String?
    @Option(help: "First day forecast and scored (YYYY-MM-DD).") var testFrom: String
    @Option(help: "Last day forecast and scored, included (YYYY-MM-DD).") var testTo: String
    @Option(help: "Side of the cells in metres.") var cell: Double = 150
    @Option(help: "What each forecast covers: 1d (a day).") var horizon: String = "1d"
    @Option(help: "all, or methods separated by commas: count.") var methods: String = "all"
    @Flag(help: "Print one JSON object.") var json = false

    static let known: [any ForecastMethod] = [LongRunCount()]

    func validate() throws {
        guard horizon == "1d" else { throw ValidationError("--horizon '\(horizon)': only 1d (a day) is available") }
        guard (10...10_000).contains(cell) else { throw ValidationError("--cell \(cell) is outside 10 to 10,000 m") }
        if let category, !Taxonomy.standard.contains(CategoryCode(rawValue: category)) {
            throw ValidationError("--category '\(category)' is not a category; the categories are \(Taxonomy.standard.categories.map(\.code.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let chosen = try selectedMethods()
        let first = try AnalyticsOptions.day(testFrom, option: "--test-from")
        let last = try AnalyticsOptions.day(testTo, option: "--test-to")
        guard first <= last else { throw ValidationError("--test-from \(testFrom) comes after --test-to \(testTo)") }
        let snapshot = try await load()
        let trainStart = try trainFrom.map { snapshot.start(of: try AnalyticsOptions.day($0, option: "--train-from")) }
        let testStart = snapshot.start(of: first)
        let grid = try ForecastGrid(
            snapshot: snapshot, cellSize: cell, mask: .observed(before: testStart, dilation: 1))
        let evaluation = ForecastEvaluation(grid: grid)
        let results = try evaluation.run(
            chosen, on: snapshot, days: first.dayNumber...last.dayNumber,
            categories: category.map { [CategoryCode(rawValue: $0)] }, trainFrom: trainStart)
        let flagged = evaluation.flaggedCounts().map { Double($0) / Double(max(grid.studyCells, 1)) }
        let labels = evaluation.coverages.map { String(Int(($0 * 100).rounded())) }
        if json {
            try Output.json(JSONOutput.object([
                "input": .string(input), "category": category.map(JSONOutput.string) ?? .null,
                "testFrom": .string(first.iso), "testTo": .string(last.iso), "cellSize": .number(cell),
                "studyCells": .integer(grid.studyCells), "incidents": .integer(results.first?.incidents ?? 0),
                "forecasts": .integer(results.first?.forecasts ?? 0),
                "methods": .array(results.map { result in
                    func byCoverage(_ value: (Int) -> Double) -> JSONOutput {
                        .object(Dictionary(uniqueKeysWithValues: labels.indices.map { (labels[$0], .number(value($0))) }))
                    }
                    return .object([
                        "name": .string(result.method),
                        "hitRate": byCoverage { result.hitRate($0) },
                        "pai": byCoverage { result.pai($0, flaggedShare: flagged[$0]) },
                        "pei": byCoverage { result.pei($0) },
                        "hits": byCoverage { Double(result.hits[$0]) },
                    ])
                }),
            ]))
            return
        }
        print("\(results.first?.forecasts ?? 0) daily forecasts, \(Output.count(results.first?.incidents ?? 0)) incidents to catch, \(Output.count(grid.studyCells)) cells of \(Int(cell)) m in the study area")
        Output.table(
            ["method"] + labels.map { "\($0) %" } + ["PAI 5 %", "PEI 5 %"],
            results.map { result in
                [result.method] + labels.indices.map { String(format: "%.1f", result.hitRate($0) * 100) }
                    + [String(format: "%.2f", result.pai(2, flaggedShare: flagged[2])), String(format: "%.2f", result.pei(2))]
            })
    }

    private func selectedMethods() throws -> [any ForecastMethod] {
        if methods == "all" { return Self.known }
        return try methods.split(separator: ",").map { name in
            guard let method = Self.known.first(where: { $0.name == name.trimmingCharacters(in: .whitespaces) }) else {
                throw ValidationError("--methods: '\(name)' is not a method; they are \(Self.known.map(\.name).joined(separator: ", "))")
            }
            return method
        }
    }

    /// The file read into a private store in memory, and its snapshot.
    private func load() async throws -> IncidentSnapshot {
        let mapping = try Mapping.load(contentsOf: URL(fileURLWithPath: self.mapping))
        let store = try SQLiteStore.inMemory()
        let zone = mapping.timeZoneIdentifier ?? Deployment.unconfigured.timeZoneIdentifier
        try store.save(Deployment(name: "evaluation", timeZoneIdentifier: zone))
        // Personal fields play no part in forecasts: a key made for this run and never kept is enough.
        let key = Pseudonymiser(secret: Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }))
        let summary = try await Ingestor(store: store, pseudonymiser: key)
            .ingest(file: URL(fileURLWithPath: input), mapping: mapping)
        if summary.quarantined > 0 {
            Output.note("\(summary.quarantined) of \(summary.read) record(s) of \(input) could not be read and are left out")
        }
        return try IncidentSnapshot.build(from: store, timeZone: TimeZone(identifier: zone)!)
    }
}
