import VigieCore

/// Synthetic e-mail addresses of residents who report; some report often, about 30 % stay anonymous.
struct ReporterEmails: Sendable {
    private static let firstNames = [
        "camille", "lea", "manon", "ines", "chloe", "sarah", "yasmine", "julie", "emma", "lina", "nadia", "sophie",
        "lucas", "hugo", "karim", "nicolas", "mehdi", "thomas", "julien", "antoine", "sofiane", "paul", "marc",
        "ryan", "louis", "mathieu", "samir", "pierre", "anthony", "kevin",
    ]
    private static let lastNames = [
        "martin", "bernard", "garcia", "martinez", "lopez", "rossi", "benali", "mansouri", "durand", "moreau",
        "fabre", "blanc", "roux", "giraud", "ferrari", "esposito", "haddad", "nguyen", "petit", "fournier",
        "girard", "mercier", "bonnet", "lambert", "faure", "chabert", "bouchard", "amrani", "santini", "colombo",
    ]
    private let regulars: [String]

    /// Builds the pool of frequent reporters.
    init(using random: inout SeededGenerator) {
        var regulars: [String] = []
        for _ in 0..<3000 { regulars.append(ReporterEmails.fresh(using: &random)) }
        self.regulars = regulars
    }

    /// The address of the next report, empty when anonymous.
    func next(using random: inout SeededGenerator) -> String {
        let draw = random.unit()
        if draw < 0.3 { return "" }
        if draw < 0.65 { return regulars[random.below(regulars.count)] }
        return ReporterEmails.fresh(using: &random)
    }

    private static func fresh(using random: inout SeededGenerator) -> String {
        random.element(of: firstNames) + "." + random.element(of: lastNames) + "."
            + String(random.integer(in: 1...999)) + "@example.org"
    }
}
