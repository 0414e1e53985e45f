import ArgumentParser
import Foundation
import VigieAnalytics
import VigieCore
import VigieStore

/// `vigie measures`: the means planned for the agenda's items against those its rules recommend.
struct Measures: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Means planned for the next days' items against those recommended, and the days short of them.",
        subcommands: [List.self, Set.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Means per item: recommended, planned, deployed, and the adequacy of what is planned.",
            discussion: """
                Officers recommended: the larger of a floor per kind of item and a number per 1,000 expected \
                attendees, scaled by the item's risk score; vehicles follow officers, barriers attendance, \
                diversions routes. Adequacy is planned over recommended for the kind of means shortest of its \
                need; an item or a day below the adequate share (80 % by default) is short of means.
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var options: AgendaOptions
        @Flag(help: "Only the items and days short of means.") var short = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let store = try store.openExisting()
            let report = AgendaReport(assessed: try options.assess(store))
            let assessment = report.assessment
            let items = assessment.assessed.filter { !short || $0.isUnderResourced }
            let days = assessment.days.filter { !short || $0.isUnderResourced }
            if json {
                struct Document: Encodable {
                    let items: [AgendaDocument.ItemJSON]
                    let shortDays: [AgendaDocument.DayJSON]
                }
                let document = report.document
                try Output.json(Document(
                    items: items.map(report.item), shortDays: document.calendar.filter { !$0.shortfalls.isEmpty }))
                return
            }
            func pair(_ item: AgendaAssessment.Item, _ kind: Measure.Kind) -> String {
                let deployed = item.deployed[kind].map { " (\($0))" } ?? ""
                return "\(item.planned[kind] ?? 0)/\(item.recommended[kind] ?? 0)\(deployed)"
            }
            Output.table(["starts", "item", "risk", "officers", "vehicles", "barriers", "diversions", "adequacy"],
                items.map { item in
                    let event = assessment.items[item.index]
                    return [report.when(event.startsAt), AgendaReport.short(event.title),
                        "\(item.risk.score) \(item.risk.band.label)", pair(item, .officers), pair(item, .vehicles),
                        pair(item, .barriers), pair(item, .diversions),
                        AgendaReport.percent(item.adequacy) + (item.isUnderResourced ? " short of \(item.shortest!.rawValue)" : "")]
                })
            print("planned/recommended (deployed, once known)")
            print()
            Output.table(["day", "items", "officers", "adequacy", "short of means"], days.map { day in
                [day.day.iso + " " + AgendaReport.weekday(day.day), String(day.items.count),
                    "\(day.officersPlanned)/\(day.officersRecommended)", AgendaReport.percent(day.adequacy),
                    day.shortfalls.joined(separator: "; ")]
            })
            let shortItems = assessment.assessed.filter(\.isUnderResourced).count
            print("\(shortItems) of \(assessment.items.count) item(s) and \(assessment.days.filter(\.isUnderResourced).count) of \(assessment.days.count) day(s) short of means (adequate share \(Int(assessment.settings.means.adequateShare * 100)) %)")
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the means planned for an item, and those deployed once it is past.")

        @OptionGroup var store: StoreOptions
        @Option(help: "The item's identifier (shown by `vigie agenda --json`).") var item: Int64
        @Option(help: "officers, vehicles, barriers or diversions.") var kind: Measure.Kind
        @Option(help: "How many are planned.") var planned: Int
        @Option(help: "How many were deployed.") var deployed: Int?

        func validate() throws {
            guard planned >= 0 else { throw ValidationError("--planned \(planned) must be zero or more") }
            if let deployed, deployed < 0 { throw ValidationError("--deployed \(deployed) must be zero or more") }
        }

        func run() async throws {
            let store = try store.openExisting()
            guard try store.plannedEvent(id: item) != nil else {
                throw CommandError("no agenda item \(item); `vigie agenda --json` shows the identifiers")
            }
            try store.save([Measure(plannedEventID: item, kind: kind, planned: planned, deployed: deployed)])
            print("item \(item): \(planned) \(kind.rawValue) planned\(deployed.map { ", \($0) deployed" } ?? "")")
        }
    }
}

extension Measure.Kind: ExpressibleByArgument {}
