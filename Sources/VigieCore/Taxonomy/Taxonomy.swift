/// The set of categories every source is mapped onto.
public struct Taxonomy: Sendable {
    /// Categories in display order.
    public let categories: [Category]
    private let byCode: [CategoryCode: Category]

    /// Creates a taxonomy; codes must be unique.
    public init(categories: [Category]) {
        self.categories = categories
        self.byCode = Dictionary(categories.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The category with this code, if any.
    public func category(_ code: CategoryCode) -> Category? { byCode[code] }

    /// Whether the code belongs to the taxonomy.
    public func contains(_ code: CategoryCode) -> Bool { byCode[code] != nil }

    /// The default unified taxonomy of public tranquillity, about a dozen top-level categories.
    public static let standard = Taxonomy(categories: [
        Category(code: "assault", labelFR: "Atteintes aux personnes", labelEN: "Violence against persons"),
        Category(code: "theft", labelFR: "Vols", labelEN: "Theft"),
        Category(code: "burglary", labelFR: "Cambriolages", labelEN: "Burglary"),
        Category(code: "damage", labelFR: "Dégradations", labelEN: "Criminal damage"),
        Category(code: "drugs", labelFR: "Stupéfiants", labelEN: "Drugs"),
        Category(code: "nuisance", labelFR: "Incivilités et nuisances", labelEN: "Incivilities and nuisance"),
        Category(code: "public-order", labelFR: "Troubles à l'ordre public", labelEN: "Public order"),
        Category(code: "road-safety", labelFR: "Sécurité routière", labelEN: "Road safety"),
        Category(code: "parking", labelFR: "Stationnement", labelEN: "Parking"),
        Category(code: "street", labelFR: "Voirie et propreté", labelEN: "Streets and cleanliness"),
        Category(code: "rescue", labelFR: "Secours", labelEN: "Rescue and emergency"),
        Category(code: "other", labelFR: "Autre", labelEN: "Other"),
    ])
}
