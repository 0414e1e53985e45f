import ArgumentParser
import Foundation
import VigieAnalytics
import VigieCore
import VigieIngest
import VigieStore

extension Agenda {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The agenda of the next days: each item's risk, clashes and means, and each day's.",
            discussion: """
                Each item and each day in each district gets a risk score from 1 to 10 (green 1–3, orange 4–6, \
                red 7–10) from the expected attendance, the kind of item, its clashes, the incidents of the last \
                52 weeks at that place and time of the week, the forecast of the coming days, and the weather \
                when a weather source is loaded. Means are recommended by the rules (`vigie agenda rules`) and \
                compared with those planned.
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var options: AgendaOptions
        @Flag(help: "Also print each day's score in each district.") var districts = false
        @Flag(help: "Print JSON: items, days with their districts, clashes, each score with its reasons.") var json = false
        @Flag(help: "Print the items as GeoJSON, with their score, band, clashes and adequacy, for a map.") var geojson = false

        func run() async throws {
            let store = try store.openExisting()
            let report = AgendaReport(assessed: try options.assess(store))
            if json || geojson {
                if geojson { try Output.json(report.featureCollection) } else { try Output.json(report.document) }
                return
            }
            let assessment = report.assessment
            report.printItems()
            print()
            report.printDays()
            if districts {
                print()
                report.printDistrictGrid()
            }
            let red = assessment.assessed.filter { $0.risk.band == .red }
            if !red.isEmpty {
                print("\nWhy the red items are red:")
                for item in red {
                    print("  \(AgendaReport.short(assessment.items[item.index].title, 50)) (\(item.risk.score)): \(item.risk.summary)")
                }
            }
            let bands = Dictionary(grouping: assessment.assessed, by: \.risk.band).mapValues(\.count)
            print("\n\(assessment.items.count) item(s) over \(assessment.days.count) day(s): \(bands[.red] ?? 0) red, \(bands[.orange] ?? 0) orange, \(bands[.green] ?? 0) green; \(assessment.clashes.count) clash(es); \(assessment.days.filter(\.isUnderResourced).count) day(s) short of means")
        }
    }

    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the clash and means rules in force, as a rules file to start from.")

        @Option(help: "A rules file to read instead of the standard rules.") var rules: String?

        func run() async throws {
            var options = try AgendaOptions.parse([])
            options.rules = rules
            print(AgendaRulesFile.yaml(try options.loadRules()), terminator: "")
        }
    }
}
