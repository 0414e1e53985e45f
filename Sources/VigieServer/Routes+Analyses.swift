import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization
import VigieAnalytics
import VigieCore

/// Hot spots, trends, forecasts and patrol plans: what the CLI's analyses answer, on the served snapshot.
extension APIRoutes {
    /// A number parameter within `range`, `fallback` when absent.
    static func number(_ query: Parameters, _ name: String, _ range: ClosedRange<Double>, default fallback: Double, unit: String = "") throws -> Double {
        guard let text = query[name[...]] else { return fallback }
        guard let value = Double(String(text)), range.contains(value) else {
            throw APIError(.badRequest, "bad-parameter", "\(name): '\(text)' is not a number\(unit.isEmpty ? "" : " of \(unit)") from \(range.lowerBound.formatted()) to \(range.upperBound.formatted())")
        }
        return value
    }

    /// A parameter that takes one of `choices`, `fallback` when absent.
    static func choice(_ query: Parameters, _ name: String, _ choices: [String], default fallback: String) throws -> String {
        guard let text = query[name[...]].map(String.init) else { return fallback }
        guard choices.contains(text) else {
            throw APIError(.badRequest, "bad-parameter", "\(name): '\(text)' is not one of \(choices.joined(separator: ", "))")
        }
        return text
    }

    /// A date parameter YYYY-MM-DD, `nil` when absent.
    static func day(_ query: Parameters, _ name: String) throws -> CivilDate? {
        try query[name[...]].map { text in
            guard let day = CivilDate(iso: String(text)) else {
                throw APIError(.badRequest, "bad-parameter", "\(name): '\(text)' is not a date YYYY-MM-DD")
            }
            return day
        }
    }

    /// The district level of `level`, or the first loaded; a level not loaded is not found.
    func level(_ query: Parameters, _ snapshot: IncidentSnapshot) throws -> String? {
        guard let asked = query["level"].map(String.init) else { return snapshot.districtLevels.first }
        guard snapshot.districtLevels.contains(asked) else {
            throw Self.apiError(.unknownDistrictLevel(asked, known: snapshot.districtLevels))
        }
        return asked
    }

