import VigieCore

extension DemoSource {
    /// Electronic tickets written by municipal police officers.
    static let electronicTickets = DemoSource(
        register: Source(
            name: "electronic-tickets", title: "Procès-verbaux électroniques de la police municipale",
            owner: "Police municipale de Marseille (démo)",
            purpose: "Mesurer où et quand les infractions au stationnement et à la circulation sont relevées",
            legalRegime: .policeJustice, holdsPersonalData: true, retentionDays: 365, isPublic: false),
        perYear: 70_000, trendPerYear: 0.02, kinds: electronicTicketKinds, recordsSeconds: true, stream: 4)

    private static let patrols = WeeklyProfile(hours: .patrolHours, days: WeekPattern.enforcement)
    private static let streets: [(Attractor, Double)] = [
        (.canebiere, 2), (.vieuxPort, 2), (.castellane, 2), (.joliette, 2), (.noailles, 1), (.coursJulien, 2),
        (.gareSaintCharles, 1), (.pradoBeaches, 1.5),
    ]
    // Officers go on holiday too: fewest tickets in mid-August.
    private static let august = (-0.12, 226)

    private static let electronicTicketKinds: [IncidentKind] = [
        IncidentKind(
            "STATIONNEMENT GENANT", "parking", share: 35, timing: patrols,
            place: PlaceProfile(hotspotShare: 0.7, streets), season: august, crowdRate: 0.2),
        IncidentKind(
            "STATIONNEMENT TRES GENANT", "parking", share: 20, timing: patrols,
            place: PlaceProfile(hotspotShare: 0.7, streets), season: august, crowdRate: 0.3),
        IncidentKind(
            "STATIONNEMENT SUR PASSAGE PIETONS", "parking", share: 10, timing: patrols,
            place: PlaceProfile(hotspotShare: 0.6, streets), season: august),
        IncidentKind(
            "STATIONNEMENT EN DOUBLE FILE", "parking", share: 10, timing: patrols,
            place: PlaceProfile(hotspotShare: 0.7, streets), season: august),
        IncidentKind(
            "STATIONNEMENT SUR EMPLACEMENT PMR", "parking", share: 5, timing: patrols,
            place: PlaceProfile(hotspotShare: 0.5, streets), season: august),
        IncidentKind(
            "ARRET SUR VOIE BUS", "parking", share: 6, timing: patrols,
            place: PlaceProfile(hotspotShare: 0.6, streets), season: august),
        IncidentKind(
            "CIRCULATION EN SENS INTERDIT", "road-safety", share: 4, timing: patrols,
            place: PlaceProfile(hotspotShare: 0.4, streets)),
        IncidentKind(
            "FEU ROUGE", "road-safety", share: 3, timing: patrols,
            place: PlaceProfile(hotspotShare: 0.4, streets)),
        IncidentKind(
            "TELEPHONE AU VOLANT", "road-safety", share: 4, timing: patrols,
            place: PlaceProfile(hotspotShare: 0.4, streets)),
        IncidentKind(
            "DEFAUT DE PORT DE LA CEINTURE", "road-safety", share: 2, timing: patrols,
            place: PlaceProfile(hotspotShare: 0.3, streets)),
        IncidentKind(
            "CIRCULATION SUR VOIE BUS", "road-safety", share: 1, timing: patrols,
            place: PlaceProfile(hotspotShare: 0.4, streets)),
    ]
}
