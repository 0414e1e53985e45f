import VigieCore

extension AgendaBuilder {
    private static let visits: [(title: String, place: GeoPoint)] = [
        ("Visite officielle du Président de la République", AgendaPlace.pharo),
        ("Déplacement du ministre de l'Intérieur", AgendaPlace.prefecture),
        ("Visite d'une délégation ministérielle", AgendaPlace.cityHall),
        ("Sommet méditerranéen au Palais du Pharo", AgendaPlace.pharo),
    ]
    private static let shoots: [(title: String, organiser: String)] = [
        ("Tournage d'une série télévisée", "Phocée Productions"),
        ("Tournage d'un long métrage", "Calanques Films"),
        ("Tournage d'un clip musical", "Studio Massilia"),
        ("Tournage publicitaire", "Agence Vieux-Port Images"),
    ]

    /// An occasional official visit and regular film shoots.
    func visitsAndShoots() -> [AgendaItem] {
        var random = SeededGenerator(seed: seed, stream: 207)
        var items: [AgendaItem] = []
        for date in days where date.weekday < 5 {
            if random.chance(0.012) {
                let visit = random.element(of: AgendaBuilder.visits)
                let visitItem = item(
                    "VISITE-\(AgendaBuilder.stamp(date))", .officialVisit, visit.title, from: instant(date, 9),
                    to: instant(date, 18), at: .rectangle(around: visit.place, width: 300, height: 250),
                    organiser: "Préfecture des Bouches-du-Rhône",
                    means: [
                        (.officers, random.integer(in: 80...200)), (.vehicles, random.integer(in: 15...30)),
                        (.barriers, random.integer(in: 200...500)), (.diversions, random.integer(in: 5...10)),
                    ],
                    using: &random)
                items += [visitItem].compactMap { $0 }
            }
            guard random.chance(0.1) else { continue }
            let shoot = random.element(of: AgendaBuilder.shoots)
            let location = random.element(of: AgendaPlace.filmLocations)
            let shootItem = item(
                "TOURNAGE-\(AgendaBuilder.stamp(date))", .filmShoot, "\(shoot.title) – \(location.name)",
                from: instant(date, 7), to: instant(date.adding(days: random.below(3)), 20),
                at: .rectangle(around: location.point, width: 90, height: 50), organiser: shoot.organiser,
                means: [
                    (.officers, random.integer(in: 1...4)), (.barriers, random.integer(in: 10...40)),
                    (.diversions, random.integer(in: 0...1)),
                ],
                using: &random)
            items += [shootItem].compactMap { $0 }
        }
        return items
    }
}
