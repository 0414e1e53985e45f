import VigieCore

/// The places of the demo agenda.
enum AgendaPlace {
    /// The Stade Vélodrome.
    static let velodrome = GeoPoint(latitude: 43.2698, longitude: 5.3959)
    /// The Quai des Belges at the end of the Vieux-Port.
    static let vieuxPort = GeoPoint(latitude: 43.2953, longitude: 5.3748)
    /// Place Jean-Jaurès, La Plaine.
    static let laPlaine = GeoPoint(latitude: 43.2936, longitude: 5.3838)
    /// The Capucins market, Noailles.
    static let noailles = GeoPoint(latitude: 43.2966, longitude: 5.3794)
    /// Place Castellane.
    static let castellane = GeoPoint(latitude: 43.2861, longitude: 5.3835)
    /// Avenue du Prado at Périer.
    static let perier = GeoPoint(latitude: 43.2790, longitude: 5.3873)
    /// Le Dôme concert hall.
    static let dome = GeoPoint(latitude: 43.3098, longitude: 5.3962)
    /// Parc Chanot exhibition grounds.
    static let parcChanot = GeoPoint(latitude: 43.2727, longitude: 5.3908)
    /// Parc Borély.
    static let parcBorely = GeoPoint(latitude: 43.2590, longitude: 5.3820)
    /// The Prado beaches.
    static let pradoBeaches = GeoPoint(latitude: 43.2600, longitude: 5.3760)
    /// Palais Longchamp.
    static let longchamp = GeoPoint(latitude: 43.3048, longitude: 5.3945)
    /// Dock des Suds.
    static let dockDesSuds = GeoPoint(latitude: 43.3160, longitude: 5.3680)
    /// Cathédrale de la Major esplanade, La Joliette.
    static let joliette = GeoPoint(latitude: 43.2990, longitude: 5.3650)
    /// Préfecture des Bouches-du-Rhône.
    static let prefecture = GeoPoint(latitude: 43.2893, longitude: 5.3806)
    /// Palais du Pharo.
    static let pharo = GeoPoint(latitude: 43.2920, longitude: 5.3610)
    /// Hôtel de Ville, on the Vieux-Port's north quay.
    static let cityHall = GeoPoint(latitude: 43.2966, longitude: 5.3697)

    /// Where film crews like to shoot.
    static let filmLocations: [(name: String, point: GeoPoint)] = [
        ("Le Panier", GeoPoint(latitude: 43.2990, longitude: 5.3680)),
        ("Vallon des Auffes", GeoPoint(latitude: 43.2853, longitude: 5.3510)),
        ("Cours Julien", GeoPoint(latitude: 43.2936, longitude: 5.3838)),
        ("Noailles", GeoPoint(latitude: 43.2966, longitude: 5.3794)),
        ("Corniche Kennedy", GeoPoint(latitude: 43.2820, longitude: 5.3530)),
        ("Malmousque", GeoPoint(latitude: 43.2800, longitude: 5.3490)),
        ("Belle de Mai", GeoPoint(latitude: 43.3100, longitude: 5.3900)),
        ("Notre-Dame de la Garde", GeoPoint(latitude: 43.2840, longitude: 5.3713)),
    ]

    /// Vieux-Port → La Canebière → Porte d'Aix.
    static let canebiereRoute = EventGeometry.route([
        (43.2951, 5.3740), (43.2972, 5.3780), (43.2985, 5.3830), (43.3003, 5.3795), (43.3006, 5.3733),
    ])
    /// Castellane → Avenue du Prado → Rond-point du Prado.
    static let pradoRoute = EventGeometry.route([
        (43.2861, 5.3835), (43.2830, 5.3850), (43.2790, 5.3873), (43.2760, 5.3890), (43.2725, 5.3918),
    ])
    /// Préfecture → Rue de Rome → Vieux-Port.
    static let romeRoute = EventGeometry.route([(43.2893, 5.3806), (43.2920, 5.3790), (43.2951, 5.3740)])
    /// The Run in Marseille course: Vélodrome → Prado → Corniche → Vieux-Port.
    static let raceRoute = EventGeometry.route([
        (43.2698, 5.3959), (43.2725, 5.3918), (43.2640, 5.3790), (43.2700, 5.3640), (43.2790, 5.3530),
        (43.2880, 5.3560), (43.2935, 5.3700), (43.2951, 5.3740),
    ])
}
