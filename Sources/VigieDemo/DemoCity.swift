import Foundation
import VigieCore

/// A synthetic Marseille-like city made from a seed: districts, four incident sources and an agenda, with the
/// structure real data has (hotspots, near repeats, daily, weekly and yearly cycles, trends, festive nights).
///
/// The same seed and end date always give byte-identical files.
public struct DemoCity: Sendable {
    /// The seed of every random choice.
    public let seed: UInt64
    /// The end of the incident period, exclusive; the agenda runs 60 days beyond.
    public let end: Date
    /// How many years of incidents end at `end`.
    public let years: Int
    /// The multiplier of every incident rate (1 gives about 300,000 records a year).
    public let scale: Double
    /// The deployment settings of the demo city.
    public let deployment: Deployment

    let map: CityMap
    let clock: LocalClock
    let periodStart: Int
    let periodEnd: Int

    /// The register entry of the public-space agenda.
    public static let agendaSource = Source(
        name: "public-space-agenda", title: "Agenda de l'espace public",
        owner: "Direction de l'espace public, Ville de Marseille (démo)",
        purpose: "Planifier marchés, événements, chantiers et manifestations sur la voie publique",
        legalRegime: .gdpr, holdsPersonalData: false, retentionDays: 1825, isPublic: true)

    /// The register entry of the weather: Météo-France's open daily observations and a forecast.
    public static let weatherSource = Source(
        name: "meteo-france", title: "Météo-France, données quotidiennes et prévisions",
        owner: "Météo-France (données publiques, démo)",
        purpose: "Tenir compte de la chaleur, du vent et de la pluie dans le risque des rassemblements",
        legalRegime: .gdpr, holdsPersonalData: false, retentionDays: 3650, isPublic: true)

    /// The station whose days the demo imports.
    public static let weatherStation = "13054001"

    /// Creates the city whose incidents cover `[end - years, end)` and whose agenda runs to 60 days after `end`.
    public init(seed: UInt64, end: Date, years: Int = 2, scale: Double = 1.0) {
        precondition(years >= 1, "a demo city covers at least one year")
        precondition(scale > 0, "the scale must be positive")
        self.seed = seed
        self.end = end
        self.years = years
        self.scale = scale
        let timeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let start = calendar.date(byAdding: .year, value: -years, to: end) ?? end
        periodStart = Int(start.timeIntervalSince1970.rounded(.up))
        periodEnd = Int(end.timeIntervalSince1970.rounded(.up))
        clock = LocalClock(
            timeZone: timeZone, from: start.addingTimeInterval(-3 * 86_400), to: end.addingTimeInterval(63 * 86_400))
        map = CityMap()
        let projection = LocalProjection.marseille
        let corners = [(map.outline.lower, -1000.0), (map.outline.upper, 1000.0)].map { corner, margin in
            CityMap.degrees(
                projection.offset(GeoPoint(latitude: corner.y, longitude: corner.x), by: SIMD2(margin, margin)))
        }
        let (lower, upper) = (corners[0], corners[1])
        deployment = Deployment(
            name: "Marseille (démo)", timeZoneIdentifier: timeZone.identifier,
            area: BoundingBox(minX: lower.x, minY: lower.y, maxX: upper.x, maxY: upper.y))
    }

    /// The agenda's items for the incident period and the 60 days after it, ordered by start.
    public func plannedEvents(sourceID: Int64) -> [PlannedEvent] {
        agenda.items().map {
            var event = $0.event
            event.sourceID = sourceID
            return event
        }
    }

    /// The means of agenda items once saved: matched by source reference, planned and, for past items, deployed.
    public func measures(for savedEvents: [PlannedEvent]) -> [Measure] {
        let means = Dictionary(
            agenda.items().map { ($0.event.sourceReference, $0.means) }, uniquingKeysWith: { first, _ in first })
        return savedEvents.flatMap { event -> [Measure] in
            guard let id = event.id, let list = means[event.sourceReference] else { return [] }
            return list.map { Measure(plannedEventID: id, kind: $0.kind, planned: $0.planned, deployed: $0.deployed) }
        }
    }

    /// Writes the districts file and each source's data and mapping files into `directory`, creating it.
    public func writeFiles(to directory: URL) throws -> DemoFiles {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let districtWriter = DistrictFileWriter()
        let districts = directory.appendingPathComponent(districtWriter.fileName)
        try Data(districtWriter.data(map: map)).write(to: districts)
        let context = WritingContext(clock: clock, map: map, seed: seed)
        let generator = incidentGenerator
        let writers: [any SourceFileWriter] = [
            PoliceLogWriter(), FireBrigadeWriter(), CitizenReportWriter(), ElectronicTicketWriter(),
        ]
        let sources = try writers.map { writer in
            let incidents = generator.incidents(of: writer.source)
            let data = directory.appendingPathComponent(writer.fileName)
            let mapping = directory.appendingPathComponent(writer.source.register.name + ".yaml")
            try Data(writer.data(of: incidents, context: context)).write(to: data)
            try Data(writer.mapping.yaml.utf8).write(to: mapping)
            return DemoSourceFile(
                sourceName: writer.source.register.name, data: data, mapping: mapping, rowCount: incidents.count)
        }
        let lastDay = clock.local(utc: periodEnd - 1) / 86_400
        let observed = WeatherFileWriter.days(
            from: CivilDate(dayNumber: clock.local(utc: periodStart) / 86_400), through: CivilDate(dayNumber: lastDay),
            seed: seed, mistralDay: nil)
        let forecast = WeatherFileWriter.days(
            from: CivilDate(dayNumber: lastDay + 1), through: CivilDate(dayNumber: lastDay + 14), seed: seed &+ 1,
            mistralDay: CivilDate(dayNumber: lastDay + 5))
        let weather = directory.appendingPathComponent("Q_13_quotidien_RR-T-Vent.csv")
        let weatherForecast = directory.appendingPathComponent("prevision_13_quotidienne.csv")
        try Data(WeatherFileWriter.data(observed, seed: seed)).write(to: weather)
        try Data(WeatherFileWriter.data(forecast, seed: seed &+ 1)).write(to: weatherForecast)
        return DemoFiles(districts: districts, sources: sources, weather: weather, weatherForecast: weatherForecast)
    }

    /// The agenda of the city.
    var agenda: AgendaBuilder {
        AgendaBuilder(
            clock: clock, map: map, seed: seed, start: periodStart, end: periodEnd, horizon: periodEnd + 60 * 86_400)
    }

    /// The incident generator of the city, aware of the crowds of its agenda, with a burglary spree in one
    /// neighbourhood east of the centre over three days of the last week, for the anomaly alerts to find.
    var incidentGenerator: IncidentGenerator {
        var generator = IncidentGenerator(
            map: map, clock: clock, start: periodStart, end: periodEnd, scale: scale, seed: seed,
            crowds: agenda.crowds())
        let lastDay = clock.local(utc: periodEnd - 1) / 86_400
        generator.sprees = [
            IncidentGenerator.Spree(
                label: "CAMBRIOLAGE LOGEMENT", centre: GeoPoint(latitude: 43.3040, longitude: 5.4170),
                firstDay: lastDay - 6, days: 3, perDay: 12),
        ]
        return generator
    }
}
