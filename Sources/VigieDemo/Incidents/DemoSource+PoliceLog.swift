import VigieCore

extension DemoSource {
    /// The main log of the police municipale.
    static let policeLog = DemoSource(
        register: Source(
            name: "municipal-police-log", title: "Main courante de la police municipale",
            owner: "Police municipale de Marseille (démo)",
            purpose: "Suivre les interventions de la police municipale et orienter la présence sur la voie publique",
            legalRegime: .policeJustice, holdsPersonalData: false, retentionDays: 1825, isPublic: true),
        perYear: 150_000, trendPerYear: 0.01, kinds: policeLogKinds, recordsSeconds: false, stream: 1)

    private static let centre: [(Attractor, Double)] = [
        (.gareSaintCharles, 2), (.vieuxPort, 2), (.canebiere, 2), (.noailles, 1), (.castellane, 1), (.joliette, 1),
    ]
    private static let nightlife: [(Attractor, Double)] = [
        (.coursJulien, 3), (.vieuxPort, 3), (.canebiere, 1), (.noailles, 1), (.castellane, 1), (.pradoBeaches, 1.5),
    ]
    private static let estates: [(Attractor, Double)] = [
        (.laCastellane, 3), (.flamants, 3), (.busserine, 3), (.felixPyat, 3),
    ]
    private static let traffic: [(Attractor, Double)] = [
        (.castellane, 2), (.canebiere, 1), (.joliette, 1), (.gareSaintCharles, 1), (.velodrome, 1),
    ]

