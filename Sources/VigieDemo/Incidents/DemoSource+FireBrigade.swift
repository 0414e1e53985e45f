import VigieCore

extension DemoSource {
    /// Interventions of the Bataillon de marins-pompiers.
    static let fireBrigade = DemoSource(
        register: Source(
            name: "fire-brigade", title: "Interventions du bataillon de marins-pompiers",
            owner: "Bataillon de marins-pompiers de Marseille (démo)",
            purpose: "Connaître les lieux et moments des secours, feux et accidents pour coordonner la prévention",
            legalRegime: .gdpr, holdsPersonalData: false, retentionDays: 1825, isPublic: true),
        perYear: 35_000, trendPerYear: 0.01, kinds: fireBrigadeKinds, recordsSeconds: false, stream: 2)

    private static let fireBrigadeKinds: [IncidentKind] = [
        IncidentKind(
            "SAP - Secours à personne", "rescue", share: 50, timing: WeeklyProfile(hours: .daytime),
            place: PlaceProfile(hotspotShare: 0.1, [(.gareSaintCharles, 1), (.canebiere, 1), (.vieuxPort, 1)]),
            season: (0.08, 15), festive: true),
        IncidentKind(
            "SAP - Malaise sur la voie publique", "rescue", share: 8, timing: WeeklyProfile(hours: .daytime),
            place: PlaceProfile(
                hotspotShare: 0.3, [(.canebiere, 1), (.vieuxPort, 1), (.gareSaintCharles, 1), (.pradoBeaches, 2)]),
            season: (0.15, 200)),
        IncidentKind(
            "AVP - Accident voie publique", "road-safety", share: 11,
            timing: WeeklyProfile(hours: .rushHours, days: WeekPattern.commuting),
            place: PlaceProfile(
                hotspotShare: 0.25, [(.castellane, 2), (.joliette, 1), (.velodrome, 1), (.gareSaintCharles, 1)]),
            stormFactor: 1.4),
        IncidentKind(
            "INC - Feu de poubelle", "damage", share: 8,
            timing: WeeklyProfile(hours: .night, nights: WeekPattern.weekendNights),
            place: PlaceProfile(
                hotspotShare: 0.35,
                [(.laCastellane, 2), (.flamants, 2), (.busserine, 2), (.felixPyat, 2), (.noailles, 1), (.coursJulien, 1)]),
            season: (0.2, 200), festive: true),
        IncidentKind(
            "INC - Feu de véhicule", "damage", share: 4, timing: WeeklyProfile(hours: .night),
            place: PlaceProfile(hotspotShare: 0.35, [(.laCastellane, 1), (.flamants, 1), (.busserine, 1), (.felixPyat, 1)]),
            repeats: true, festive: true),
        IncidentKind(
            "INC - Feu de broussailles", "rescue", share: 4,
            timing: WeeklyProfile(hours: .afternoon),
            place: PlaceProfile(
                hotspotShare: 0.85, [(.etoileHills, 3), (.calanques, 3), (.estaqueHills, 2), (.marseilleveyre, 2)]),
            season: (0.95, 205)),
        IncidentKind(
            "INC - Feu d'appartement", "rescue", share: 3, timing: WeeklyProfile(hours: .evening),
            season: (0.25, 15)),
        IncidentKind("FUITE GAZ", "rescue", share: 2, timing: WeeklyProfile(hours: .daytime), season: (0.2, 15)),
        IncidentKind(
            "INONDATION", "rescue", share: 1.5, timing: WeeklyProfile(hours: .daytime), season: (0.3, 300),
            stormFactor: 14),
        IncidentKind("DIV - Ouverture de porte", "other", share: 3, timing: WeeklyProfile(hours: .daytime)),
        IncidentKind(
            "DIV - Destruction nid d'hyménoptères", "other", share: 1, timing: WeeklyProfile(hours: .afternoon),
            season: (0.9, 190)),
    ]
}
