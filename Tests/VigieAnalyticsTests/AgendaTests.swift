import Foundation
import Testing
import VigieCore

@testable import VigieAnalytics

/// Items laid out in metres around the planar snapshots' origin, on local Paris times.
enum AgendaFixture {
    static let zone = PlanarSnapshots.paris
    static let projection = PlanarSnapshots.projection

    static func at(_ x: Double, _ y: Double) -> GeoPoint { projection.unproject(PlanarPoint(x: x, y: y)) }

    /// A local time in Paris.
    static func time(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        Calendar.gregorian(zone).date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    static func item(
        _ reference: String, _ kind: PlannedEventKind, _ geometry: EventGeometry, _ start: Date, _ end: Date,
        attendance: Int? = nil, id: Int64? = nil
    ) -> PlannedEvent {
        PlannedEvent(
            id: id, sourceID: 1, sourceReference: reference, kind: kind, title: reference, startsAt: start, endsAt: end,
            geometry: geometry, expectedAttendance: attendance)
    }

    static func square(_ x: Double, _ y: Double, _ half: Double) -> EventGeometry {
        .polygon([at(x - half, y - half), at(x + half, y - half), at(x + half, y + half), at(x - half, y + half)])
    }
}

@Suite("Agenda: clashes")
struct ClashTests {
    typealias F = AgendaFixture

    @Test("the clashes planted are found, with their reasons, and none is invented")
    func planted() throws {
        let items = [
            // A concert on a square at (0, 0), Saturday evening.
            F.item("A", .event, F.square(0, 0, 40), F.time(2026, 6, 13, 18), F.time(2026, 6, 13, 23), attendance: 3_000),
            // Roadworks along a street passing 80 m from the square's edge, all Saturday until 20:00.
            F.item("B", .roadworks, .line([F.at(-300, 120), F.at(300, 120)]), F.time(2026, 6, 13, 8), F.time(2026, 6, 13, 20)),
            // The same square on Sunday evening: another day, no clash with A.
            F.item("C", .event, F.square(0, 0, 40), F.time(2026, 6, 14, 18), F.time(2026, 6, 14, 23)),
            // A market a kilometre east on Saturday morning, and a protest whose route crosses it.
            F.item("D", .market, F.square(1_000, 0, 50), F.time(2026, 6, 13, 7), F.time(2026, 6, 13, 13)),
            F.item("E", .protest, .line([F.at(1_000, -400), F.at(1_000, 400)]), F.time(2026, 6, 13, 11), F.time(2026, 6, 13, 15)),
            // Another protest 500 m south of the market at the same time: too far for the market, and 500 m
            // from the first protest's route end, beyond the 300 m of two demonstrations.
            F.item("F", .protest, .line([F.at(1_600, -900), F.at(2_400, -900)]), F.time(2026, 6, 13, 11), F.time(2026, 6, 13, 15)),
            // A film shoot far from everything.
            F.item("G", .filmShoot, .point(F.at(5_000, 5_000)), F.time(2026, 6, 13, 9), F.time(2026, 6, 13, 18)),
            // A late event on the square 30 minutes after A ends: within the hour set aside around each.
            F.item("H", .event, .point(F.at(10, 10)), F.time(2026, 6, 13, 23, 30), F.time(2026, 6, 14, 1)),
            // A market 60 m from the square on Saturday morning: too far (50 m) and too early for A.
            F.item("I", .market, .point(F.at(100, 0)), F.time(2026, 6, 13, 8), F.time(2026, 6, 13, 13)),
        ]
        let shapes = items.map { AgendaShape($0.geometry, projection: F.projection) }
        let clashes = ClashDetection().clashes(items, shapes: shapes)
        let pairs = clashes.map { "\(items[$0.first].title)-\(items[$0.second].title)" }
        #expect(Set(pairs) == ["B-A", "D-E", "A-H"])
        #expect(clashes.count == 3)
        let byPair = Dictionary(uniqueKeysWithValues: zip(pairs, clashes))
        #expect(byPair["B-A"]!.rule.reason == "roadworks on an event's access")
        #expect(abs(byPair["B-A"]!.distance - 80) < 0.5)
        #expect(byPair["B-A"]!.start == F.time(2026, 6, 13, 18) && byPair["B-A"]!.end == F.time(2026, 6, 13, 20))
        #expect(byPair["D-E"]!.distance == 0 && byPair["D-E"]!.rule.reason == "a protest route across a market")
        #expect(!byPair["A-H"]!.overlaps)
        let words = byPair["B-A"]!.explanation(items, timeZone: F.zone)
        #expect(words.contains("roadworks on an event's access") && words.contains("80 m apart")
            && words.contains("18:00") && words.contains("20:00"))
        #expect(byPair["A-H"]!.explanation(items, timeZone: F.zone).contains("30 min apart in time"))
    }

