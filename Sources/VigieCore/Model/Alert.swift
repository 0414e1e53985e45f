import Foundation

/// Something unusual that analytics found and a person should look at: stored, listed and acknowledged.
public struct Alert: Hashable, Sendable {
    /// What was found.
    public enum Kind: String, Sendable, CaseIterable {
        /// A day with significantly more incidents than the baseline, in one district and category.
        case excess
        /// A lasting change of a category's weekly level against the year before.
        case levelChange = "level-change"
    }

    /// Store identifier.
    public var id: Int64?
    public var kind: Kind
    /// The day of an excess, or the Monday of the first week of a level change.
    public var day: CivilDate
    /// The district level and code, both `nil` for the whole city.
    public var districtLevel: String?
    public var districtCode: String?
    public var category: CategoryCode
    /// What was seen, and what was expected (for a level change: the mean weekly difference from a year
    /// earlier after the change, and before it).
    public var observed: Double
    public var expected: Double
    /// The p-value of an excess.
    public var p: Double?
    public var detectedAt: Date
    /// Who acknowledged it, when, and what they noted.
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
    public var note: String?

    /// Creates an alert.
    public init(
        id: Int64? = nil, kind: Kind, day: CivilDate, districtLevel: String? = nil, districtCode: String? = nil,
        category: CategoryCode, observed: Double, expected: Double, p: Double? = nil, detectedAt: Date,
        acknowledgedAt: Date? = nil, acknowledgedBy: String? = nil, note: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.day = day
        self.districtLevel = districtLevel
        self.districtCode = districtCode
        self.category = category
        self.observed = observed
        self.expected = expected
        self.p = p
        self.detectedAt = detectedAt
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
        self.note = note
    }
}
