/// The register of sources: every source Vigie holds data from has an entry here.
public protocol SourceRegistry: Sendable {
    /// All entries, ordered by name.
    func sources() throws -> [Source]
    /// The entry with this name, if registered.
    func source(named name: String) throws -> Source?
    /// Adds an entry and returns it with its identifier; fails if the name is taken.
    func register(_ source: Source) throws -> Source
    /// Replaces the entry with the same identifier.
    func update(_ source: Source) throws
}
