import ArgumentParser
import Foundation
import VigieCore
import VigieIngest
import VigieStore

/// `vigie agenda`: the planned items of public space.
struct Agenda: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The agenda of public space: events, markets, roadworks, protests, visits, film shoots.",
        subcommands: [List.self, Import.self, Review.self, Rules.self], defaultSubcommand: List.self)

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import an iCalendar (.ics) file of planned items into a registered source.",
            discussion: """
                Recurring items (weekly markets) are expanded over --days days from --from. Each item needs a \
                position (GEO:latitude;longitude) and a kind: its CATEGORIES mapped with --kind-map, or --kind. \
                X-ATTENDANCE gives the expected attendance; the organiser is read from ORGANIZER's name (CN), \
                never from an address. Items that cannot be read are kept in quarantine with their line and \
                reason. Importing the same file again updates the items in place.
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: "The .ics file.") var file: String
        @Option(help: "The register name of the agenda's source.") var source: String
        @Option(help: "The kind of items whose categories are not mapped.") var kind: PlannedEventKind?
        @Option(help: "Kinds by category, LABEL=kind separated by commas (MARCHE=market,TRAVAUX=roadworks).")
        var kindMap: String?
        @Option(help: "First day of the items kept (YYYY-MM-DD; default: today).") var from: String?
        @Option(help: "Days of items kept from --from.") var days: Int = 400

        func run() async throws {
            let store = try store.open()
            guard let registered = try store.source(named: source), let sourceID = registered.id else {
                throw CommandError("no source named '\(source)'; register it first with `vigie sources add \(source) …`")
            }
            let zone = TimeZone(identifier: try store.deployment().timeZoneIdentifier) ?? .current
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw CommandError("\(file): cannot be read as UTF-8 text (\(error.localizedDescription))")
            }
            let (start, end) = try Agenda.period(from: from, days: days, in: zone)
            let occurrences: [ICalendarOccurrence]
            do {
                occurrences = try ICalendarReader.occurrences(of: text, defaultZone: zone, from: start, to: end)
            } catch let error as ICalendarError {
                throw CommandError("\(file): \(error)")
            }
            let importer = AgendaImport(kindByCategory: try Self.kinds(kindMap), defaultKind: kind)
            let (events, refused) = importer.plannedEvents(occurrences, sourceID: sourceID)
            let name = URL(fileURLWithPath: file).lastPathComponent
            let run = try store.beginIngestRun(sourceID: sourceID, file: name, startedAt: Date())
            let saved = try store.save(events)
            let outcome = try store.write(IngestBatch(
                sourceID: sourceID, runID: run, file: name,
                quarantined: refused.map { refusal in
                    QuarantinedRow(
                        sourceID: sourceID, file: name, recordNumber: refusal.line, line: refusal.line, field: nil,
                        reason: refusal.reason, rawRecord: refusal.reference, quarantinedAt: Date())
                }))
            try store.finishIngestRun(
                run, outcome: IngestBatchOutcome(accepted: saved.count, quarantined: outcome.quarantined),
                read: occurrences.count, finishedAt: Date())
            print("\(saved.count) item(s) saved, \(refused.count) refused (see `vigie quarantine list --source \(source)`)")
            for refusal in refused.prefix(10) { Output.note("\(name):\(refusal.line): \(refusal.reason)") }
        }

        static func kinds(_ text: String?) throws -> [String: PlannedEventKind] {
            var kinds: [String: PlannedEventKind] = [:]
            for pair in (text ?? "").split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let kind = PlannedEventKind(rawValue: parts[1]) else {
                    throw ValidationError("--kind-map '\(pair)': write LABEL=kind, the kinds being \(PlannedEventKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                kinds[parts[0]] = kind
            }
            return kinds
        }
    }
}

extension Agenda {
    /// The `days` local days from `--from` (today when `nil`) in `zone`, as instants.
    static func period(from: String?, days: Int, in zone: TimeZone) throws -> (start: Date, end: Date) {
        guard (1...3_660).contains(days) else { throw ValidationError("--days \(days) must lie between 1 and 3,660") }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let start = try from.map { text -> Date in
            let day = try AnalyticsOptions.day(text, option: "--from")
            return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
        } ?? calendar.startOfDay(for: Date())
        return (start, calendar.date(byAdding: .day, value: days, to: start)!)
    }
}

extension PlannedEventKind: ExpressibleByArgument {}