    @Test("the sweep finds exactly the pairs a plain comparison of every pair finds")
    func sweepMatchesPairs() {
        var random = SeededGenerator(seed: 7, stream: 1)
        let kinds = PlannedEventKind.allCases
        let base = F.time(2026, 6, 1, 0).timeIntervalSince1970
        let items = (0..<300).map { index -> PlannedEvent in
            let start = base + Double(Int.random(in: 0..<(14 * 24), using: &random)) * 3_600
            let length = Double(Int.random(in: 1...30, using: &random)) * 3_600
            let x = Double.random(in: 0..<3_000, using: &random)
            let y = Double.random(in: 0..<3_000, using: &random)
            let geometry: EventGeometry = switch index % 3 {
            case 0: .point(F.at(x, y))
            case 1: .line([F.at(x, y), F.at(x + Double.random(in: -500..<500, using: &random), y + 300)])
            default: F.square(x, y, Double.random(in: 10..<120, using: &random))
            }
            return F.item("i\(index)", kinds[index % kinds.count], geometry, Date(timeIntervalSince1970: start),
                Date(timeIntervalSince1970: start + length))
        }
        let shapes = items.map { AgendaShape($0.geometry, projection: F.projection) }
        let found = Set(ClashDetection().clashes(items, shapes: shapes).map { [min($0.first, $0.second), max($0.first, $0.second)] })
        var expected = Set<[Int]>()
        for a in items.indices {
            for b in items.indices where b > a {
                let (first, second) = (items[a], items[b])
                let apart = shapes[a].distance(to: shapes[b])
                let hit = ClashRule.standard.contains { (rule: ClashRule) -> Bool in
                    let margin: TimeInterval = rule.marginMinutes * 60
                    guard rule.applies(to: first.kind, second.kind), apart <= rule.bufferMeters else { return false }
                    let firstStart = first.startsAt.addingTimeInterval(-margin)
                    let firstEnd = first.endsAt.addingTimeInterval(margin)
                    let secondStart = second.startsAt.addingTimeInterval(-margin)
                    let secondEnd = second.endsAt.addingTimeInterval(margin)
                    return firstStart < secondEnd && secondStart < firstEnd
                }
                if hit { expected.insert([a, b]) }
            }
        }
        #expect(!expected.isEmpty)
        #expect(found == expected)
    }

    @Test("distances between points, routes and areas")
    func distances() {
        let square = AgendaShape(form: .polygon, vertices: [.init(x: 0, y: 0), .init(x: 100, y: 0), .init(x: 100, y: 100), .init(x: 0, y: 100)])
        let inside = AgendaShape(form: .point, vertices: [.init(x: 50, y: 50)])
        let crossing = AgendaShape(form: .line, vertices: [.init(x: -50, y: 50), .init(x: 150, y: 50)])
        let parallel = AgendaShape(form: .line, vertices: [.init(x: 0, y: 130), .init(x: 100, y: 130)])
        let corner = AgendaShape(form: .point, vertices: [.init(x: 103, y: 104)])
        #expect(square.distance(to: inside) == 0 && inside.distance(to: square) == 0)
        #expect(square.distance(to: crossing) == 0)
        #expect(abs(square.distance(to: parallel) - 30) < 1e-9)
        #expect(abs(square.distance(to: corner) - 5) < 1e-9)
        #expect(abs(crossing.length - 200) < 1e-9 && abs(square.length - 400) < 1e-9)
        let grid = SquareGrid(minX: -500, minY: -500, cellSize: 100, columns: 10, rows: 10)
        // Cell centres within 60 m of the point (50, 50): only its own cell's centre.
        #expect(inside.cells(of: grid, within: 60) == [grid.cellIndex(x: 50, y: 50)!])
        #expect(inside.cells(of: grid, within: 100).count == 5)
        let far = AgendaShape(form: .point, vertices: [.init(x: 9_000, y: 9_000)])
        #expect(far.cells(of: grid, within: 100).isEmpty)
    }
}

