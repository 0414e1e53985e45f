import VigieCore

extension AgendaBuilder {
    /// Concerts, festivals, fairs, the Fête de la musique, fireworks, the Christmas fair and the half-marathon.
    func festivities() -> [AgendaItem] {
        var random = SeededGenerator(seed: seed, stream: 203)
        var items = stadiumConcerts().map(\.item) + domeConcerts(using: &random)
        for year in years {
            items += yearlyFestivities(year, using: &random).compactMap { $0 }
            items += musicDay(year, using: &random)
        }
        return items
    }

    /// Two summer concerts a year at the Vélodrome, with their crowds.
    func stadiumConcerts() -> [(item: AgendaItem, crowd: CrowdEvent?)] {
        var random = SeededGenerator(seed: seed, stream: 204)
        return years.flatMap { year in
            [(6, 8), (7, 5)].compactMap { month, day -> (item: AgendaItem, crowd: CrowdEvent?)? in
                var date = CivilDate(year: year, month: month, day: day + random.below(14))
                while date.weekday != 5 { date = date.adding(days: 1) }
                let attendance = random.integer(in: 55_000...65_000)
                let (from, to) = (instant(date, 17), instant(date.adding(days: 1), 0))
                let means: [(Measure.Kind, Int)] = [
                    (.officers, attendance / 350), (.vehicles, attendance / 3000), (.barriers, attendance / 110),
                    (.diversions, 8),
                ]
                guard
                    let item = item(
                        "CONC-VELODROME-\(AgendaBuilder.stamp(date))", .event, "Concert au stade Vélodrome",
                        from: from, to: to, at: .rectangle(around: AgendaPlace.velodrome, width: 260, height: 200),
                        attendance: attendance, organiser: "Live Nation France", means: means, using: &random)
                else { return nil }
                return (item, CrowdEvent(start: from, end: to, centre: AgendaPlace.velodrome, attendance: attendance))
            }
        }
    }

    private func domeConcerts(using random: inout SeededGenerator) -> [AgendaItem] {
        days.filter { [4, 5].contains($0.weekday) && !(7...8).contains($0.month) }.compactMap { date in
            guard random.chance(0.25) else { return nil }
            let attendance = random.integer(in: 4_000...8_500)
            return item(
                "DOME-\(AgendaBuilder.stamp(date))", .event, "Concert au Dôme", from: instant(date, 19),
                to: instant(date, 23, 30), at: .point(AgendaPlace.dome), attendance: attendance,
                organiser: "Régie du Dôme de Marseille",
                means: [(.officers, 6 + attendance / 1000), (.vehicles, 2), (.barriers, 60), (.diversions, 1)],
                using: &random)
        }
    }