    private static let policeLogKinds: [IncidentKind] = [
        IncidentKind(
            "TAPAGE NOCTURNE", "nuisance", share: 8,
            timing: WeeklyProfile(hours: .night, nights: WeekPattern.weekendNights),
            place: PlaceProfile(hotspotShare: 0.35, nightlife), season: (0.3, 200), festive: true),
        IncidentKind(
            "NUISANCE SONORE ÉTABLISSEMENT", "nuisance", share: 2,
            timing: WeeklyProfile(hours: .night, nights: WeekPattern.weekendNights),
            place: PlaceProfile(hotspotShare: 0.6, nightlife), season: (0.3, 200), festive: true),
        IncidentKind(
            "RASSEMBLEMENT GENANT", "nuisance", share: 5,
            timing: WeeklyProfile(hours: .evening, nights: WeekPattern.weekendNights),
            place: PlaceProfile(hotspotShare: 0.4, centre + [(.pradoBeaches, 1)]), season: (0.2, 200)),
        IncidentKind(
            "REGROUPEMENT HALL IMMEUBLE", "nuisance", share: 4, timing: WeeklyProfile(hours: .evening),
            place: PlaceProfile(hotspotShare: 0.6, estates)),
        IncidentKind(
            "DIFFEREND DE VOISINAGE", "nuisance", share: 4, timing: WeeklyProfile(hours: .evening), season: (0.1, 200)),
        IncidentKind(
            "IVRESSE PUBLIQUE", "public-order", share: 5,
            timing: WeeklyProfile(hours: .night, nights: WeekPattern.weekendNights),
            place: PlaceProfile(hotspotShare: 0.5, nightlife + [(.gareSaintCharles, 1)]), festive: true,
            crowdRate: 0.1),
        IncidentKind(
            "TROUBLE A L'ORDRE PUBLIC", "public-order", share: 2,
            timing: WeeklyProfile(hours: .evening, nights: WeekPattern.weekendNights),
            place: PlaceProfile(hotspotShare: 0.4, centre), festive: true, crowdRate: 0.06),
        IncidentKind(
            "VENTE A LA SAUVETTE", "public-order", share: 3,
            timing: WeeklyProfile(hours: .afternoon, days: WeekPattern.shopping),
            place: PlaceProfile(
                hotspotShare: 0.8, [(.gareSaintCharles, 2), (.noailles, 3), (.canebiere, 2), (.vieuxPort, 1)])),
        IncidentKind(
            "OCCUPATION ILLICITE DU DOMAINE PUBLIC", "public-order", share: 2, timing: WeeklyProfile(hours: .daytime),
            place: PlaceProfile(hotspotShare: 0.3, [(.noailles, 1), (.canebiere, 1), (.coursJulien, 1)])),
        IncidentKind(
            "RIXE", "assault", share: 4, timing: WeeklyProfile(hours: .night, nights: WeekPattern.weekendNights),
            place: PlaceProfile(hotspotShare: 0.5, nightlife), season: (0.15, 200), festive: true, crowdRate: 0.05),
        IncidentKind(
            "VIOLENCES VOLONTAIRES", "assault", share: 3,
            timing: WeeklyProfile(hours: .evening, nights: WeekPattern.weekendNights),
            place: PlaceProfile(hotspotShare: 0.3, centre + estates), festive: true),
        IncidentKind(
            "VOL A LA TIRE", "theft", share: 7, timing: WeeklyProfile(hours: .afternoon, days: WeekPattern.shopping),
            place: PlaceProfile(
                hotspotShare: 0.7,
                [
                    (.gareSaintCharles, 3), (.vieuxPort, 3), (.canebiere, 3), (.noailles, 2), (.joliette, 1),
                    (.castellane, 1),
                ]),
            season: (0.15, 200)),
        IncidentKind(
            "VOL A L'ARRACHE", "theft", share: 4, timing: WeeklyProfile(hours: .afternoon, days: WeekPattern.shopping),
            place: PlaceProfile(hotspotShare: 0.55, centre + [(.laCastellane, 0.5)])),
        IncidentKind(
            "VOL A L'ETALAGE", "theft", share: 2,
            timing: WeeklyProfile(hours: .afternoon, days: [1, 1, 1, 1, 1.1, 1.3, 0.4]),
            place: PlaceProfile(hotspotShare: 0.5, [(.joliette, 2), (.canebiere, 2), (.castellane, 1)])),
        IncidentKind(
            "VOL DANS VEHICULE", "theft", share: 4, timing: WeeklyProfile(hours: .night),
            place: PlaceProfile(hotspotShare: 0.2, [(.pradoBeaches, 2), (.velodrome, 1), (.joliette, 1)]), repeats: true
        ),
        IncidentKind("VOL DE VEHICULE", "theft", share: 2, timing: WeeklyProfile(hours: .night)),
        IncidentKind(
            "CAMBRIOLAGE LOGEMENT", "burglary", share: 5,
            timing: WeeklyProfile(hours: .workingHours, days: WeekPattern.workingDays), season: (0.15, 15),
            trendPerYear: -0.03, repeats: true),
        IncidentKind(
            "CAMBRIOLAGE LOCAL COMMERCIAL", "burglary", share: 1.5, timing: WeeklyProfile(hours: .night),
            place: PlaceProfile(hotspotShare: 0.3, [(.canebiere, 1), (.castellane, 1), (.joliette, 1)]),
            season: (0.1, 15), trendPerYear: -0.03, repeats: true),
        IncidentKind(
            "DEGRADATION VEHICULE", "damage", share: 5,
            timing: WeeklyProfile(hours: .night, nights: WeekPattern.weekendNights),
            place: PlaceProfile(hotspotShare: 0.1, estates), repeats: true, festive: true),
        IncidentKind(
            "DÉGRADATION MOBILIER URBAIN", "damage", share: 2.5,
            timing: WeeklyProfile(hours: .night, nights: WeekPattern.weekendNights),
            place: PlaceProfile(hotspotShare: 0.3, nightlife), festive: true),
        IncidentKind(
            "TAG / GRAFFITI", "damage", share: 3, timing: WeeklyProfile(hours: .night),
            place: PlaceProfile(hotspotShare: 0.3, [(.coursJulien, 3), (.noailles, 1), (.gareSaintCharles, 1)])),
        IncidentKind(
            "TRAFIC STUPEFIANTS", "drugs", share: 5, timing: WeeklyProfile(hours: .dealing),
            place: PlaceProfile(
                hotspotShare: 0.75, estates + [(.noailles, 1), (.gareSaintCharles, 0.5), (.coursJulien, 0.5)])),
        IncidentKind(
            "USAGE DE STUPEFIANTS", "drugs", share: 3, timing: WeeklyProfile(hours: .evening),
            place: PlaceProfile(hotspotShare: 0.5, [(.coursJulien, 2), (.vieuxPort, 1)] + estates)),
        IncidentKind(
            "ACCIDENT MATERIEL", "road-safety", share: 5,
            timing: WeeklyProfile(hours: .rushHours, days: WeekPattern.commuting),
            place: PlaceProfile(hotspotShare: 0.3, traffic)),
        IncidentKind(
            "ACCIDENT CORPOREL", "road-safety", share: 1.5,
            timing: WeeklyProfile(hours: .rushHours, days: WeekPattern.commuting),
            place: PlaceProfile(hotspotShare: 0.2, traffic)),
        IncidentKind(
            "RODEO URBAIN", "road-safety", share: 2,
            timing: WeeklyProfile(hours: .evening, days: [1, 1, 1, 1, 1.2, 1.4, 1.4]),
            place: PlaceProfile(hotspotShare: 0.6, estates), season: (0.4, 200)),
        IncidentKind(
            "STATIONNEMENT ABUSIF", "parking", share: 3,
            timing: WeeklyProfile(hours: .daytime, days: WeekPattern.workingDays),
            place: PlaceProfile(hotspotShare: 0.3, centre), crowdRate: 0.03),
        IncidentKind("DÉPÔT SAUVAGE", "street", share: 2.5, timing: WeeklyProfile(hours: .daytime)),
        IncidentKind("ANIMAL ERRANT", "other", share: 1, timing: WeeklyProfile(hours: .daytime)),
        IncidentKind(
            "INDIVIDU SUSPECT", "other", share: 2, timing: WeeklyProfile(hours: .evening),
            place: PlaceProfile(hotspotShare: 0.2, centre)),
        IncidentKind(
            "ASSISTANCE A PERSONNE", "rescue", share: 3, timing: WeeklyProfile(hours: .daytime),
            place: PlaceProfile(hotspotShare: 0.2, centre), season: (0.1, 200)),
        IncidentKind(
            "ALARME INTEMPESTIVE", "nuisance", share: 1.5, timing: WeeklyProfile(hours: .night),
            place: PlaceProfile(hotspotShare: 0.2, centre)),
    ]
}
