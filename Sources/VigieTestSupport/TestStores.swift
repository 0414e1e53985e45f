import Foundation
import VigieCore
import VigieIngest
import VigieStore

/// Stores and ingestion set up the way tests need them.
public enum TestStores {
    /// A key for tests only.
    public static let pseudonymiser = Pseudonymiser(secret: Data("vigie-test-key-0123456789abcdef-0123".utf8))

    /// An empty in-memory store.
    public static func empty() throws -> SQLiteStore { try SQLiteStore.inMemory() }

    /// Ingests a file with a mapping file into the store, as `vigie ingest` does.
    public static func ingest(_ file: URL, mapping: URL, into store: SQLiteStore) async throws -> IngestSummary {
        try await Ingestor(store: store, pseudonymiser: pseudonymiser)
            .ingest(file: file, mapping: try Mapping.load(contentsOf: mapping))
    }
}
