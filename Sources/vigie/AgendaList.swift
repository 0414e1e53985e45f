import ArgumentParser
import Foundation
import VigieCore
import VigieStore

extension Agenda {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the items planned over the next days.")

        @OptionGroup var store: StoreOptions
        @Option(help: "First day listed (YYYY-MM-DD; default: today).") var from: String?
        @Option(help: "Days listed.") var days: Int = 30
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let store = try store.openExisting()
            let zone = TimeZone(identifier: try store.deployment().timeZoneIdentifier) ?? .current
            let (start, end) = try Agenda.period(from: from, days: days, in: zone)
            let items = try store.plannedEvents(from: start, to: end)
            if json {
                try Output.json(items)
                return
            }
            let format = Date.FormatStyle(date: .numeric, time: .shortened, timeZone: zone)
            Output.table(["kind", "starts", "ends", "title", "attendance", "organiser"], items.map { item in
                [item.kind.rawValue, item.startsAt.formatted(format), item.endsAt.formatted(format), item.title,
                    item.expectedAttendance.map(String.init) ?? "", item.organiser ?? ""]
            })
            print("\(items.count) item(s) from \(start.formatted(Date.FormatStyle(date: .numeric, time: .omitted, timeZone: zone))) over \(days) day(s)")
        }
    }
}
