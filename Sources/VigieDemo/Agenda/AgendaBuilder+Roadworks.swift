import Foundation
import VigieCore

extension AgendaBuilder {
    private static let works: [(title: String, organiser: String)] = [
        ("Renouvellement de canalisation d'eau", "Société des Eaux de Marseille Métropole"),
        ("Réfection de chaussée", "Métropole Aix-Marseille-Provence"),
        ("Raccordement au réseau électrique", "Enedis"),
        ("Intervention sur le réseau de gaz", "GRDF"),
        ("Déploiement de la fibre optique", "Orange"),
        ("Travaux de voirie pour le tramway", "Régie des transports métropolitains"),
        ("Reprise de trottoirs", "Ville de Marseille, direction de la voirie"),
    ]

    /// Roadworks across the city, plus works on the Vélodrome's access roads around match days and on the
    /// Vieux-Port's quays around New Year, where they clash with crowds.
    func roadworks() -> [AgendaItem] {
        var random = SeededGenerator(seed: seed, stream: 205)
        var items: [AgendaItem] = []
        for date in days where date.weekday < 5 {
            for _ in 0..<random.poisson(0.6) {
                let centre = map.residentialPoint(using: &random)
                let street = random.element(of: Arrondissement.all[map.district(of: centre)].streets)
                let works = random.element(of: AgendaBuilder.works)
                let length = random.uniform(60, 300)
                let angle = random.uniform(0, Double.pi)
                let half = SIMD2(cos(angle), sin(angle)) * (length / 2)
                let frame = LocalProjection.marseille
                let geometry = EventGeometry.strip(
                    from: frame.offset(centre, by: -half), to: frame.offset(centre, by: half), width: 12)
                let lastDay = date.adding(
                    days: random.chance(0.3) ? random.integer(in: 7...45) : random.integer(in: 0...6))
                if let item = allDayItem(
                    "RW-\(AgendaBuilder.stamp(date))-\(items.count + 1)", .roadworks, "\(works.title) – \(street)",
                    from: date, through: lastDay, at: geometry, organiser: works.organiser,
                    means: [
                        (.diversions, random.integer(in: 0...3)), (.barriers, random.integer(in: 8...60)),
                        (.officers, random.chance(0.2) ? random.integer(in: 1...2) : 0),
                    ],
                    using: &random)
                {
                    items.append(item)
                }
            }
        }
        return items + stadiumAccessWorks(using: &random) + quayWorks(using: &random)
    }

    private func stadiumAccessWorks(using random: inout SeededGenerator) -> [AgendaItem] {
        let michelet = EventGeometry.strip(
            from: GeoPoint(latitude: 43.2680, longitude: 5.3941), to: GeoPoint(latitude: 43.2720, longitude: 5.3937),
            width: 20)
        let matches = matches().map(\.item.event)
        return stride(from: 2, to: matches.count, by: 9).compactMap { index in
            let matchDay = Timestamp(seconds: clock.local(utc: Int(matches[index].startsAt.timeIntervalSince1970))).date
            return allDayItem(
                "RW-MICHELET-\(AgendaBuilder.stamp(matchDay))", .roadworks,
                "Réfection de chaussée – Boulevard Michelet",
                from: matchDay.adding(days: -5), through: matchDay.adding(days: 9), at: michelet,
                organiser: "Métropole Aix-Marseille-Provence",
                means: [(.diversions, 2), (.barriers, 80), (.officers, 2)], using: &random)
        }
    }

    private func quayWorks(using random: inout SeededGenerator) -> [AgendaItem] {
        let quay = EventGeometry.strip(
            from: GeoPoint(latitude: 43.2934, longitude: 5.3680), to: GeoPoint(latitude: 43.2941, longitude: 5.3725),
            width: 15)
        return years.compactMap { year in
            let first = CivilDate(year: year, month: 12, day: 8)
            return allDayItem(
                "RW-RIVE-NEUVE-\(year)", .roadworks, "Renouvellement de canalisation d'eau – Quai de Rive-Neuve",
                from: first, through: first.adding(days: 30 + random.below(10)), at: quay,
                organiser: "Société des Eaux de Marseille Métropole",
                means: [(.diversions, 1), (.barriers, 40), (.officers, 1)], using: &random)
        }
    }
}