    /// Gi* hot and cold spots as GeoJSON squares: `cell` and `distance` in metres, `fdr` the false-discovery
    /// rate, filtered by `from`, `to`, `category`; the study area is the districts of `level`.
    func hotspots(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> EncodedJSON {
        let query = request.uri.queryParameters
        let cell = try Self.number(query, "cell", 50...2_000, default: 200, unit: "metres")
        let distance = try Self.number(query, "distance", 50...40_000, default: 400, unit: "metres")
        let rate = try Self.number(query, "fdr", 0.001...0.5, default: 0.05)
        guard distance >= cell && distance <= 20 * cell else {
            throw APIError(.badRequest, "bad-parameter", "distance: \(Int(distance)) m must be 1 to 20 cells of \(Int(cell)) m")
        }
        return try await aggregate(request) { snapshot in
            let outlines = try level(query, snapshot).map { try store.districts(level: $0).map(\.outline) } ?? []
            let map = try snapshot.hotspots(
                filter: try filter(query, snapshot: snapshot), cellSize: cell, distance: distance,
                falseDiscoveryRate: rate, studyArea: outlines)
            return try JSONBody(map.layer).encoded()
        }
    }

    /// The CompStat table by `by` (category, district or source) as of `asOf`, or with `series` (day, week,
    /// month) the counts of whole periods with their decomposition and changes of level.
    func trends(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> EncodedJSON {
        let query = request.uri.queryParameters
        let by = try Self.choice(query, "by", ["category", "district", "source"], default: "category")
        let series = try query["series"].map { _ in try Self.choice(query, "series", ["day", "week", "month"], default: "day") }
        let significance = try Self.number(query, "significance", 0.0001...0.5, default: 0.05)
        let asOf = try Self.day(query, "asOf")
        return try await aggregate(request) { snapshot in
            let filter = try self.filter(query, snapshot: snapshot)
            if let series {
                let grouping: Grouping = series == "day" ? .day : series == "week" ? .week : .month
                let counts = try snapshot.wholePeriodSeries(grouping, filter: filter)
                // Changes of level are found by optimal partitioning, whose work grows with the square of the
                // periods: ten years of days at most.
                guard counts.count <= 3_660 else {
                    throw APIError(.badRequest, "bad-parameter", "series: \(counts.count) days are more than 3,660; narrow from and to, or use week or month")
                }
                return try JSONBody(TrendsDocument.series(counts, period: TrendsDocument.seasonalPeriod(of: grouping))).encoded()
            }
            guard let day = asOf ?? snapshot.dayRange.map({ CivilDate(dayNumber: $0.upperBound) }) else {
                throw APIError(.notFound, "no-data", "the store holds no incident yet")
            }
            let level = try level(query, snapshot)
            let grouping: Grouping
            switch by {
            case "district":
                guard let level else { throw Self.apiError(.unknownDistrictLevel("district", known: [])) }
                grouping = .district(level: level)
            case "source": grouping = .source
            default: grouping = .category
            }
            let names = try GroupLabels(store: store, level: level)
            let table = try snapshot.compStat(asOf: day, grouping: grouping, filter: filter)
            return try JSONBody(TrendsDocument.compStat(table, level: significance) { names.label($0) }).encoded()
        }
    }

    /// What `forecast` and `patrol` read from a query: the forecast's specification and study area.
    func forecastRequest(_ query: Parameters, _ snapshot: IncidentSnapshot) throws -> (ForecastSpecification, [Polygon], String?) {
        let horizonText = query["horizon"].map(String.init) ?? "8h"
        guard let horizon = ForecastMethods.horizon(horizonText) else {
            throw APIError(.badRequest, "bad-parameter", "horizon: '\(horizonText)' must be hours (8h) or days (1d, 7d), at most 31 days")
        }
        let specification = ForecastSpecification(
            method: try Self.choice(query, "method", ForecastMethods.names, default: "best"),
            category: try query["category"].map { text in
                let code = CategoryCode(rawValue: String(text))
                guard Taxonomy.standard.contains(code) else {
                    throw APIError(.badRequest, "bad-parameter", "category: '\(text)' is not a category of the taxonomy")
                }
                return code
            },
            cellSize: try Self.number(query, "cell", 100...2_000, default: 150, unit: "metres"),
            horizon: horizon, day: try Self.day(query, "day"),
            startHour: try Self.integer(query, "startHour", 0...23, default: 0))
        let level = try level(query, snapshot)
        let outlines = try level.map { try store.districts(level: $0).map(\.outline) } ?? []
        return (specification, outlines, level)
    }

    /// The forecast of `method` (or the best measured) for `horizon` from `day` at `startHour`, on cells of
    /// `cell` metres: GeoJSON squares of the riskiest `coverage` per cent of the study area, with the
    /// forecast's provenance and measured accuracy.
    func forecast(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> EncodedJSON {
        let query = request.uri.queryParameters
        let coverage = try Self.number(query, "coverage", 0.1...100, default: 5)
        return try await aggregate(request) { snapshot in
            let (specification, outlines, _) = try forecastRequest(query, snapshot)
            guard snapshot.dayRange != nil else { throw APIError(.notFound, "no-data", "the store holds no incident yet") }
            let forecast = try snapshot.forecast(specification, studyArea: outlines, accuracies: accuracies)
            return try JSONBody(ForecastDocument.layer(forecast, coverage: coverage / 100)).encoded()
        }
    }

    /// A patrol plan for `units` areas of `radius` metres at least `spacing` apart, on the forecast the
    /// same parameters as `forecast` ask for; `format=geojson` gives the areas as circles for a map.
    func patrol(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> EncodedJSON {
        let query = request.uri.queryParameters
        let format = try Self.choice(query, "format", ["json", "geojson"], default: "json")
        return try await aggregate(request) { snapshot in
            let (plan, names, _) = try patrolPlan(query, snapshot)
            return format == "geojson"
                ? try JSONBody(ForecastDocument.planLayer(plan, names: names)).encoded()
                : try JSONBody(ForecastDocument.plan(plan, names: names)).encoded()
        }
    }

    /// The plan a query asks for, the names of its places and the districts drawn around it.
    func patrolPlan(_ query: Parameters, _ snapshot: IncidentSnapshot) throws -> (PatrolPlan, PlaceNames, [District]) {
        let units = try Self.integer(query, "units", 1...200, default: 6)
        let radius = try Self.number(query, "radius", 50...5_000, default: 250, unit: "metres")
        let spacing = try Self.number(query, "spacing", 0...20_000, default: 600, unit: "metres")
        let (specification, outlines, level) = try forecastRequest(query, snapshot)
        guard snapshot.dayRange != nil else { throw APIError(.notFound, "no-data", "the store holds no incident yet") }
        guard radius <= 50 * specification.cellSize else {
            throw APIError(.badRequest, "bad-parameter", "radius: \(Int(radius)) m is more than 50 cells of \(Int(specification.cellSize)) m")
        }
        let forecast = try snapshot.forecast(specification, studyArea: outlines, accuracies: accuracies)
        let plan: PatrolPlan
        do {
            plan = try PatrolPlan.make(
                forecast, units: units, radius: radius, spacing: spacing,
                recentDailyIncidents: try snapshot.recentDailyIncidents(before: forecast.origin, category: specification.category))
        } catch let error as PatrolPlanError {
            throw APIError(.badRequest, "bad-parameter", error.description)
        }
        let districts = try level.map { try store.districts(level: $0) } ?? []
        return (plan, PlaceNames(districts: districts, projection: forecast.grid.projection), districts)
    }

    struct Acknowledgement: Decodable {
        let note: String?
    }

    /// Acknowledges an open alert, with an optional note: who and when are recorded with it.
    func acknowledgeAlert(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(Int64.init), id > 0 else {
            throw APIError(.notFound, "not-found", "id: there is no alert with this id")
        }
        var note: String?
        let body = try await Self.body(of: request)
        if body.readableBytes > 0 {
            guard let decoded = try? JSONDecoder().decode(Acknowledgement.self, from: Data(buffer: body)) else {
                throw APIError(.badRequest, "bad-request", "send {\"note\": …} as JSON, or no body")
            }
            note = decoded.note?.trimmingCharacters(in: .whitespacesAndNewlines)
            if let text = note, text.count > 2_000 {
                throw APIError(.badRequest, "bad-parameter", "note: \(text.count) characters are more than 2,000")
            }
        }
        try acknowledge(alertID: id, by: account.name, note: note)
        return Response(status: .noContent)
    }
}

extension APIRoutes {
    /// Acknowledges an open alert for the API and the overview's form alike: an unknown alert is a 404, one
    /// acknowledged already (before the check or between it and the write) a 409; an empty note is none.
    func acknowledge(alertID id: Int64, by person: String, note: String?) throws {
        guard let alert = try store.alerts(includeAcknowledged: true, limit: 100_000).first(where: { $0.id == id }) else {
            throw APIError(.notFound, "not-found", "id: there is no alert \(id)")
        }
        guard alert.acknowledgedAt == nil else {
            throw APIError(.conflict, "already-acknowledged", "alert \(id) was acknowledged by \(alert.acknowledgedBy ?? "someone") already")
        }
        do {
            try store.acknowledge(alertID: id, by: person, note: note?.isEmpty == false ? note : nil, at: Date())
        } catch {
            throw APIError(.conflict, "already-acknowledged", "alert \(id) was acknowledged by someone else meanwhile")
        }
    }
}

/// The words people read for group keys: source names, district names.
struct GroupLabels {
    private let sources: [Int64: String]
    private let districts: [String: String]

    init(store: any ServedStore, level: String?) throws {
        sources = Dictionary(uniqueKeysWithValues: try store.sources().compactMap { source in source.id.map { ($0, source.name) } })
        districts = Dictionary(try level.map { try store.districts(level: $0) }?.map { ($0.code, $0.name) } ?? []) { first, _ in first }
    }

    func label(_ key: GroupKey?) -> String {
        guard let key else { return "all" }
        return switch key {
        case .source(let id): sources[id] ?? "\(id)"
        case .district(let code?): districts[code].map { "\(code) \($0)" } ?? code
        case .district(nil): "(none)"
        default: key.text
        }
    }
}

/// Measures the forecast methods' accuracy for the forecast people ask most (the next shifts of 8 hours, all
/// categories, the default cells) when the server starts and every hour after, so that the first commander
/// of the day does not wait for ninety forecasts per method.
struct ForecastWarmer: Service {
    let api: APIRoutes
    let logger: Logger
    /// The shifts warmed, by their local start hour.
    static let shifts = [0, 8, 16]

    func run() async throws {
        // A graceful shutdown cancels the wait, and this service ends without an error.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await warm()
                try await Task.sleep(for: .seconds(3_600))
            }
        }
    }

    func warm() async {
        let snapshot: IncidentSnapshot
        do {
            snapshot = try await api.snapshots.current()
        } catch {
            logger.error("measuring the forecast methods failed: \(error)")
            return
        }
        guard snapshot.dayRange != nil else { return }
        let (api, logger) = (self.api, self.logger)
        // Minutes of work on a low-priority thread of its own, not on the threads requests are served from. A
        // shutdown does not wait for it: the process ends with it.
        let gate = Gate()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                guard gate.hold(done) else { return }
                Self.queue.async {
                    do {
                        let outlines = try snapshot.districtLevels.first.map { try api.store.districts(level: $0).map(\.outline) } ?? []
                        let started = Date()
                        for hour in Self.shifts {
                            _ = try snapshot.forecast(
                                ForecastSpecification(horizon: 8 * 3_600, startHour: hour), studyArea: outlines,
                                accuracies: api.accuracies)
                        }
                        logger.info("forecast methods measured for the next shifts in \(Int(Date().timeIntervalSince(started))) s")
                    } catch {
                        logger.error("measuring the forecast methods failed: \(error)")
                    }
                    gate.open()
                }
            }
        } onCancel: {
            gate.open()
        }
    }

