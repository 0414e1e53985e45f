import Foundation
import VigieCore
import VigieIngest
import VigieStore

extension Agenda.Import {
    /// The items of a CSV, NDJSON or GeoJSON file read through an agenda mapping; the mapping's source is
    /// registered from its register block when missing.
    func readMapped(mappingFile: String, store: SQLiteStore) throws -> ImportedAgenda {
        let mapping = try AgendaMapping.load(contentsOf: URL(fileURLWithPath: mappingFile))
        if let source, source != mapping.sourceName {
            throw MappingError(
                file: mapping.fileName, line: nil, key: "source",
                message: "the mapping is for source '\(mapping.sourceName)', not '\(source)'")
        }
        var registered = false
        let entry: Source
        if let existing = try store.source(named: mapping.sourceName) {
            entry = existing
        } else if let described = mapping.register {
            entry = try store.register(described)
            registered = true
        } else {
            throw IngestError.unregisteredSource(name: mapping.sourceName, mappingFile: mapping.fileName)
        }
        let sourceID = entry.id!
        let agenda = try MappedAgendaReader.read(
            URL(fileURLWithPath: file), mapping: mapping, sourceID: sourceID, deployment: try store.deployment())
        return ImportedAgenda(
            source: mapping.sourceName, sourceID: sourceID, registered: registered, events: agenda.events,
            refused: agenda.refused, read: agenda.read)
    }
}