@Suite("Agenda: risk and means")
struct AgendaRiskTests {
    typealias F = AgendaFixture

    @Test("the score never falls when any one input grows")
    func monotone() {
        var random = SeededGenerator(seed: 11, stream: 1)
        let model = RiskModel()
        func randomFactors() -> RiskFactors {
            RiskFactors(
                attendance: random.chance(0.2) ? nil : Int.random(in: 0..<80_000, using: &random),
                kind: PlannedEventKind.allCases.randomElement(using: &random),
                clashes: (0..<Int.random(in: 0...3, using: &random)).map { "c\($0)" },
                history: random.chance(0.2) ? nil : Double.random(in: 0..<6, using: &random),
                forecast: random.chance(0.2) ? nil : Double.random(in: 0..<4, using: &random),
                weather: random.chance(0.3) ? nil : WeatherDay(
                    sourceID: 1, day: CivilDate(year: 2026, month: 7, day: 1),
                    maxTemperature: Double.random(in: 10..<40, using: &random),
                    precipitation: Double.random(in: 0..<50, using: &random),
                    maxGust: Double.random(in: 0..<100, using: &random), isForecast: true))
        }
        for _ in 0..<2_000 {
            let base = randomFactors()
            let score = model.score(base).score
            #expect((1...10).contains(score))
            var more = base
            more.attendance = (base.attendance ?? 0) + Int.random(in: 0..<20_000, using: &random)
            #expect(model.score(more).score >= score, "attendance \(base.attendance ?? -1) → \(more.attendance!)")
            more = base
            more.clashes.append("another")
            #expect(model.score(more).score >= score)
            more = base
            more.history = (base.history ?? 0) + Double.random(in: 0..<3, using: &random)
            #expect(model.score(more).score >= score)
            more = base
            more.forecast = (base.forecast ?? 1) + Double.random(in: 0..<3, using: &random)
            #expect(model.score(more).score >= score)
            if var weather = base.weather {
                weather.maxTemperature! += Double.random(in: 0..<8, using: &random)
                weather.maxGust! += Double.random(in: 0..<30, using: &random)
                weather.precipitation! += Double.random(in: 0..<20, using: &random)
                more = base
                more.weather = weather
                #expect(model.score(more).score >= score)
            }
        }
    }

    @Test("bands, reasons in words, and a crowded protest with clashes is red")
    func bandsAndReasons() {
        let model = RiskModel()
        let quiet = model.score(RiskFactors(attendance: 50, kind: .filmShoot))
        #expect(quiet.score == 1 && quiet.band == .green)
        let risky = model.score(RiskFactors(
            attendance: 20_000, kind: .protest, clashes: ["a protest route across a market with 'Marché'"],
            history: 2.5, historyWhen: "on Saturdays 14:00–18:00", forecast: 1.5))
        #expect(risky.score == 9 && risky.band == .red)
        #expect(risky.reasons.first?.factor == "attendance")
        #expect(risky.summary.contains("20,000 people expected") && risky.summary.contains("1 clash: a protest route across a market"))
        #expect(risky.summary.contains("incidents here on Saturdays 14:00–18:00: 2.5× an average place"))
        #expect(RiskModel.band(3) == .green && RiskModel.band(4) == .orange && RiskModel.band(6) == .orange && RiskModel.band(7) == .red)
        let hot = model.score(RiskFactors(kind: .market, weather: WeatherDay(
            sourceID: 1, day: CivilDate(year: 2026, month: 7, day: 1), maxTemperature: 37, precipitation: 0, maxGust: 20, isForecast: true)))
        #expect(hot.summary.contains("weather forecast: 37 °C"))
        #expect(hot.reasons.first { $0.factor == "weather" }?.points == 1)
    }