    /// A wait that ends once, when the work is done or the wait is cancelled, whichever comes first.
    final class Gate: Sendable {
        private let state = Mutex<(opened: Bool, waiting: CheckedContinuation<Void, Never>?)>((false, nil))

        /// Keeps the continuation until the gate opens; resumes it at once and answers false if it is open.
        func hold(_ continuation: CheckedContinuation<Void, Never>) -> Bool {
            let open = state.withLock { state in
                if !state.opened { state.waiting = continuation }
                return state.opened
            }
            if open { continuation.resume() }
            return !open
        }

        func open() {
            let waiting = state.withLock { state in
                defer { state = (true, nil) }
                return state.waiting
            }
            waiting?.resume()
        }
    }

    static let queue = DispatchQueue(label: "vigie.forecast-warmer", qos: .utility)
}

/// One incident as the API shows it: where it comes from, what, when and where, with the precision of each.
struct IncidentView: Encodable, Sendable {
    let id: Int64
    let source: String
    let reference: String
    let category: String
    let rawLabel: String
    let occurredAt: Date
    let timePrecision: String
    let latitude: Double?
    let longitude: Double?
    let locationPrecisionMeters: Double?
    let districts: [String: String]
    let attributes: [String: String]
}

struct IncidentPage: Encodable, Sendable {
    let total: Int
    let offset: Int
    let limit: Int
    let incidents: [IncidentView]
}

