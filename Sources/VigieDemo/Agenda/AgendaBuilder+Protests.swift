import VigieCore

extension AgendaBuilder {
    private static let protests: [(title: String, organiser: String, size: ClosedRange<Int>)] = [
        ("Manifestation intersyndicale", "Intersyndicale des Bouches-du-Rhône", 5_000...25_000),
        ("Marche pour le climat", "Collectif Alternatiba Marseille", 1_000...6_000),
        ("Rassemblement des personnels de l'éducation", "FSU 13", 800...4_000),
        ("Manifestation contre l'habitat indigne", "Collectif du 5 novembre", 1_000...8_000),
        ("Rassemblement des soignants", "Syndicats de l'AP-HM", 500...3_000),
        ("Manifestation des commerçants", "Fédération des commerçants de Marseille", 300...1_500),
        ("Marche contre les violences faites aux femmes", "Collectif Nous Toutes 13", 1_000...5_000),
    ]

    /// Declared protests along the classic routes, and the May Day march every year.
    func protests() -> [AgendaItem] {
        var random = SeededGenerator(seed: seed, stream: 206)
        let routes = [
            AgendaPlace.canebiereRoute, AgendaPlace.canebiereRoute, AgendaPlace.pradoRoute, AgendaPlace.romeRoute,
        ]
        var items: [AgendaItem] = []
        for date in days {
            let isMayDay = date.month == 5 && date.day == 1
            guard isMayDay || ([1, 3, 5].contains(date.weekday) && random.chance(0.23)) else { continue }
            let protest = isMayDay ? AgendaBuilder.protests[0] : random.element(of: AgendaBuilder.protests)
            let attendance = random.integer(in: protest.size)
            let hour = date.weekday == 5 ? 14 : 10
            let title = isMayDay ? "Défilé du 1er mai" : protest.title
            if let item = item(
                "MAN-\(AgendaBuilder.stamp(date))", .protest, title, from: instant(date, hour, 30),
                to: instant(date, hour + 3, 30), at: isMayDay ? AgendaPlace.canebiereRoute : random.element(of: routes),
                attendance: attendance, organiser: protest.organiser,
                means: [
                    (.officers, 10 + attendance / 150), (.vehicles, 4 + attendance / 2000),
                    (.barriers, attendance / 200), (.diversions, 3 + attendance / 4000),
                ],
                using: &random)
            {
                items.append(item)
            }
        }
        return items
    }
}
