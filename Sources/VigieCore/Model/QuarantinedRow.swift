import Foundation

/// An input record that could not be accepted, kept with what a person needs to fix it.
public struct QuarantinedRow: Hashable, Sendable, Codable {
    /// Store identifier.
    public var id: Int64?
    /// The source the record was meant for.
    public var sourceID: Int64
    /// The input file name.
    public var file: String
    /// The record's ordinal in the file (1-based), which identifies it across runs of the same file.
    public var recordNumber: Int
    /// The 1-based line where the record starts.
    public var line: Int
    /// The field at fault (a column name or mapping field), if one.
    public var field: String?
    /// Why it was refused, in words a person can act on.
    public var reason: String
    /// The record as read (decoded leniently when its bytes were not valid text).
    public var rawRecord: String
    /// When it was quarantined.
    public var quarantinedAt: Date

    /// Creates a quarantined row.
    public init(
        id: Int64? = nil, sourceID: Int64, file: String, recordNumber: Int, line: Int, field: String?, reason: String,
        rawRecord: String, quarantinedAt: Date
    ) {
        self.id = id
        self.sourceID = sourceID
        self.file = file
        self.recordNumber = recordNumber
        self.line = line
        self.field = field
        self.reason = reason
        self.rawRecord = rawRecord
        self.quarantinedAt = quarantinedAt
    }
}
