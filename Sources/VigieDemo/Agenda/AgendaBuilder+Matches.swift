import VigieCore

extension AgendaBuilder {
    private static let opponents: [(name: String, isBig: Bool)] = [
        ("Paris Saint-Germain", true), ("Olympique lyonnais", true), ("AS Monaco", true), ("LOSC Lille", true),
        ("OGC Nice", true), ("RC Lens", false), ("Stade rennais", false), ("FC Nantes", false),
        ("Montpellier HSC", false), ("RC Strasbourg", false), ("Toulouse FC", false), ("Stade de Reims", false),
        ("Stade brestois", false), ("Le Havre AC", false), ("AJ Auxerre", false), ("Angers SCO", false),
        ("AS Saint-Étienne", false),
    ]
    private static let europeanOpponents = [
        "Ajax Amsterdam", "Olympiakos", "Sporting CP", "Galatasaray", "Atalanta Bergame", "Eintracht Francfort",
        "Villarreal CF", "FC Porto",
    ]

    /// Home matches of Olympique de Marseille at the Vélodrome: every other weekend from August to May, with
    /// a few European nights, each bringing its crowd.
    func matches() -> [(item: AgendaItem, crowd: CrowdEvent)] {
        var random = SeededGenerator(seed: seed, stream: 202)
        var result: [(item: AgendaItem, crowd: CrowdEvent)] = []
        for season in (years.lowerBound - 1)...years.upperBound {
            var saturday = CivilDate(year: season, month: 8, day: 10)
            while saturday.weekday != 5 { saturday = saturday.adding(days: 1) }
            let seasonEnd = CivilDate(year: season + 1, month: 5, day: 25)
            let winterBreak =
                CivilDate(year: season, month: 12, day: 21)...CivilDate(year: season + 1, month: 1, day: 4)
            var opponents = AgendaBuilder.opponents
            for index in opponents.indices.reversed() { opponents.swapAt(index, random.below(index + 1)) }
            var round = 0
            while saturday < seasonEnd {
                defer { saturday = saturday.adding(days: 14) }
                guard !winterBreak.contains(saturday) else { continue }
                let opponent = opponents[round % opponents.count]
                round += 1
                let slot = random.unit()
                let (date, hour, minute) =
                    slot < 0.4
                    ? (saturday, 21, 0)
                    : slot < 0.8 ? (saturday.adding(days: 1), 20, 45) : (saturday.adding(days: 1), 17, 0)
                let attendance =
                    opponent.isBig ? random.integer(in: 60_000...65_000) : random.integer(in: 45_000...60_000)
                if let match = match(
                    "OM-\(AgendaBuilder.stamp(date))", "Olympique de Marseille – \(opponent.name) (Ligue 1)",
                    on: date, hour, minute, attendance: attendance, using: &random)
                {
                    result.append(match)
                }
            }
            guard random.chance(0.6) else { continue }
            for month in 9...11 {
                var thursday = CivilDate(year: season, month: month, day: 15)
                while thursday.weekday != 3 { thursday = thursday.adding(days: 1) }
                let opponent = random.element(of: AgendaBuilder.europeanOpponents)
                if let match = match(
                    "OM-\(AgendaBuilder.stamp(thursday))", "Olympique de Marseille – \(opponent) (Ligue Europa)",
                    on: thursday, 21, 0, attendance: random.integer(in: 55_000...64_000), using: &random)
                {
                    result.append(match)
                }
            }
        }
        return result
    }

    private func match(
        _ reference: String, _ title: String, on date: CivilDate, _ hour: Int, _ minute: Int, attendance: Int,
        using random: inout SeededGenerator
    ) -> (item: AgendaItem, crowd: CrowdEvent)? {
        let kickOff = instant(date, hour, minute)
        let means: [(Measure.Kind, Int)] = [
            (.officers, attendance / 300 + random.integer(in: 0...30)), (.vehicles, attendance / 2500),
            (.barriers, attendance / 100), (.diversions, random.integer(in: 6...12)),
        ]
        guard
            let item = item(
                reference, .event, title, from: kickOff - 3 * 3600, to: kickOff + 2 * 3600 + 15 * 60,
                at: .rectangle(around: AgendaPlace.velodrome, width: 260, height: 200), attendance: attendance,
                organiser: "Olympique de Marseille", means: means, using: &random)
        else { return nil }
        let crowd = CrowdEvent(
            start: kickOff - 3 * 3600, end: kickOff + 2 * 3600 + 15 * 60, centre: AgendaPlace.velodrome,
            attendance: attendance)
        return (item, crowd)
    }
}
