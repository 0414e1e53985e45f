/// What an assessment of the agenda follows: the clash rules, the means rule, and the ground an item's
/// place covers. A city starts from the standard ones and adapts them in a rules file.
public struct AgendaRules: Sendable, Hashable {
    public var clashRules: [ClashRule]
    public var means: MeansRule
    /// Metres around an item read for its incident history, its forecast and, after the fact, its incidents.
    public var placeMeters: Double

    public init(clashRules: [ClashRule] = ClashRule.standard, means: MeansRule = .standard, placeMeters: Double = 150) {
        self.clashRules = clashRules
        self.means = means
        self.placeMeters = placeMeters
    }
}
