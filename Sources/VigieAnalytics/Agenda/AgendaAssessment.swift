import Foundation
import VigieCore

/// The agenda of public space over coming days, assessed: the clashes between its items, the risk score of
/// each item and of each day in each district, the means each item calls for against those planned, and the
/// days short of them.
public struct AgendaAssessment: Sendable {
    /// What the assessment follows.
    public typealias Settings = AgendaRules

    /// One item, assessed.
    public struct Item: Sendable {
        /// Its position in `items`.
        public let index: Int
        public let risk: RiskScore
        /// Its clashes, as positions in `clashes`.
        public let clashes: [Int]
        /// The codes of the districts it touches.
        public let districts: [String]
        /// Means recommended, planned and (once known) deployed, by kind.
        public let recommended: [Measure.Kind: Int]
        public let planned: [Measure.Kind: Int]
        public let deployed: [Measure.Kind: Int]
        /// Planned over recommended for the kind of means shortest of its need, and that kind; `nil` when
        /// the rule recommends nothing.
        public let adequacy: Double?
        public let shortest: Measure.Kind?
        /// Whether what is planned falls short of the rule's adequate share.
        public let isUnderResourced: Bool
    }

    /// One day in one district.
    public struct DistrictDay: Sendable {
        public let day: CivilDate
        /// The district, as a position in `districts`.
        public let district: Int
        /// The items there that day, as positions in `items`.
        public let items: [Int]
        public let risk: RiskScore
    }

    /// One day of the whole city.
    public struct Day: Sendable {
        public let day: CivilDate
        /// The items that day, as positions in `items`.
        public let items: [Int]
        public let officersPlanned: Int
        public let officersRecommended: Int
        /// Officers planned over recommended, `nil` when none is recommended.
        public let adequacy: Double?
        /// Why the day is short of means, empty when it is not.
        public let shortfalls: [String]
        /// The highest band among the day's districts.
        public let band: RiskScore.Band
        public var isUnderResourced: Bool { !shortfalls.isEmpty }
    }

    public let items: [PlannedEvent]
    public let districts: [District]
    public let clashes: [Clash]
    public let assessed: [Item]
    public let districtDays: [DistrictDay]
    public let days: [Day]
    public let settings: Settings

    /// Assesses `items` over `dayCount` days from `firstDay`: `measures` by item identifier, `districts` of
    /// one level, `weather` by day, `history` the incidents of the city (none: scores without history and
    /// forecast).
    public init(
        items: [PlannedEvent], measures: [Int64: [Measure]], districts: [District], weather: [WeatherDay],
        history: PlaceHistory?, projection: LocalProjection, timeZone: TimeZone, firstDay: CivilDate,
        dayCount: Int, settings: Settings = Settings()
    ) {
        self.items = items
        self.districts = districts
        self.settings = settings
        let calendar = Calendar.gregorian(timeZone)
        let shapes = items.map { AgendaShape($0.geometry, projection: projection) }
        let clashes = ClashDetection(rules: settings.clashRules).clashes(items, shapes: shapes)
        self.clashes = clashes
        var clashesOf = [[Int]](repeating: [], count: items.count)
        for (position, clash) in clashes.enumerated() {
            clashesOf[clash.first].append(position)
            clashesOf[clash.second].append(position)
        }
        let weatherByDay = Self.weatherByDay(weather)
        let districtIndex = PolygonIndex(districts.enumerated().map { (key: $0.offset, polygon: $0.element.outline) })
        let districtsOf = items.map { item in Self.districts(of: item.geometry, in: districtIndex) }
        let districtCells = history?.cells(in: districts.map(\.outline)) ?? []

        // Items.
        var assessed: [Item] = []
        for (index, item) in items.enumerated() {
            let cells = history.map { shapes[index].cells(of: $0.grid.grid, within: settings.placeMeters) } ?? []
            let (hours, when) = Self.hoursOfWeek(item, calendar: calendar)
            let factors = RiskFactors(
                attendance: item.expectedAttendance, kind: item.kind,
                clashes: Self.grouped(clashesOf[index].map { clashes[$0].describing(other: index, items) }),
                history: history?.historyMultiple(cells: cells, hours: hours), historyWhen: when,
                forecast: history?.forecastMultiple(cells: cells),
                weather: weatherByDay[CivilDate(item.startsAt, in: timeZone)])
            let risk = RiskModel().score(factors)
            let recommended = settings.means.recommended(
                kind: item.kind, attendance: item.expectedAttendance, score: risk.score,
                isRoute: shapes[index].isRoute)
            let means = item.id.flatMap { measures[$0] } ?? []
            let planned = Dictionary(means.map { ($0.kind, $0.planned) }, uniquingKeysWith: +)
            let deployed = Dictionary(means.compactMap { m in m.deployed.map { (m.kind, $0) } }, uniquingKeysWith: +)
            let shares = Measure.Kind.allCases.compactMap { kind -> (Measure.Kind, Double)? in
                guard let need = recommended[kind], need > 0 else { return nil }
                return (kind, Double(planned[kind] ?? 0) / Double(need))
            }
            let shortest = shares.min { $0.1 < $1.1 }
            assessed.append(Item(
                index: index, risk: risk, clashes: clashesOf[index],
                districts: districtsOf[index].map { districts[$0].code }, recommended: recommended, planned: planned,
                deployed: deployed, adequacy: shortest?.1, shortest: shortest?.0,
                isUnderResourced: (shortest?.1 ?? 1) < settings.means.adequateShare))
        }
        self.assessed = assessed

        // Days and districts.
        var districtDays: [DistrictDay] = []
        var days: [Day] = []
        for offset in 0..<max(0, dayCount) {
            let day = firstDay.adding(days: offset)
            let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
            let end = calendar.date(byAdding: .day, value: 1, to: start)!
            let todays = items.indices.filter { items[$0].startsAt < end && items[$0].endsAt > start }
            let weekday = (calendar.component(.weekday, from: start) + 5) % 7
            let hours = Set(weekday * 24..<weekday * 24 + 24)
            var band = RiskScore.Band.green
            for district in districts.indices {
                let here = todays.filter { districtsOf[$0].contains(district) }
                let dayClashes = Set(here.flatMap { clashesOf[$0] }).sorted().filter { position in
                    let clash = clashes[position]
                    return max(clash.start, clash.end) > start && min(clash.start, clash.end) < end
                }
                let attendances = here.compactMap { items[$0].expectedAttendance }
                let cells = district < districtCells.count ? districtCells[district] : []
                let factors = RiskFactors(
                    attendance: attendances.isEmpty ? nil : attendances.reduce(0, +),
                    kind: here.map { items[$0].kind }.max { (RiskModel.kindPoints[$0] ?? 0) < (RiskModel.kindPoints[$1] ?? 0) },
                    clashes: Self.grouped(dayClashes.map { clashes[$0].rule.reason }),
                    history: history?.historyMultiple(cells: cells, hours: hours),
                    historyWhen: "on \(Self.weekdayNames[weekday])s",
                    forecast: history?.forecastMultiple(cells: cells), weather: weatherByDay[day])
                let risk = RiskModel().score(factors)
                band = max(band, risk.band)
                districtDays.append(DistrictDay(day: day, district: district, items: here, risk: risk))
            }
            let planned = todays.reduce(0) { $0 + (assessed[$1].planned[.officers] ?? 0) }
            let recommended = todays.reduce(0) { $0 + (assessed[$1].recommended[.officers] ?? 0) }
            let adequacy = recommended > 0 ? Double(planned) / Double(recommended) : nil
            var shortfalls: [String] = []
            if let adequacy, adequacy < settings.means.adequateShare {
                shortfalls.append("\(planned) officers planned for \(recommended) recommended (\(Int((adequacy * 100).rounded())) %)")
            }
            let redShort = todays.filter { assessed[$0].risk.band == .red && assessed[$0].isUnderResourced }
            if !redShort.isEmpty {
                shortfalls.append("red item\(redShort.count == 1 ? "" : "s") short of means: "
                    + redShort.map { "'\(items[$0].title)'" }.joined(separator: ", "))
            }
            if let capacity = settings.means.officersPerDay, recommended > capacity {
                shortfalls.append("\(recommended) officers recommended, above the \(capacity) the city can give a day")
            }
            if districts.isEmpty {
                band = todays.map { assessed[$0].risk.band }.max() ?? .green
            }
            days.append(Day(
                day: day, items: todays, officersPlanned: planned, officersRecommended: recommended,
                adequacy: adequacy, shortfalls: shortfalls, band: band))
        }
        self.districtDays = districtDays
        self.days = days
    }