    @Test("recommended means follow attendance and risk; adequacy is planned over recommended")
    func adequacy() {
        let rule = MeansRule.standard
        // 10,000 people at an event: 2 officers per 1,000 = 20; vehicles 20 / 8 → 2; barriers 5 per 1,000 = 50.
        #expect(rule.recommended(kind: .event, attendance: 10_000, score: 5, isRoute: false)
            == [.officers: 20, .vehicles: 2, .barriers: 50, .diversions: 0])
        #expect(rule.recommended(kind: .event, attendance: 10_000, score: 8, isRoute: false)[.officers] == 26)
        #expect(rule.recommended(kind: .event, attendance: 10_000, score: 1, isRoute: false)[.officers] == 12)
        // The floor of a protest (no vehicle for four officers), and the diversions of its route.
        #expect(rule.recommended(kind: .protest, attendance: 300, score: 5, isRoute: true)
            == [.officers: 4, .vehicles: 0, .barriers: 2, .diversions: 2])
        // A market's single officer stays one at a higher risk (1.2 rounds to 1); roadworks call for none.
        #expect(rule.recommended(kind: .market, attendance: nil, score: 7, isRoute: false)[.officers] == 1)
        #expect(rule.recommended(kind: .market, attendance: nil, score: 10, isRoute: false)[.officers] == 2)
        #expect(rule.recommended(kind: .roadworks, attendance: nil, score: 10, isRoute: true)
            == [.officers: 0, .vehicles: 0, .barriers: 0, .diversions: 1])

        // Two events on one day: 10 officers planned for the first, 3 for the second; no history, no
        // weather, so their scores come from attendance and kind alone.
        let first = F.item("big", .event, .point(F.at(0, 0)), F.time(2026, 6, 13, 18), F.time(2026, 6, 13, 23), attendance: 10_000, id: 1)
        let second = F.item("small", .event, .point(F.at(3_000, 0)), F.time(2026, 6, 13, 10), F.time(2026, 6, 13, 12), attendance: 2_000, id: 2)
        let measures: [Int64: [Measure]] = [
            1: [Measure(plannedEventID: 1, kind: .officers, planned: 10), Measure(plannedEventID: 1, kind: .vehicles, planned: 4),
                Measure(plannedEventID: 1, kind: .barriers, planned: 80)],
            2: [Measure(plannedEventID: 2, kind: .officers, planned: 3), Measure(plannedEventID: 2, kind: .vehicles, planned: 2),
                Measure(plannedEventID: 2, kind: .barriers, planned: 10)],
        ]
        let assessment = AgendaAssessment(
            items: [first, second], measures: measures, districts: [], weather: [], history: nil,
            projection: F.projection, timeZone: F.zone, firstDay: CivilDate(year: 2026, month: 6, day: 12), dayCount: 3)
        let big = assessment.assessed[0]
        let bigScore = RiskModel().score(RiskFactors(attendance: 10_000, kind: .event)).score
        #expect(big.risk.score == bigScore)
        let bigOfficers = rule.recommended(kind: .event, attendance: 10_000, score: bigScore, isRoute: false)[.officers]!
        #expect(big.recommended[.officers] == bigOfficers)
        #expect(abs(big.adequacy! - 10.0 / Double(bigOfficers)) < 1e-12 && big.shortest == .officers && big.isUnderResourced)
        let small = assessment.assessed[1]
        let smallOfficers = small.recommended[.officers]!
        #expect(small.planned[.officers] == 3)
        #expect(assessment.days.map(\.items.count) == [0, 2, 0])
        let saturday = assessment.days[1]
        #expect(saturday.officersPlanned == 13 && saturday.officersRecommended == bigOfficers + smallOfficers)
        let share = 13.0 / Double(bigOfficers + smallOfficers)
        #expect(abs(saturday.adequacy! - share) < 1e-12)
        #expect(share < 0.8 && saturday.isUnderResourced)
        #expect(saturday.shortfalls.first == "13 officers planned for \(bigOfficers + smallOfficers) recommended (\(Int((share * 100).rounded())) %)")
        #expect(!assessment.days[0].isUnderResourced && assessment.days[0].adequacy == nil)
        // A city that can give 20 officers a day is short on Saturday whatever is planned.
        var settings = AgendaAssessment.Settings()
        settings.means.officersPerDay = 20
        let capped = AgendaAssessment(
            items: [first, second], measures: measures, districts: [], weather: [], history: nil,
            projection: F.projection, timeZone: F.zone, firstDay: CivilDate(year: 2026, month: 6, day: 13), dayCount: 1,
            settings: settings)
        #expect(capped.days[0].shortfalls.contains { $0.contains("above the 20 the city can give a day") })
    }
}

