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
            abstract: "Import an agenda of planned items into a source: an iCalendar (.ics) file, or a CSV, NDJSON or GeoJSON file through a mapping.",
            discussion: """
                An .ics file: recurring items (weekly markets) are expanded over --days days from --from. Each \
                item needs a position (GEO:latitude;longitude) and a kind: its CATEGORIES mapped with \
                --kind-map, or --kind. X-ATTENDANCE gives the expected attendance; the organiser is read from \
                ORGANIZER's name (CN), never from an address.

                A CSV, NDJSON or GeoJSON file: --mapping names a YAML agenda mapping that says which columns \
                hold the reference, title, kind, start and end, place (a point, a route or an area), \
                attendance and organiser (see README, Agenda). Every item of the file is imported; --kind, \
                --kind-map, --from and --days apply to .ics files only. The source is registered from the \
                mapping's register block when missing.

                Items that cannot be read are kept in quarantine with their line and reason. Importing the same \
                file again updates the items in place.
                """)

        @OptionGroup var store: StoreOptions
        @Argument(help: "The .ics file, or with --mapping a CSV, NDJSON or GeoJSON file.") var file: String
        @Option(help: "The YAML agenda mapping of a CSV, NDJSON or GeoJSON file.") var mapping: String?
        @Option(help: "The register name of the agenda's source (with --mapping: the mapping's source by default).")
        var source: String?
        @Option(help: "The kind of items whose categories are not mapped (.ics only).") var kind: PlannedEventKind?
        @Option(help: "Kinds by category, LABEL=kind separated by commas (MARCHE=market,TRAVAUX=roadworks; .ics only).")
        var kindMap: String?
        @Option(help: "First day of the items kept (YYYY-MM-DD; default: today; .ics only).") var from: String?
        @Option(help: "Days of items kept from --from (default: 400; .ics only).") var days: Int?

        func validate() throws {
            if mapping != nil {
                let calendarOnly = [("--kind", kind != nil), ("--kind-map", kindMap != nil), ("--from", from != nil),
                    ("--days", days != nil)].filter(\.1).map(\.0)
                if !calendarOnly.isEmpty {
                    throw ValidationError(
                        "\(calendarOnly.joined(separator: ", ")) \(calendarOnly.count == 1 ? "applies" : "apply") to .ics files only: with --mapping, kinds come "
                            + "from the mapping's kind block and every item of the file is imported")
                }
            } else if source == nil {
                throw ValidationError("--source is required for an .ics file (with --mapping, it defaults to the mapping's source)")
            }
        }

        func run() async throws {
            let store = try store.open()
            let agenda = try mapping.map { try readMapped(mappingFile: $0, store: store) } ?? readCalendar(store: store)
            if agenda.registered { print("Registered source '\(agenda.source)' from the mapping's register block.") }
            let sourceID = agenda.sourceID
            let name = URL(fileURLWithPath: file).lastPathComponent
            let run = try store.beginIngestRun(sourceID: sourceID, file: name, startedAt: Date())
            let saved = try store.save(agenda.events)
            let outcome = try store.write(IngestBatch(
                sourceID: sourceID, runID: run, file: name,
                quarantined: agenda.refused.map { refusal in
                    QuarantinedRow(
                        sourceID: sourceID, file: name, recordNumber: refusal.recordNumber, line: refusal.line,
                        field: refusal.field, reason: refusal.reason, rawRecord: refusal.reference,
                        quarantinedAt: Date())
                }))
            try store.finishIngestRun(
                run, outcome: IngestBatchOutcome(accepted: saved.count, quarantined: outcome.quarantined),
                read: agenda.read, finishedAt: Date())
            print("\(saved.count) item(s) saved, \(agenda.refused.count) refused (see `vigie quarantine list --source \(agenda.source)`)")
            for refusal in agenda.refused.prefix(10) { Output.note("\(name):\(refusal.line): \(refusal.reason)") }
        }

        /// The occurrences of the .ics file over the period, as items of the `--source` source.
        private func readCalendar(store: SQLiteStore) throws -> ImportedAgenda {
            let source = source!
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
            let (start, end) = try Agenda.period(from: from, days: days ?? 400, in: zone)
            let occurrences: [ICalendarOccurrence]
            do {
                occurrences = try ICalendarReader.occurrences(of: text, defaultZone: zone, from: start, to: end)
            } catch let error as ICalendarError {
                throw CommandError("\(file): \(error)")
            }
            let importer = AgendaImport(kindByCategory: try Self.kinds(kindMap), defaultKind: kind)
            let (events, refused) = importer.plannedEvents(occurrences, sourceID: sourceID)
            return ImportedAgenda(
                source: source, sourceID: sourceID, registered: false, events: events, refused: refused,
                read: occurrences.count)
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
