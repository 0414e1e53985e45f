/// The body that handles a kind of citizen request: in Marseille cleanliness and roads belong to the
/// metropolitan authority, lighting and street furniture to the city, noise and parking to the police.
public enum ResponsibleBody: String, Sendable, Codable, CaseIterable {
    case city
    case metropolis
    case police

    /// The body's name, French then English.
    public var labels: (fr: String, en: String) {
        switch self {
        case .city: ("Ville", "City council")
        case .metropolis: ("Métropole", "Metropolitan authority")
        case .police: ("Police municipale", "Municipal police")
        }
    }
}

/// The six kinds of Open311 attribute values.
public enum ServiceAttributeDatatype: String, Sendable, Codable, CaseIterable {
    case string, number, datetime, text, singlevaluelist, multivaluelist
}

/// A question a service asks beside the location and the description (an Open311 attribute).
public struct ServiceAttribute: Hashable, Sendable {
    /// One allowed answer of a list.
    public struct Value: Hashable, Sendable {
        public var key: String
        public var nameFR: String
        public var nameEN: String
        public init(_ key: String, _ nameFR: String, _ nameEN: String) {
            self.key = key
            self.nameFR = nameFR
            self.nameEN = nameEN
        }
    }

    /// The code used in `attribute[code]`.
    public var code: String
    /// False for a text shown to the citizen and never answered.
    public var variable: Bool
    public var datatype: ServiceAttributeDatatype
    public var required: Bool
    /// The question (or, when not variable, the text shown).
    public var descriptionFR: String
    public var descriptionEN: String
    /// The answers of the two list types, empty otherwise.
    public var values: [Value]

    public init(
        code: String, variable: Bool = true, datatype: ServiceAttributeDatatype, required: Bool = false,
        descriptionFR: String, descriptionEN: String, values: [Value] = []
    ) {
        self.code = code
        self.variable = variable
        self.datatype = datatype
        self.required = required
        self.descriptionFR = descriptionFR
        self.descriptionEN = descriptionEN
        self.values = values
    }
}

/// A kind of problem citizens report, mapped to the taxonomy and to the body that handles it.
public struct CitizenService: Hashable, Sendable {
    /// How the Open311 POST answers: an id at once (`realtime`) or a token resolved later (`batch`).
    public enum Kind: String, Sendable, Codable { case realtime, batch }

    /// The Open311 service code, a string.
    public var code: String
    public var nameFR: String
    public var nameEN: String
    public var descriptionFR: String
    public var descriptionEN: String
    /// The Open311 group (a family of services).
    public var groupFR: String
    public var groupEN: String
    /// Comma-separated search words.
    public var keywords: String
    /// The category the request's incident gets.
    public var category: CategoryCode
    /// Who handles it, until triage routes it elsewhere.
    public var body: ResponsibleBody
    public var kind: Kind
    /// The questions, in the order they are asked.
    public var attributes: [ServiceAttribute]
    /// Whether its requests' place and words may be published (Open311 lists, the nearby reports): not for
    /// problems usually reported at home (bulky waste to collect, noise heard from one's flat), whose public
    /// listing keeps only the service, the status and the dates.
    public var publishesDetails: Bool

    public init(
        code: String, nameFR: String, nameEN: String, descriptionFR: String, descriptionEN: String, groupFR: String,
        groupEN: String, keywords: String, category: CategoryCode, body: ResponsibleBody, kind: Kind = .realtime,
        publishesDetails: Bool = true, attributes: [ServiceAttribute] = []
    ) {
        self.code = code
        self.nameFR = nameFR
        self.nameEN = nameEN
        self.descriptionFR = descriptionFR
        self.descriptionEN = descriptionEN
        self.groupFR = groupFR
        self.groupEN = groupEN
        self.keywords = keywords
        self.category = category
        self.body = body
        self.kind = kind
        self.publishesDetails = publishesDetails
        self.attributes = attributes
    }
}

/// The services a deployment offers its citizens.
public struct CitizenServiceCatalogue: Sendable {
    public let services: [CitizenService]
    private let byCode: [String: CitizenService]

    /// Creates a catalogue; codes must be unique and categories must belong to `taxonomy`.
    public init(services: [CitizenService], taxonomy: Taxonomy = .standard) {
        precondition(Set(services.map(\.code)).count == services.count, "service codes must be unique")
        precondition(services.allSatisfy { taxonomy.contains($0.category) }, "every service maps to the taxonomy")
        self.services = services
        self.byCode = Dictionary(uniqueKeysWithValues: services.map { ($0.code, $0) })
    }

    /// The service with this code, if any.
    public func service(_ code: String) -> CitizenService? { byCode[code] }