extension APIRoutes {
    /// Incidents one by one, the latest first, filtered by `from`, `to`, `category`, `source` (names, repeated)
    /// and `district` with `level`; `limit` (1–1,000, 100 by default) from `offset`.
    func incidents(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> JSONBody<IncidentPage> {
        let query = request.uri.queryParameters
        let limit = try Self.integer(query, "limit", 1...1_000, default: 100)
        let offset = try Self.integer(query, "offset", 0...10_000_000, default: 0)
        let snapshot = try await snapshots.current()
        var filter = try self.filter(query, snapshot: snapshot)
        let names = Dictionary(uniqueKeysWithValues: try store.sources().compactMap { source in source.id.map { ($0, source.name) } })
        let districts = query.getAll("district").map { String($0) }
        if !districts.isEmpty {
            guard let level = try level(query, snapshot) else { throw Self.apiError(.unknownDistrictLevel("", known: [])) }
            filter.districts = (level, Set(districts))
        }
        do {
            let (ids, total) = try snapshot.incidentIDs(filter: filter, offset: offset, limit: limit)
            return JSONBody(IncidentPage(total: total, offset: offset, limit: limit, incidents: try store.incidents(ids: ids).map { incident in
                IncidentView(
                    id: incident.id ?? 0, source: names[incident.sourceID] ?? String(incident.sourceID),
                    reference: incident.sourceReference, category: incident.category.rawValue, rawLabel: incident.rawLabel,
                    occurredAt: incident.occurredAt, timePrecision: incident.timePrecision.rawValue,
                    latitude: incident.location?.latitude, longitude: incident.location?.longitude,
                    locationPrecisionMeters: incident.locationPrecisionMeters, districts: incident.districts,
                    attributes: incident.attributes)
            }))
        } catch let error as AnalyticsError {
            throw Self.apiError(error)
        }
    }
}

extension APIRoutes {
    /// Scans `days` (the latest day holding an incident and the day before when `nil`) for anomalies on the
    /// current snapshot and records the new ones: those already recorded are not recorded again.
    func recordAlerts(days: ClosedRange<Int>?, falseDiscoveryRate: Double, skippingShortHistory: Bool = false) async throws
        -> (recorded: [Alert], notes: [String])
    {
        let snapshot = try await snapshots.current()
        guard let range = snapshot.dayRange else { return ([], ["the store holds no incident yet"]) }
        let scanned = days ?? max(range.lowerBound, range.upperBound - 1)...range.upperBound
        let scan = try snapshot.scanAlerts(
            days: scanned, level: snapshot.districtLevels.first, falseDiscoveryRate: falseDiscoveryRate,
            skippingShortHistory: skippingShortHistory)
        return (try store.record(scan.alerts), scan.notes)
    }