    /// Descriptions in first-seen order, one of each, with how many times it came when more than once.
    static func grouped(_ descriptions: [String]) -> [String] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for text in descriptions {
            if counts[text] == nil { order.append(text) }
            counts[text, default: 0] += 1
        }
        return order.map { counts[$0]! > 1 ? "\($0) (\(counts[$0]!) times)" : $0 }
    }

    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// One day's weather per day: observations before forecasts, then the first source.
    static func weatherByDay(_ weather: [WeatherDay]) -> [CivilDate: WeatherDay] {
        var byDay: [CivilDate: WeatherDay] = [:]
        for day in weather {
            if let kept = byDay[day.day], !kept.isForecast || day.isForecast { continue }
            byDay[day.day] = day
        }
        return byDay
    }

    /// The districts holding a vertex or the centre of `geometry`.
    static func districts(of geometry: EventGeometry, in index: PolygonIndex<Int>) -> [Int] {
        let points = geometry.points
        guard !points.isEmpty else { return [] }
        let centre = GeoPoint(
            latitude: points.map(\.latitude).reduce(0, +) / Double(points.count),
            longitude: points.map(\.longitude).reduce(0, +) / Double(points.count))
        var found = Set<Int>()
        for point in points + [centre] {
            if let district = index.locate(x: point.longitude, y: point.latitude) { found.insert(district) }
        }
        return found.sorted()
    }

    /// The hours of the week (0 Monday 00:00) an item covers in its first week, and when that is in words.
    static func hoursOfWeek(_ item: PlannedEvent, calendar: Calendar) -> (Set<Int>, String) {
        var hours = Set<Int>()
        var instant = item.startsAt
        let last = min(item.endsAt, item.startsAt.addingTimeInterval(7 * 86_400))
        while instant < last, hours.count < 168 {
            let parts = calendar.dateComponents([.weekday, .hour], from: instant)
            hours.insert(((parts.weekday! + 5) % 7) * 24 + parts.hour!)
            instant = instant.addingTimeInterval(3_600)
        }
        let weekday = (calendar.component(.weekday, from: item.startsAt) + 5) % 7
        let length = item.endsAt.timeIntervalSince(item.startsAt)
        if item.isAllDay || length > 86_400 {
            return (hours, length > 86_400 ? "over its days of the week" : "on \(weekdayNames[weekday])s")
        }
        return (hours, "on \(weekdayNames[weekday])s \(calendar.clock(item.startsAt))–\(calendar.clock(item.endsAt))")
    }
}

extension Clash {
    /// The clash seen from one of its items: the rule's meaning and the other item.
    func describing(other index: Int, _ items: [PlannedEvent]) -> String {
        let other = items[index == first ? second : first]
        return "\(rule.reason) with '\(other.title)'"
    }
}
