import ArgumentParser
import Foundation
import VigieCore

/// `vigie quarantine`: the records that could not be accepted.
struct Quarantine: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show quarantined records.", subcommands: [List.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List quarantined records, newest first.")

        @Option(help: "Only this source.")
        var source: String?

        @Option(help: "At most this many rows.")
        var limit = 100

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let store = try store.openExisting()
            var sourceID: Int64?
            if let source {
                guard let entry = try store.source(named: source) else {
                    throw CommandError("no source named '\(source)'; `vigie sources list` shows the register")
                }
                sourceID = entry.id
            }
            let rows = try store.quarantinedRows(sourceID: sourceID, limit: limit)
            let total = try store.quarantineCount(sourceID: sourceID)
            if json {
                try Output.json(rows)
                return
            }
            let names = Dictionary(uniqueKeysWithValues: try store.sources().map { ($0.id!, $0.name) })
            Output.table(
                ["source", "file:line", "field", "reason"],
                rows.map { row in
                    [names[row.sourceID] ?? "?", "\(row.file):\(row.line)", row.field ?? "-", row.reason]
                })
            print("\(Output.count(total)) quarantined row(s)" + (total > rows.count ? ", \(rows.count) shown" : ""))
        }
    }
}
