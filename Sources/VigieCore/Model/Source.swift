/// A data source's entry in the register of processing: who owns it, why it is processed and for how long.
///
/// Nothing is ingested into a source that has no register entry.
public struct Source: Hashable, Sendable, Codable {
    /// Store identifier, `nil` until the entry is saved.
    public var id: Int64?
    /// Stable machine name used on the command line and in mapping files (`municipal-police-log`).
    public var name: String
    /// Human title.
    public var title: String
    /// The body responsible for the data.
    public var owner: String
    /// Why the data is processed.
    public var purpose: String
    /// The legal frame of the processing.
    public var legalRegime: LegalRegime
    /// Whether the records hold personal data (before pseudonymisation).
    public var holdsPersonalData: Bool
    /// How long records are kept, counted from the time they describe.
    public var retentionDays: Int
    /// Whether aggregates of this source may appear in public outputs.
    public var isPublic: Bool

    /// Creates a register entry.
    public init(
        id: Int64? = nil, name: String, title: String, owner: String, purpose: String,
        legalRegime: LegalRegime, holdsPersonalData: Bool, retentionDays: Int, isPublic: Bool
    ) {
        self.id = id
        self.name = name
        self.title = title
        self.owner = owner
        self.purpose = purpose
        self.legalRegime = legalRegime
        self.holdsPersonalData = holdsPersonalData
        self.retentionDays = retentionDays
        self.isPublic = isPublic
    }
}

extension Source {
    /// Checks the entry's fields, returning one message per problem.
    public func problems() -> [String] {
        var problems: [String] = []
        if !Source.isValidName(name) {
            problems.append("name '\(name)' must be 1-64 characters of lowercase letters, digits and '-'")
        }
        if title.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("title is empty") }
        if owner.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("owner is empty") }
        if purpose.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("purpose is empty") }
        if retentionDays < 1 { problems.append("retention must be at least 1 day, got \(retentionDays)") }
        return problems
    }

    /// Whether a string can be a source name: lowercase ASCII letters, digits and dashes.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64
            && name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }
}
