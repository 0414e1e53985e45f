import GRDB
import VigieCore

/// A row of the `source` table.
struct SourceRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "source"

    var id: Int64?
    var name: String
    var title: String
    var owner: String
    var purpose: String
    var legalRegime: String
    var holdsPersonalData: Bool
    var retentionDays: Int
    var isPublic: Bool

    enum CodingKeys: String, CodingKey {
        case id, name, title, owner, purpose
        case legalRegime = "legal_regime"
        case holdsPersonalData = "holds_personal_data"
        case retentionDays = "retention_days"
        case isPublic = "is_public"
    }

    enum Columns {
        static let name = Column(CodingKeys.name)
    }

    init(_ source: Source) {
        id = source.id
        name = source.name
        title = source.title
        owner = source.owner
        purpose = source.purpose
        legalRegime = source.legalRegime.rawValue
        holdsPersonalData = source.holdsPersonalData
        retentionDays = source.retentionDays
        isPublic = source.isPublic
    }

    var source: Source {
        Source(
            id: id, name: name, title: title, owner: owner, purpose: purpose,
            legalRegime: LegalRegime(rawValue: legalRegime) ?? .gdpr, holdsPersonalData: holdsPersonalData,
            retentionDays: retentionDays, isPublic: isPublic)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
