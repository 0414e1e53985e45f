import ArgumentParser
import VigieCore

/// `vigie status`: what the store holds.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Summarise the store: sources, incidents, quarantine.")
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let store = try store.openExisting()
        let deployment = try store.deployment()
        print("\(deployment.name) — \(store.path)")
        print("incidents    \(Output.count(try store.incidentCount(sourceID: nil)))")
        print("quarantined  \(Output.count(try store.quarantineCount(sourceID: nil)))")
        print("sources      \(try store.sources().count)")
        let levels = Dictionary(grouping: try store.districts(level: nil), by: \.level)
        for level in levels.keys.sorted() { print("districts    \(level): \(levels[level]!.count)") }
    }
}
