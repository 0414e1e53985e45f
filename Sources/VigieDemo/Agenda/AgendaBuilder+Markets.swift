import VigieCore

extension AgendaBuilder {
    private struct Market {
        let slug: String
        let title: String
        let weekdays: Set<Int>
        let hours: (from: Int, to: Int)
        let geometry: EventGeometry
        let means: [(Measure.Kind, Int)]
    }

    private static let markets: [Market] = [
        Market(
            slug: "NOAILLES", title: "Marché des Capucins (Noailles)", weekdays: [0, 1, 2, 3, 4, 5], hours: (7, 13),
            geometry: .rectangle(around: AgendaPlace.noailles, width: 110, height: 60),
            means: [(.officers, 2), (.vehicles, 1)]),
        Market(
            slug: "PLAINE", title: "Marché de la Plaine", weekdays: [1, 3, 5], hours: (7, 14),
            geometry: .rectangle(around: AgendaPlace.laPlaine, width: 240, height: 120),
            means: [(.officers, 3), (.vehicles, 1), (.barriers, 20)]),
        Market(
            slug: "PRADO", title: "Marché du Prado", weekdays: [0, 1, 2, 3, 4, 5], hours: (7, 13),
            geometry: .strip(from: AgendaPlace.castellane, to: AgendaPlace.perier, width: 30),
            means: [(.officers, 3), (.vehicles, 1), (.barriers, 30), (.diversions, 1)]),
        Market(
            slug: "POISSONS", title: "Marché aux poissons du Vieux-Port", weekdays: [0, 1, 2, 3, 4, 5, 6],
            hours: (8, 13),
            geometry: .rectangle(around: AgendaPlace.vieuxPort, width: 60, height: 30), means: [(.officers, 1)]),
    ]

    /// Weekly street markets, except on 1 January, 1 May and 25 December.
    func markets() -> [AgendaItem] {
        var random = SeededGenerator(seed: seed, stream: 201)
        let closed = [(1, 1), (5, 1), (12, 25)]
        return days.flatMap { date -> [AgendaItem] in
            guard !closed.contains(where: { $0 == (date.month, date.day) }) else { return [] }
            return AgendaBuilder.markets.filter { $0.weekdays.contains(date.weekday) }.compactMap { market in
                item(
                    "MKT-\(market.slug)-\(AgendaBuilder.stamp(date))", .market, market.title,
                    from: instant(date, market.hours.from), to: instant(date, market.hours.to), at: market.geometry,
                    organiser: "Ville de Marseille, service des marchés", means: market.means, using: &random)
            }
        }
    }
}