    private static let yesNo = [ServiceAttribute.Value("yes", "Oui", "Yes"), .init("no", "Non", "No")]

    /// The standard catalogue: the problems a city's public space most often has, place-based only (never a
    /// person to report).
    public static let standard = CitizenServiceCatalogue(services: [
        CitizenService(
            code: "101", nameFR: "Dépôt sauvage", nameEN: "Illegal dumping",
            descriptionFR: "Déchets ou objets abandonnés sur la voie publique.",
            descriptionEN: "Waste or objects left in the street.", groupFR: "Propreté", groupEN: "Cleanliness",
            keywords: "déchets,ordures,dépôt,waste,dumping", category: "street", body: .metropolis,
            attributes: [
                .init(code: "volume", datatype: .singlevaluelist, required: true, descriptionFR: "Volume", descriptionEN: "Volume",
                      values: [.init("small", "Un sac ou deux", "A bag or two"), .init("medium", "Un coffre de voiture", "A car boot"),
                               .init("large", "Plus d'un mètre cube", "More than a cubic metre")]),
                .init(code: "waste", datatype: .multivaluelist, descriptionFR: "Nature des déchets", descriptionEN: "Kind of waste",
                      values: [.init("furniture", "Meubles", "Furniture"), .init("rubble", "Gravats", "Rubble"),
                               .init("household", "Ordures ménagères", "Household waste"), .init("green", "Déchets verts", "Garden waste"),
                               .init("appliances", "Électroménager", "Appliances"), .init("other", "Autre", "Other")]),
                .init(code: "noticed", datatype: .datetime, descriptionFR: "Constaté le", descriptionEN: "Noticed on"),
            ]),
        CitizenService(
            code: "102", nameFR: "Tag ou graffiti", nameEN: "Tag or graffiti",
            descriptionFR: "Inscription ou dessin sur un mur, un bâtiment ou du mobilier.",
            descriptionEN: "Writing or drawing on a wall, building or street furniture.", groupFR: "Propreté",
            groupEN: "Cleanliness", keywords: "tag,graffiti,inscription", category: "damage", body: .city,
            attributes: [
                .init(code: "surface", datatype: .singlevaluelist, required: true, descriptionFR: "Support", descriptionEN: "Surface",
                      values: [.init("facade", "Façade privée", "Private façade"), .init("public-building", "Bâtiment public", "Public building"),
                               .init("street-furniture", "Mobilier urbain", "Street furniture"), .init("other", "Autre", "Other")]),
                .init(code: "area", datatype: .number, descriptionFR: "Surface approximative (m²)", descriptionEN: "Approximate area (m²)"),
                .init(code: "offensive", datatype: .singlevaluelist, descriptionFR: "Contenu injurieux", descriptionEN: "Offensive content",
                      values: yesNo),
            ]),
        CitizenService(
            code: "103", nameFR: "Éclairage public en panne", nameEN: "Street light out",
            descriptionFR: "Lampadaire éteint, clignotant ou allumé de jour.",
            descriptionEN: "A street light out, flickering or on by day.", groupFR: "Éclairage", groupEN: "Lighting",
            keywords: "lampadaire,éclairage,lumière,light,lamp", category: "street", body: .city,
            attributes: [
                .init(code: "pole", datatype: .string, descriptionFR: "Numéro inscrit sur le poteau", descriptionEN: "Number on the pole"),
                .init(code: "lamps", datatype: .number, descriptionFR: "Nombre de lampadaires éteints", descriptionEN: "Lights out"),
            ]),
        CitizenService(
            code: "104", nameFR: "Chaussée ou trottoir dégradé", nameEN: "Damaged road or pavement",
            descriptionFR: "Nid-de-poule, trou, dalle descellée, affaissement.",
            descriptionEN: "Pothole, hole, loose slab, subsidence.", groupFR: "Voirie", groupEN: "Roads",
            keywords: "nid-de-poule,trou,chaussée,trottoir,pothole", category: "street", body: .metropolis,
            attributes: [
                .init(code: "where", datatype: .singlevaluelist, required: true, descriptionFR: "Où", descriptionEN: "Where",
                      values: [.init("roadway", "Chaussée", "Roadway"), .init("pavement", "Trottoir", "Pavement"),
                               .init("cycle-lane", "Piste cyclable", "Cycle lane")]),
                .init(code: "width", datatype: .number, descriptionFR: "Largeur approximative (cm)", descriptionEN: "Approximate width (cm)"),
            ]),
        CitizenService(
            code: "105", nameFR: "Nuisance sonore", nameEN: "Noise nuisance",
            descriptionFR: "Bruit répété ou excessif dans l'espace public.",
            descriptionEN: "Repeated or excessive noise in the public space.", groupFR: "Tranquillité",
            groupEN: "Tranquillity", keywords: "bruit,tapage,musique,noise", category: "nuisance", body: .police,
            publishesDetails: false,
            attributes: [
                .init(code: "notice", variable: false, datatype: .string,
                      descriptionFR: "En cas d'urgence, appelez le 17 : ce signalement n'est pas traité en direct.",
                      descriptionEN: "In an emergency call 17: this report is not handled live."),
                .init(code: "kind", datatype: .singlevaluelist, required: true, descriptionFR: "Origine du bruit", descriptionEN: "Source of the noise",
                      values: [.init("music", "Musique", "Music"), .init("works", "Travaux", "Works"),
                               .init("vehicles", "Véhicules", "Vehicles"), .init("establishment", "Établissement", "Premises"),
                               .init("other", "Autre", "Other")]),
                .init(code: "started", datatype: .datetime, descriptionFR: "Depuis", descriptionEN: "Since"),
            ]),
        CitizenService(
            code: "106", nameFR: "Stationnement gênant", nameEN: "Obstructive parking",
            descriptionFR: "Véhicule qui bloque un passage, un accès ou une place réservée.",
            descriptionEN: "A vehicle blocking a way, an entrance or a reserved space.", groupFR: "Stationnement",
            groupEN: "Parking", keywords: "stationnement,voiture,parking", category: "parking", body: .police,
            attributes: [
                .init(code: "blocking", datatype: .multivaluelist, required: true, descriptionFR: "Ce qui est bloqué", descriptionEN: "What is blocked",
                      values: [.init("pavement", "Trottoir", "Pavement"), .init("driveway", "Entrée de garage", "Driveway"),
                               .init("crossing", "Passage piéton", "Pedestrian crossing"),
                               .init("disabled-space", "Place handicapé", "Disabled space"), .init("bus-lane", "Voie de bus", "Bus lane"),
                               .init("cycle-lane", "Piste cyclable", "Cycle lane")]),
            ]),
        CitizenService(
            code: "107", nameFR: "Véhicule ventouse ou épave", nameEN: "Abandoned vehicle",
            descriptionFR: "Véhicule immobile depuis longtemps ou hors d'usage.",
            descriptionEN: "A vehicle unmoved for a long time, or a wreck.", groupFR: "Stationnement", groupEN: "Parking",
            keywords: "épave,ventouse,abandon,wreck", category: "parking", body: .police,
            attributes: [
                .init(code: "days", datatype: .number, descriptionFR: "Depuis combien de jours", descriptionEN: "For how many days"),
            ]),
        CitizenService(
            code: "108", nameFR: "Mobilier urbain dégradé", nameEN: "Damaged street furniture",
            descriptionFR: "Banc, corbeille, abribus, panneau ou jeu cassé.",
            descriptionEN: "A broken bench, bin, bus shelter, sign or playground.", groupFR: "Voirie", groupEN: "Roads",
            keywords: "banc,abribus,panneau,mobilier,bench", category: "damage", body: .city,
            attributes: [
                .init(code: "item", datatype: .singlevaluelist, required: true, descriptionFR: "Équipement", descriptionEN: "Item",
                      values: [.init("bench", "Banc", "Bench"), .init("bin", "Corbeille", "Bin"), .init("bus-shelter", "Abribus", "Bus shelter"),
                               .init("sign", "Panneau", "Sign"), .init("playground", "Aire de jeux", "Playground"), .init("other", "Autre", "Other")]),
            ]),
        CitizenService(
            code: "109", nameFR: "Encombrants à enlever", nameEN: "Bulky waste pickup",
            descriptionFR: "Demande d'enlèvement d'encombrants, traitée par lots.",
            descriptionEN: "A request to collect bulky items, handled in batches.", groupFR: "Propreté",
            groupEN: "Cleanliness", keywords: "encombrants,enlèvement,bulky", category: "street", body: .metropolis, kind: .batch,
            publishesDetails: false,
            attributes: [
                .init(code: "items", datatype: .string, required: true, descriptionFR: "Objets à enlever", descriptionEN: "Items to collect"),
                .init(code: "access", datatype: .text, descriptionFR: "Accès (étage, code, horaires)", descriptionEN: "Access (floor, code, hours)"),
            ]),
        CitizenService(
            code: "110", nameFR: "Autre problème", nameEN: "Other problem",
            descriptionFR: "Un problème de l'espace public qui n'entre dans aucune autre rubrique.",
            descriptionEN: "A public-space problem that fits no other heading.", groupFR: "Divers", groupEN: "Other",
            keywords: "autre,other", category: "other", body: .city,
            attributes: [
                .init(code: "details", datatype: .text, descriptionFR: "Précisions", descriptionEN: "Details"),
            ]),
    ])
}