    struct ScanAnswer: Encodable, Sendable {
        let recorded: [AlertView]
        let notes: [String]
    }

    /// Scans the days from `from` to `to` (exclusive; the latest two days by default) for excess days per
    /// district and category and lasting changes of level, at the false-discovery rate `fdr`, and records
    /// the new alerts.
    func scanAlerts(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> JSONBody<ScanAnswer> {
        let query = request.uri.queryParameters
        let rate = try Self.number(query, "fdr", 0.001...0.5, default: 0.05)
        let snapshot = try await snapshots.current()
        var days: ClosedRange<Int>?
        if let from = try Self.day(query, "from") {
            let to = try Self.day(query, "to").map { $0.dayNumber - 1 } ?? snapshot.dayRange?.upperBound ?? from.dayNumber
            guard from.dayNumber <= to, to - from.dayNumber < 366 else {
                throw APIError(.badRequest, "bad-parameter", "from, to: give a period of 1 to 366 days, `to` exclusive")
            }
            days = from.dayNumber...to
        } else if query["to"] != nil {
            throw APIError(.badRequest, "bad-parameter", "to: give `from` with it")
        }
        do {
            let (recorded, notes) = try await recordAlerts(days: days, falseDiscoveryRate: rate)
            return JSONBody(ScanAnswer(recorded: recorded.map(AlertView.init), notes: notes))
        } catch let error as AnalyticsError {
            throw Self.apiError(error)
        }
    }
}

/// Scans the latest days for anomalies every quarter of an hour while the server runs, so that the open
/// alerts follow the incidents as they arrive, with no scheduled job to set up.
struct AlertScanner: Service {
    let api: APIRoutes
    let logger: Logger
    static let interval: Duration = .seconds(900)

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let (recorded, _) = try await api.recordAlerts(days: nil, falseDiscoveryRate: 0.05, skippingShortHistory: true)
                    if !recorded.isEmpty { logger.info("\(recorded.count) new alert(s) recorded") }
                } catch {
                    logger.error("scanning for alerts failed: \(error)")
                }
                try await Task.sleep(for: Self.interval)
            }
        }
    }
}
