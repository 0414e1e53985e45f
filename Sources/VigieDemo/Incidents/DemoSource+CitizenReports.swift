import VigieCore

extension DemoSource {
    /// Reports residents file through the city's app and website.
    static let citizenReports = DemoSource(
        register: Source(
            name: "citizen-reports", title: "Signalements des habitants",
            owner: "Direction de la relation citoyenne, Ville de Marseille (démo)",
            purpose: "Traiter les signalements des habitants sur l'espace public et leur rendre compte des suites",
            legalRegime: .gdpr, holdsPersonalData: true, retentionDays: 365, isPublic: true),
        perYear: 50_000, trendPerYear: 0.04, kinds: citizenReportKinds, recordsSeconds: true, stream: 3)

    private static let reporting = WeeklyProfile(hours: .reporting, days: WeekPattern.reporting)
    private static let centre: [(Attractor, Double)] = [
        (.noailles, 2), (.canebiere, 1), (.coursJulien, 2), (.gareSaintCharles, 1), (.castellane, 1), (.joliette, 1),
    ]

    private static let citizenReportKinds: [IncidentKind] = [
        IncidentKind(
            "Dépôt sauvage", "street", share: 22, timing: reporting,
            place: PlaceProfile(hotspotShare: 0.25, centre + [(.laCastellane, 1), (.busserine, 1)]),
            season: (0.1, 210)),
        IncidentKind("Encombrants", "street", share: 12, timing: reporting),
        IncidentKind("Nid de poule", "street", share: 8, timing: reporting, season: (0.2, 40), stormFactor: 2),
        IncidentKind("Éclairage public en panne", "street", share: 8, timing: reporting, season: (0.35, 355)),
        IncidentKind(
            "Propreté de la voie", "street", share: 6, timing: reporting,
            place: PlaceProfile(hotspotShare: 0.3, centre)
        ),
        IncidentKind(
            "Tag", "damage", share: 8, timing: reporting,
            place: PlaceProfile(hotspotShare: 0.35, [(.coursJulien, 3), (.noailles, 1), (.castellane, 1)])),
        IncidentKind("Mobilier urbain dégradé", "damage", share: 4, timing: reporting),
        IncidentKind(
            "Bruit de voisinage", "nuisance", share: 10,
            timing: WeeklyProfile(hours: .night, nights: WeekPattern.weekendNights),
            place: PlaceProfile(hotspotShare: 0.2, [(.coursJulien, 2), (.vieuxPort, 1), (.noailles, 1)]),
            season: (0.3, 200), festive: true),
        IncidentKind(
            "Nuisances d'un commerce", "nuisance", share: 2,
            timing: WeeklyProfile(hours: .evening, nights: WeekPattern.weekendNights),
            place: PlaceProfile(hotspotShare: 0.5, [(.coursJulien, 2), (.vieuxPort, 1), (.castellane, 1)]),
            season: (0.25, 200)),
        IncidentKind(
            "Stationnement gênant", "parking", share: 12, timing: reporting,
            place: PlaceProfile(hotspotShare: 0.3, centre + [(.velodrome, 1)])),
        IncidentKind("Véhicule ventouse", "parking", share: 6, timing: reporting),
        IncidentKind(
            "Rodéo urbain", "road-safety", share: 2, timing: WeeklyProfile(hours: .evening),
            place: PlaceProfile(hotspotShare: 0.5, [(.laCastellane, 1), (.flamants, 1), (.busserine, 1), (.felixPyat, 1)]),
            season: (0.4, 200)),
        IncidentKind("Squat", "public-order", share: 1, timing: reporting),
        IncidentKind("Autre", "other", share: 3, timing: reporting),
    ]
}
