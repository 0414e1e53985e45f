import ArgumentParser
import Foundation
import VigieCore
import VigieStore

/// `vigie audit`: the audit log, listed and verified.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The audit log: every read of non-public data and every change, chained by SHA-256.",
        subcommands: [List.self, Verify.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The latest entries, newest first.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Entries listed.") var limit = 50
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let entries = try store.openExisting().auditEntries(limit: limit)
            if json {
                try Output.json(entries)
                return
            }
            Output.table(["#", "at", "actor", "action", "target", "detail"], entries.map { entry in
                [String(entry.sequence), entry.at.formatted(.iso8601), entry.actor, entry.action, entry.target, entry.detail]
            })
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every entry's hash and link; exits with status 1 if any entry was edited or removed.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            switch try store.openExisting().verifyAudit() {
            case .intact(let entries):
                print("the audit log is intact: \(entries) entr\(entries == 1 ? "y" : "ies"), every hash and link checked")
            case .broken(let sequence, let reason):
                Output.note("the audit log is broken at entry \(sequence): \(reason)")
                throw ExitCode(1)
            }
        }
    }
}
