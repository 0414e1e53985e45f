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
            zone. For each day (or each shift, with a horizon of hours dividing a day) of the test period, \
            every method is fitted on the incidents before it only, flags the top 1, 2, 5, 10 and 20 % of the \
            study area (exactly ⌊N·x⌋ of its N cells, ties broken by cell number, south-west first), and is \
            scored on the incidents of the horizon after it; hits are pooled. The study area is the cells that held any incident before the test period, grown \
            by one cell.
            """)

    @Option(help: "The file to evaluate on.") var input: String
    @Option(help: "Its YAML mapping file.") var mapping: String
    @Option(help: "Only this category of the taxonomy.") var category: String?
    @Option(help: "First day of training (YYYY-MM-DD; default: the first day of the data).") var trainFrom: String?
    @Option(help: "First day forecast and scored (YYYY-MM-DD).") var testFrom: String
    @Option(help: "Last day forecast and scored, included (YYYY-MM-DD).") var testTo: String
    @Option(help: "Side of the cells in metres.") var cell: Double = 150
    @Option(help: "What each forecast covers, from the start of its day: hours (8h, a shift) or days (1d, 7d).")
    var horizon: String = "1d"
    @Option(help: "all, or methods separated by commas: count, retrospective, prospective, kde-decay, sepp, blend.") var methods: String = "all"
    @Option(help: "Grids scored: 1 (aligned on multiples of the cell), or 4 (also offset by half a cell east, north, and both).")
    var offsets: Int = 4
    @Flag(help: "Print one JSON object.") var json = false

    static var known: [any ForecastMethod] { ForecastMethods.known }

    func validate() throws {
        guard offsets == 1 || offsets == 4 else { throw ValidationError("--offsets is 1 or 4") }
        let seconds = try Self.seconds(horizon)
        guard seconds >= 86_400 || (86_400 / seconds).rounded() == 86_400 / seconds else {
            throw ValidationError("--horizon \(horizon): a horizon of hours must divide a day (1, 2, 3, 4, 6, 8, 12 or 24 h)")
        }
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
        let half = cell / 2
        let shifts: [(x: Double, y: Double)] = offsets == 1 ? [(0, 0)] : [(0, 0), (half, 0), (0, half), (half, half)]
        var runs: [(grid: ForecastGrid, evaluation: ForecastEvaluation, results: [MethodEvaluation])] = []
        for shift in shifts {
            let grid = try ForecastGrid(
                snapshot: snapshot, cellSize: cell, offset: shift, mask: .observed(before: testStart, dilation: 1))
            let evaluation = ForecastEvaluation(grid: grid)
            let results = try evaluation.run(
                chosen, on: snapshot, days: first.dayNumber...last.dayNumber,
                categories: category.map { [CategoryCode(rawValue: $0)] }, trainFrom: trainStart,
                horizon: try Self.seconds(horizon))
            runs.append((grid, evaluation, results))
        }
        let coverages = runs[0].evaluation.coverages
        let labels = coverages.map { String(Int(($0 * 100).rounded())) }
        /// Per method and coverage, a measure's value on each grid.
        func values(_ method: Int, _ coverage: Int, _ measure: (MethodEvaluation, Double) -> Double) -> [Double] {
            runs.map { run in
                let flagged = Double(run.evaluation.flaggedCounts()[coverage]) / Double(max(run.grid.studyCells, 1))
                return measure(run.results[method], flagged)
            }
        }
        func mean(_ list: [Double]) -> Double { list.reduce(0, +) / Double(list.count) }
        let incidents = runs[0].results.first?.incidents ?? 0
        let forecasts = runs[0].results.first?.forecasts ?? 0
        if json {
            try Output.json(JSONOutput.object([
                "input": .string(input), "category": category.map(JSONOutput.string) ?? .null,
                "testFrom": .string(first.iso), "testTo": .string(last.iso), "cellSize": .number(cell),
                "studyCells": .array(runs.map { .integer($0.grid.studyCells) }), "incidents": .integer(incidents),
                "forecasts": .integer(forecasts), "grids": .integer(runs.count),
                "methods": .array(chosen.indices.map { method in
                    func byCoverage(_ measure: @escaping (MethodEvaluation, Double, Int) -> Double) -> JSONOutput {
                        .object(Dictionary(uniqueKeysWithValues: labels.indices.map { coverage in
                            (labels[coverage], .number(mean(values(method, coverage) { measure($0, $1, coverage) })))
                        }))
                    }
                    func spread(_ measure: @escaping (MethodEvaluation, Double, Int) -> Double) -> JSONOutput {
                        .object(Dictionary(uniqueKeysWithValues: labels.indices.map { coverage in
                            let list = values(method, coverage) { measure($0, $1, coverage) }
                            return (labels[coverage], .array([.number(list.min()!), .number(list.max()!)]))
                        }))
                    }
                    return .object([
                        "name": .string(chosen[method].name),
                        "hitRate": byCoverage { result, _, coverage in result.hitRate(coverage) },
                        "pai": byCoverage { result, flagged, coverage in result.pai(coverage, flaggedShare: flagged) },
                        "pei": byCoverage { result, _, coverage in result.pei(coverage) },
                        "hitRateSpread": spread { result, _, coverage in result.hitRate(coverage) },
                        "hitRateCurve": .array((0..<100).map { percent in
                            .number(mean(runs.map { run in
                                let result = run.results[method]
                                return result.incidents > 0 ? Double(result.curve[percent]) / Double(result.incidents) : 0
                            }))
                        }),
                    ])
                }),
            ]))
            return
        }
        print("\(forecasts) forecasts, \(Output.count(incidents)) incidents to catch, cells of \(Int(cell)) m; the mean over \(runs.count) grid(s) (study areas of \(runs.map { Output.count($0.grid.studyCells) }.joined(separator: ", ")) cells), lowest–highest below")
        Output.table(
            ["method"] + labels.map { "\($0) %" } + ["PAI 5 %", "PEI 5 %"],
            chosen.indices.flatMap { method -> [[String]] in
                let hit = labels.indices.map { coverage in values(method, coverage) { result, _ in result.hitRate(coverage) } }
                let pai = mean(values(method, 2) { result, flagged in result.pai(2, flaggedShare: flagged) })
                let pei = mean(values(method, 2) { result, _ in result.pei(2) })
                return [
                    [chosen[method].name] + hit.map { String(format: "%.1f", mean($0) * 100) }
                        + [String(format: "%.2f", pai), String(format: "%.2f", pei)],
                    [""] + hit.map { String(format: "%.1f–%.1f", $0.min()! * 100, $0.max()! * 100) } + ["", ""],
                ]
            })
    }

    /// A horizon written `8h` or `7d`, in seconds.
    static func seconds(_ text: String) throws -> TimeInterval {
        guard let seconds = ForecastMethods.horizon(text) else {
            throw ValidationError("--horizon '\(text)' must be hours (8h) or days (1d, 7d), at most 31 days")
        }
        return seconds
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