@Suite("Agenda: history, districts and review")
struct AgendaHistoryTests {
    typealias F = AgendaFixture

    /// A year of incidents: every Saturday, ten between 20:00 and 22:00 at (0, 0); every week, thirty
    /// scattered at random places and times over 6 × 6 km.
    static func busySaturdays() throws -> IncidentSnapshot {
        var random = SeededGenerator(seed: 3, stream: 2)
        var points: [(x: Double, y: Double, seconds: Double)] = []
        for week in 0..<52 {
            let saturday = F.time(2026, 6, 13, 20).addingTimeInterval(-Double(week + 1) * 7 * 86_400)
            for index in 0..<10 {
                points.append((Double.random(in: -30..<30, using: &random), Double.random(in: -30..<30, using: &random),
                    saturday.timeIntervalSince1970 + Double(index) * 600))
            }
            let monday = F.time(2026, 6, 8, 0).addingTimeInterval(-Double(week + 1) * 7 * 86_400)
            for _ in 0..<30 {
                points.append((Double.random(in: -3_000..<3_000, using: &random), Double.random(in: -3_000..<3_000, using: &random),
                    monday.timeIntervalSince1970 + Double.random(in: 0..<(7 * 86_400), using: &random)))
            }
        }
        return try PlanarSnapshots.snapshot(points)
    }