    private func yearlyFestivities(_ year: Int, using random: inout SeededGenerator) -> [AgendaItem?] {
        let city = "Ville de Marseille"
        let fair = firstWeekday(4, onOrAfter: CivilDate(year: year, month: 9, day: 24))
        let race = firstWeekday(6, onOrAfter: CivilDate(year: year, month: 3, day: 24).adding(days: random.below(14)))
        let marsatac = firstWeekday(4, onOrAfter: CivilDate(year: year, month: 6, day: 12))
        let delta = firstWeekday(5, onOrAfter: CivilDate(year: year, month: 7, day: 1))
        let jazz = CivilDate(year: year, month: 7, day: 18)
        let fiesta = firstWeekday(3, onOrAfter: CivilDate(year: year, month: 10, day: 10))
        let christmas = firstWeekday(5, onOrAfter: CivilDate(year: year, month: 11, day: 22))
        let pride = firstWeekday(5, onOrAfter: CivilDate(year: year, month: 7, day: 1))
        return [
            allDayItem(
                "FOIRE-\(year)", .event, "Foire internationale de Marseille", from: fair,
                through: fair.adding(days: 10),
                at: .rectangle(around: AgendaPlace.parcChanot, width: 420, height: 300), attendance: 35_000,
                organiser: "SAFIM – Foire internationale de Marseille",
                means: [(.officers, 25), (.vehicles, 6), (.barriers, 250), (.diversions, 4)], using: &random),
            item(
                "RACE-\(year)", .event, "Run in Marseille (semi-marathon)", from: instant(race, 7, 30),
                to: instant(race, 13), at: AgendaPlace.raceRoute, attendance: 9_000,
                organiser: "Association Run in Marseille",
                means: [(.officers, 60), (.vehicles, 12), (.barriers, 900), (.diversions, 18)], using: &random),
            allDayItem(
                "MARSATAC-\(year)", .event, "Festival Marsatac", from: marsatac, through: marsatac.adding(days: 2),
                at: .rectangle(around: AgendaPlace.parcBorely, width: 500, height: 400), attendance: 15_000,
                organiser: "Association Orane – Marsatac",
                means: [(.officers, 30), (.vehicles, 6), (.barriers, 300), (.diversions, 3)], using: &random),
            allDayItem(
                "DELTA-\(year)", .event, "Delta Festival", from: delta, through: delta.adding(days: 1),
                at: .rectangle(around: AgendaPlace.pradoBeaches, width: 700, height: 220), attendance: 40_000,
                organiser: "Association Delta Festival",
                means: [(.officers, 70), (.vehicles, 14), (.barriers, 600), (.diversions, 6)], using: &random),
            allDayItem(
                "JAZZ-\(year)", .event, "Festival Jazz des cinq continents", from: jazz, through: jazz.adding(days: 7),
                at: .rectangle(around: AgendaPlace.longchamp, width: 250, height: 180), attendance: 4_000,
                organiser: "Association Marseille Jazz des cinq continents",
                means: [(.officers, 8), (.vehicles, 2), (.barriers, 80)], using: &random),
            allDayItem(
                "FIESTA-\(year)", .event, "Fiesta des Suds", from: fiesta, through: fiesta.adding(days: 2),
                at: .rectangle(around: AgendaPlace.dockDesSuds, width: 200, height: 150), attendance: 10_000,
                organiser: "Association Latinissimo – Dock des Suds",
                means: [(.officers, 20), (.vehicles, 4), (.barriers, 150), (.diversions, 2)], using: &random),
            allDayItem(
                "SANTONS-\(year)", .event, "Foire aux santons et marché de Noël", from: christmas,
                through: CivilDate(year: year, month: 12, day: 31),
                at: .rectangle(around: AgendaPlace.vieuxPort, width: 180, height: 90), attendance: 8_000,
                organiser: city, means: [(.officers, 18), (.vehicles, 2), (.barriers, 60)], using: &random),
            item(
                "PRIDE-\(year)", .event, "Marche des fiertés", from: instant(pride, 14), to: instant(pride, 19),
                at: AgendaPlace.canebiereRoute, attendance: 12_000, organiser: "Association Pride Marseille",
                means: [(.officers, 40), (.vehicles, 8), (.barriers, 150), (.diversions, 8)], using: &random),
            item(
                "FEU-14JUILLET-\(year)", .event, "Feu d'artifice du 14 juillet",
                from: instant(CivilDate(year: year, month: 7, day: 14), 20),
                to: instant(CivilDate(year: year, month: 7, day: 14), 23, 59),
                at: .rectangle(around: AgendaPlace.vieuxPort, width: 300, height: 200), attendance: 60_000,
                organiser: city, means: [(.officers, 120), (.vehicles, 20), (.barriers, 700), (.diversions, 10)],
                using: &random),
            item(
                "NOUVEL-AN-\(year)", .event, "Réveillon du Nouvel An sur le Vieux-Port",
                from: instant(CivilDate(year: year, month: 12, day: 31), 21),
                to: instant(CivilDate(year: year + 1, month: 1, day: 1), 2),
                at: .rectangle(around: AgendaPlace.vieuxPort, width: 300, height: 200), attendance: 50_000,
                organiser: city, means: [(.officers, 150), (.vehicles, 25), (.barriers, 800), (.diversions, 12)],
                using: &random),
        ]
    }

    private func musicDay(_ year: Int, using random: inout SeededGenerator) -> [AgendaItem] {
        let date = CivilDate(year: year, month: 6, day: 21)
        let stages: [(slug: String, name: String, geometry: EventGeometry, attendance: Int)] = [
            ("VIEUX-PORT", "Vieux-Port", .rectangle(around: AgendaPlace.vieuxPort, width: 250, height: 150), 30_000),
            ("COURS-JULIEN", "Cours Julien", .point(AgendaPlace.laPlaine), 12_000),
            ("JOLIETTE", "La Joliette", .point(AgendaPlace.joliette), 8_000),
            ("PRADO", "Plages du Prado", .rectangle(around: AgendaPlace.pradoBeaches, width: 400, height: 150), 10_000),
        ]
        return stages.compactMap { stage in
            item(
                "FDM-\(year)-\(stage.slug)", .event, "Fête de la musique – \(stage.name)", from: instant(date, 18),
                to: instant(date.adding(days: 1), 2), at: stage.geometry, attendance: stage.attendance,
                organiser: "Ville de Marseille",
                means: [(.officers, stage.attendance / 600), (.vehicles, 3), (.barriers, stage.attendance / 100)],
                using: &random)
        }
    }

    /// The first date on or after `date` falling on `weekday` (Monday = 0).
    func firstWeekday(_ weekday: Int, onOrAfter date: CivilDate) -> CivilDate {
        date.adding(days: (weekday - date.weekday + 7) % 7)
    }
}
