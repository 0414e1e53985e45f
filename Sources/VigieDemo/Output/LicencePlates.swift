import VigieCore

/// Synthetic French registration plates (`AB-123-CD`); a share of them comes back, as some cars often do.
struct LicencePlates: Sendable {
    private static let letters = Array("ABCDEFGHJKLMNPQRSTVWXYZ")
    private let regulars: [String]

    /// Builds the pool of cars ticketed again and again.
    init(using random: inout SeededGenerator) {
        var regulars: [String] = []
        for _ in 0..<2000 { regulars.append(LicencePlates.fresh(using: &random)) }
        self.regulars = regulars
    }

    /// The plate of the next ticket.
    func next(using random: inout SeededGenerator) -> String {
        random.chance(0.2) ? regulars[random.below(regulars.count)] : LicencePlates.fresh(using: &random)
    }

    private static func fresh(using random: inout SeededGenerator) -> String {
        var plate = String(random.element(of: letters)) + String(random.element(of: letters)) + "-"
        let number = random.integer(in: 1...999)
        plate += (number < 10 ? "00" : number < 100 ? "0" : "") + String(number) + "-"
        return plate + String(random.element(of: letters)) + String(random.element(of: letters))
    }
}
