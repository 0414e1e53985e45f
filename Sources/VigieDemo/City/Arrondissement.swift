import VigieCore

/// One of Marseille's 16 arrondissements as the demo knows it: code, name, population, centre and a few streets.
struct Arrondissement: Sendable {
    /// INSEE code (`13201`).
    let code: String
    /// Official name (`Marseille 1er`).
    let name: String
    /// Inhabitants.
    let population: Int
    /// An approximate centre of its main settlement, the seed of its Voronoi cell. Marseille has eight sector
    /// town halls for sixteen arrondissements, so these are the arrondissements' old village centres or
    /// main squares, near where each arrondissement's services stand, not the halls themselves.
    let centre: GeoPoint
    /// Where most of its inhabitants live, away from hills and massifs.
    let residentialCentre: GeoPoint
    /// How far, as a standard deviation in metres, homes spread around `residentialCentre`.
    let residentialSpread: Double
    /// Real street names of the arrondissement, for addresses and titles.
    let streets: [String]

    private init(
        _ number: Int, _ population: Int, centre: (Double, Double), homes: (Double, Double, spread: Double),
        _ streets: [String]
    ) {
        code = number < 10 ? "1320\(number)" : "132\(number)"
        name = "Marseille \(number)" + (number == 1 ? "er" : "e")
        self.population = population
        self.centre = GeoPoint(latitude: centre.0, longitude: centre.1)
        residentialCentre = GeoPoint(latitude: homes.0, longitude: homes.1)
        residentialSpread = homes.spread
        self.streets = streets
    }

    /// The 16 arrondissements in code order.
    static let all: [Arrondissement] = [
        Arrondissement(
            1, 40_919, centre: (43.2999, 5.3841), homes: (43.2990, 5.3820, spread: 600),
            [
                "La Canebière", "Rue Saint-Ferréol", "Rue d'Aubagne", "Cours Belsunce", "Quai des Belges",
                "Rue Longue des Capucins", "Boulevard d'Athènes", "Rue de la République",
            ]),
        Arrondissement(
            2, 24_904, centre: (43.3060, 5.3660), homes: (43.3050, 5.3680, spread: 700),
            [
                "Rue de la Joliette", "Boulevard des Dames", "Quai du Lazaret", "Rue Caisserie", "Place de Lenche",
                "Avenue Robert Schuman",
            ]),
        Arrondissement(
            3, 48_367, centre: (43.3130, 5.3800), homes: (43.3120, 5.3820, spread: 800),
            [
                "Rue Jobin", "Boulevard National", "Rue de Crimée", "Avenue Camille Pelletan", "Rue Félix Pyat",
            ]),
        Arrondissement(
            4, 48_980, centre: (43.3050, 5.4000), homes: (43.3040, 5.3980, spread: 800),
            [
                "Boulevard de la Libération", "Avenue des Chartreux", "Avenue du Maréchal Foch",
                "Boulevard de la Blancarde", "Place Sébastopol",
            ]),
        Arrondissement(
            5, 44_952, centre: (43.2920, 5.3990), homes: (43.2920, 5.3980, spread: 700),
            [
                "Boulevard Baille", "Rue Saint-Pierre", "Boulevard Chave", "Rue du Camas", "Rue Ferrari",
            ]),
        Arrondissement(
            6, 42_918, centre: (43.2860, 5.3790), homes: (43.2880, 5.3810, spread: 700),
            [
                "Place Castellane", "Rue de Rome", "Cours Julien", "Rue Paradis", "Place Jean-Jaurès", "Rue Breteuil",
            ]),
        Arrondissement(
            7, 35_137, centre: (43.2820, 5.3600), homes: (43.2830, 5.3600, spread: 800),
            [
                "Boulevard Charles Livon", "Rue d'Endoume", "Corniche Président John Fitzgerald Kennedy", "Rue Sainte",
                "Quai de Rive-Neuve", "Rue du Vallon des Auffes",
            ]),
        Arrondissement(
            8, 81_437, centre: (43.2550, 5.3800), homes: (43.2620, 5.3880, spread: 1300),
            [
                "Avenue du Prado", "Avenue de Mazargues", "Promenade Georges Pompidou", "Avenue de la Pointe Rouge",
                "Boulevard Michelet", "Avenue d'Haïfa",
            ]),
        Arrondissement(
            9, 74_091, centre: (43.2470, 5.4040), homes: (43.2550, 5.4150, spread: 1200),
            [
                "Avenue de Hambourg", "Boulevard de Sainte-Marguerite", "Avenue de Luminy", "Route de la Gineste",
                "Boulevard Romain Rolland",
            ]),
        Arrondissement(
            10, 56_174, centre: (43.2780, 5.4150), homes: (43.2800, 5.4150, spread: 1000),
            [
                "Boulevard Jean Moulin", "Boulevard Rabatau", "Avenue de la Capelette", "Boulevard de Saint-Loup",
                "Rue Albe",
            ]),
        Arrondissement(
            11, 57_228, centre: (43.2880, 5.4800), homes: (43.2920, 5.4650, spread: 1300),
            [
                "Avenue de la Valentine", "Boulevard de la Valbarelle", "Traverse de la Millière", "Route des Camoins",
            ]),
        Arrondissement(
            12, 63_296, centre: (43.3120, 5.4450), homes: (43.3100, 5.4350, spread: 1200),
            [
                "Avenue de Saint-Julien", "Boulevard de la Fourragère", "Avenue de Montolivet", "Route des Trois-Lucs",
                "Place Caire",
            ]),
        Arrondissement(
            13, 92_225, centre: (43.3500, 5.4300), homes: (43.3420, 5.4200, spread: 1400),
            [
                "Avenue de Château-Gombert", "Avenue de la Rose", "Avenue de Saint-Jérôme", "Avenue de Malpassé",
            ]),
        Arrondissement(
            14, 66_302, centre: (43.3420, 5.3950), homes: (43.3400, 5.3950, spread: 1000),
            [
                "Chemin de Sainte-Marthe", "Avenue du Merlan", "Boulevard du Capitaine Gèze",
                "Avenue Alexandre Ansaldi",
            ]),
        Arrondissement(
            15, 78_143, centre: (43.3550, 5.3600), homes: (43.3500, 5.3650, spread: 1200),
            [
                "Rue de Lyon", "Avenue de Saint-Antoine", "Boulevard Henri Barnier", "Avenue de Saint-Louis",
            ]),
        Arrondissement(
            16, 16_337, centre: (43.3620, 5.3150), homes: (43.3600, 5.3200, spread: 900),
            [
                "Plage de l'Estaque", "Chemin du Littoral", "Avenue André Roussin", "Rue Le Pelletier",
            ]),
    ]
}
