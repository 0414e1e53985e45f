import GRDB
import VigieCore

extension SQLiteStore: SourceRegistry {
    /// All register entries, ordered by name.
    public func sources() throws -> [Source] {
        try writer.read { db in
            try SourceRecord.order(SourceRecord.Columns.name).fetchAll(db).map(\.source)
        }
    }

    /// The entry with this name, if registered.
    public func source(named name: String) throws -> Source? {
        try writer.read { db in
            try SourceRecord.filter(SourceRecord.Columns.name == name).fetchOne(db)?.source
        }
    }

    /// Adds an entry; fails with `StoreError.sourceAlreadyRegistered` if the name is taken.
    public func register(_ source: Source) throws -> Source {
        try writer.write { db in
            if try SourceRecord.filter(SourceRecord.Columns.name == source.name).fetchCount(db) > 0 {
                throw StoreError.sourceAlreadyRegistered(source.name)
            }
            var record = SourceRecord(source)
            record.id = nil
            try record.insert(db)
            return record.source
        }
    }

    /// Replaces the entry with the same identifier.
    public func update(_ source: Source) throws {
        guard let id = source.id else { throw StoreError.unknownSource(-1) }
        try writer.write { db in
            guard try SourceRecord.fetchOne(db, key: id) != nil else { throw StoreError.unknownSource(id) }
            try SourceRecord(source).update(db)
        }
    }
}
