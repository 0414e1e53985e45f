import ArgumentParser
import Foundation
import VigieStore

/// Where the embedded store lives, shared by every command that reads or writes it.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite store file (default: $VIGIE_DB, else ./vigie.sqlite).")
    var db: String?

    /// The path in force.
    var path: String { db ?? ProcessInfo.processInfo.environment["VIGIE_DB"] ?? "vigie.sqlite" }

    /// Opens, creating and migrating if needed, the store.
    func open() throws -> SQLiteStore { try SQLiteStore.open(path: path) }
}