    @Test("a busy place at its busy hours scores above a quiet one, and so does its district's Saturday")
    func historyRaisesRisk() throws {
        let snapshot = try Self.busySaturdays()
        let asOf = F.time(2026, 6, 13, 0)
        let west = District(level: "arrondissement", code: "W", name: "West", outline: boxOutline(5.35, 43.27, 5.41, 43.33))
        let east = District(level: "arrondissement", code: "E", name: "East", outline: boxOutline(5.41, 43.27, 5.45, 43.33))
        let history = try PlaceHistory(snapshot: snapshot, asOf: asOf, outlines: [west.outline, east.outline])
        let busy = F.item("busy", .event, .point(F.at(0, 0)), F.time(2026, 6, 13, 20), F.time(2026, 6, 13, 22), attendance: 500, id: 1)
        let morning = F.item("morning", .event, .point(F.at(0, 0)), F.time(2026, 6, 16, 9), F.time(2026, 6, 16, 11), attendance: 500, id: 2)
        let quiet = F.item("quiet", .event, .point(F.at(2_500, 2_500)), F.time(2026, 6, 13, 20), F.time(2026, 6, 13, 22), attendance: 500, id: 3)
        let assessment = AgendaAssessment(
            items: [busy, morning, quiet], measures: [:], districts: [west, east], weather: [], history: history,
            projection: snapshot.projection!, timeZone: F.zone, firstDay: CivilDate(year: 2026, month: 6, day: 13), dayCount: 7)
        func factor(_ index: Int, _ name: String) -> RiskScore.Reason? {
            assessment.assessed[index].risk.reasons.first { $0.factor == name }
        }
        let (busyRisk, morningRisk, quietRisk) = (assessment.assessed[0].risk, assessment.assessed[1].risk, assessment.assessed[2].risk)
        #expect(factor(0, "history")!.points == 2.5)
        #expect(factor(0, "history")!.text.contains("on Saturdays 20:00–22:00"))
        #expect(factor(1, "history")!.points == 0 && factor(2, "history")!.points == 0)
        #expect(busyRisk.score > morningRisk.score && busyRisk.score > quietRisk.score)
        #expect(factor(0, "forecast")!.points > factor(2, "forecast")!.points)
        #expect(assessment.assessed[0].districts == ["W"] && assessment.assessed[2].districts == ["E"])
        // Day by district: the west's Saturday holds the busy place's history; the week's other days do not.
        let westSaturday = assessment.districtDays.first { $0.district == 0 && $0.day == CivilDate(year: 2026, month: 6, day: 13) }!
        let westMonday = assessment.districtDays.first { $0.district == 0 && $0.day == CivilDate(year: 2026, month: 6, day: 15) }!
        let eastSaturday = assessment.districtDays.first { $0.district == 1 && $0.day == CivilDate(year: 2026, month: 6, day: 13) }!
        #expect(westSaturday.items == [0] && eastSaturday.items == [2])
        #expect(westSaturday.risk.score > westMonday.risk.score)
        #expect(westSaturday.risk.reasons.first { $0.factor == "history" }!.points
            > eastSaturday.risk.reasons.first { $0.factor == "history" }!.points)
        #expect(assessment.districtDays.count == 14)
    }

    @Test("after the fact: a concert's excess is measured against the same hours of other weeks, a weekly market's against other days")
    func review() throws {
        var points: [(x: Double, y: Double, seconds: Double)] = []
        let first = F.time(2026, 3, 2, 0)
        for day in 0..<84 {
            let midnight = first.addingTimeInterval(Double(day) * 86_400)
            // Two incidents each evening at the square, one each morning at the market's place and two more
            // on Saturday mornings, when the market runs.
            points.append((0, 0, midnight.timeIntervalSince1970 + 19 * 3_600))
            points.append((5, 5, midnight.timeIntervalSince1970 + 21 * 3_600))
            points.append((2_000, 0, midnight.timeIntervalSince1970 + 10 * 3_600))
            if day % 7 == 5 {
                points.append((2_010, 0, midnight.timeIntervalSince1970 + 9 * 3_600))
                points.append((1_990, 0, midnight.timeIntervalSince1970 + 11 * 3_600))
            }
        }
        // Ten more during the concert of Saturday 25 April.
        let concertStart = F.time(2026, 4, 25, 18)
        for index in 0..<10 { points.append((10, 0, concertStart.timeIntervalSince1970 + 1_800 + Double(index) * 600)) }
        let snapshot = try PlanarSnapshots.snapshot(points)
        var items = [F.item("concert", .event, F.square(0, 0, 40), concertStart, F.time(2026, 4, 25, 23), attendance: 5_000, id: 1)]
        for week in 0..<12 {
            let saturday = F.time(2026, 3, 7, 8).addingTimeInterval(Double(week) * 7 * 86_400)
            items.append(F.item("market \(week)", .market, F.square(2_000, 0, 30), saturday, saturday.addingTimeInterval(5 * 3_600), id: Int64(10 + week)))
        }
        let measures: [Int64: [Measure]] = [1: [Measure(plannedEventID: 1, kind: .officers, planned: 10, deployed: 5)]]
        let reviewOf = try AgendaReview(
            items: items, isReviewed: { $0.startsAt >= F.time(2026, 4, 20, 0) && $0.startsAt < F.time(2026, 4, 27, 0) },
            measures: measures, snapshot: snapshot, asOf: F.time(2026, 5, 25, 0))
        #expect(reviewOf.reviewed.map { items[$0.index].title } == ["concert", "market 7"])
        let concert = reviewOf.reviewed[0]
        #expect(concert.observed == 12 && concert.expected == 2 && concert.windows == 8)
        #expect(concert.pValue! < 1e-4 && concert.deployedShare == 0.5)
        // The market's Saturdays are all taken by the market: the baseline is the days around it.
        let market = reviewOf.reviewed[1]
        #expect(market.observed == 3 && market.windows == 6 && market.expected == 1)
        let events = reviewOf.kinds.first { $0.kind == .event }!
        #expect(events.items == 1 && events.ratio == 6 && events.shortRatio == 6 && events.fullRatio == nil)
        #expect(reviewOf.kinds.first { $0.kind == .market }!.ratio == 3)
    }
}
