import ArgumentParser
import Foundation
import VigieVideo
import VigieStore

/// Where the embedded store lives, shared by every command that reads or writes it.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite store file (default: $VIGIE_DB, else ./vigie.sqlite).")
    var db: String?

    /// The path in force.
    var path: String { db ?? ProcessInfo.processInfo.environment["VIGIE_DB"] ?? "vigie.sqlite" }

    /// Opens, creating and migrating if needed, the store.
    func open() throws -> SQLiteStore { try SQLiteStore.open(path: path) }

    /// Where thumbnails and clips cut from cameras' footage are kept: beside the store, so that the server
    /// and `vigie retention apply` purge the same ones.
    var videoMedia: VideoMedia { VideoMedia(besideStore: path) }

    /// Opens a store that must exist already, for commands that only read: a mistyped path is an error,
    /// not a new empty store.
    func openExisting() throws -> SQLiteStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandError("no store at \(path); give --db, set VIGIE_DB, or create one with `vigie ingest` or `vigie demo`")
        }
        return try open()
    }
}
