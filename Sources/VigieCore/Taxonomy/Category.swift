/// A category of the unified taxonomy with its French and English labels.
public struct Category: Hashable, Sendable, Codable {
    /// Stable code.
    public var code: CategoryCode
    /// French label, shown first.
    public var labelFR: String
    /// English label.
    public var labelEN: String

    /// Creates a category.
    public init(code: CategoryCode, labelFR: String, labelEN: String) {
        self.code = code
        self.labelFR = labelFR
        self.labelEN = labelEN
    }
}
