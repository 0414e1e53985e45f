import ArgumentParser
import Foundation
import VigieAnalytics
import VigieCore
import VigieStore

/// `vigie clashes`: planned items in each other's way over the next days.
struct Clashes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Clashes between planned items over the next days, each with its explanation.",
        discussion: """
            Two items clash when a rule says their kinds conflict (roadworks on an event's access, two events \
            on one place, a protest route across a market…) and they come within the rule's distance, edge to \
            edge, at the same time or within its margin. `vigie agenda rules` prints the rules in force.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var options: AgendaOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let store = try store.openExisting()
        let report = AgendaReport(assessed: try options.assess(store))
        let assessment = report.assessment
        if json {
            try Output.json(assessment.clashes.map(report.clash))
            return
        }
        Output.table(["from", "rule", "first", "second", "apart"], assessment.clashes.map { clash in
            [report.when(clash.overlaps ? clash.start : clash.end), clash.rule.reason,
                AgendaReport.short(assessment.items[clash.first].title, 32), AgendaReport.short(assessment.items[clash.second].title, 32),
                "\(Int(clash.distance.rounded())) m"]
        })
        if !assessment.clashes.isEmpty { print() }
        for clash in assessment.clashes { print("- " + clash.explanation(assessment.items, timeZone: report.zone)) }
        print("\(assessment.clashes.count) clash(es) among \(assessment.items.count) item(s) over \(assessment.days.count) day(s)")
    }
}
