import Foundation
import Hummingbird
import VigieAnalytics
import VigieCore

extension APIRoutes {
    /// The districts of a level (all when `level` is absent) as GeoJSON, for the map's outlines and
    /// choropleths.
    func districts(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> JSONBody<PolygonFeatures> {
        let level = request.uri.queryParameters["level"].map { String($0) }
        let districts = try store.districts(level: level)
        return JSONBody(PolygonFeatures(features: districts.map { district in
            PolygonFeatures.Feature(
                geometry: .init(district.outline),
                properties: [
                    "level": .text(district.level), "code": .text(district.code), "name": .text(district.name),
                    "population": district.population.map(JSONScalar.integer) ?? .null,
                ])
        }))
    }

    /// The kernel density of incidents on square cells, as GeoJSON cells with their density (incidents per
    /// km²); `cell` and `bandwidth` in metres, `from`, `to`, `category` as for statistics.
    func density(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> EncodedJSON {
        let query = request.uri.queryParameters
        func number(_ name: String, _ fallback: Double, _ range: ClosedRange<Double>) throws -> Double {
            guard let text = query[name[...]] else { return fallback }
            guard let value = Double(String(text)), range.contains(value) else {
                throw APIError(.badRequest, "bad-parameter", "\(name): '\(text)' is not a number of metres from \(Int(range.lowerBound)) to \(Int(range.upperBound))")
            }
            return value
        }
        let cell = try number("cell", 100, 25...2_000)
        let bandwidth = try number("bandwidth", 300, 50...5_000)
        // A bandwidth of many cells costs its square in work for every cell: beyond 20 cells, ask for larger cells.
        guard bandwidth <= 20 * cell else {
            throw APIError(.badRequest, "bad-parameter", "bandwidth: \(Int(bandwidth)) m spans more than 20 cells of \(Int(cell)) m; use cells of at least \(Int((bandwidth / 20).rounded(.up))) m")
        }
        return try await aggregate(request) { snapshot in
            let surface = try snapshot.density(filter: try filter(query, snapshot: snapshot), cellSize: cell, bandwidth: bandwidth)
            guard let projection = surface.projection else { return try JSONBody(PolygonFeatures(features: [])).encoded() }
            let grid = surface.grid
            guard grid.count <= 400_000 else {
                throw APIError(.badRequest, "bad-parameter", "cell: \(Int(cell)) m cells make \(grid.count) cells over the city; use larger cells")
            }
            let features = surface.density.indices.filter { surface.density[$0] > 0 }.map { index in
                let centre = grid.cellCenter(index)
                let half = grid.cellSize / 2
                let corners = [(-half, -half), (half, -half), (half, half), (-half, half), (-half, -half)].map { dx, dy in
                    let point = projection.unproject(PlanarPoint(x: centre.x + dx, y: centre.y + dy))
                    return [(point.longitude * 1e6).rounded() / 1e6, (point.latitude * 1e6).rounded() / 1e6]
                }
                return PolygonFeatures.Feature(
                    geometry: .init(coordinates: [[corners]]),
                    properties: ["cell": .integer(index), "density": .number(surface.density[index])])
            }
            return try JSONBody(PolygonFeatures(features: features)).encoded()
        }
    }

    /// A whole-number parameter within `range`, `fallback` when absent; anything else is a bad parameter.
    static func integer(_ query: Parameters, _ name: String, _ range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let text = query[name[...]] else { return fallback }
        guard let value = Int(String(text)), range.contains(value) else {
            throw APIError(.badRequest, "bad-parameter", "\(name): '\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// The filter of `from`, `to` (YYYY-MM-DD, `to` exclusive), `category` and `source` (names; both repeated).
    func filter(_ query: Parameters, snapshot: IncidentSnapshot) throws -> IncidentFilter {
        func day(_ name: String) throws -> Date? {
            try query[name[...]].map { text in
                guard let day = CivilDate(iso: String(text)) else {
                    throw APIError(.badRequest, "bad-parameter", "\(name): '\(text)' is not a date YYYY-MM-DD")
                }
                return snapshot.start(of: day)
            }
        }
        let categories = query.getAll("category").map { CategoryCode(rawValue: String($0)) }
        for category in categories where !Taxonomy.standard.contains(category) {
            throw APIError(.badRequest, "bad-parameter", "category: '\(category.rawValue)' is not a category of the taxonomy")
        }
        var filter = IncidentFilter(from: try day("from"), to: try day("to"), categories: categories.isEmpty ? nil : Set(categories))
        let sources = query.getAll("source").map { String($0) }
        if !sources.isEmpty {
            let register = try store.sources()
            filter.sourceIDs = Set(try sources.map { name in
                guard let id = register.first(where: { $0.name == name })?.id else {
                    throw APIError(.notFound, "not-found", "source: there is no source named '\(name)'")
                }
                return id
            })
        }
        return filter
    }

    struct AlertView: Encodable, Sendable {
        let id: Int64?
        let kind: String
        let day: CivilDate
        let districtLevel: String?
        let districtCode: String?
        let category: String
        let observed: Double
        let expected: Double
        let p: Double?
        let detectedAt: Date
        let acknowledgedAt: Date?
        let acknowledgedBy: String?
        let note: String?

        init(_ alert: Alert) {
            id = alert.id
            kind = alert.kind.rawValue
            day = alert.day
            districtLevel = alert.districtLevel
            districtCode = alert.districtCode
            category = alert.category.rawValue
            observed = alert.observed
            expected = alert.expected
            p = alert.p
            detectedAt = alert.detectedAt
            acknowledgedAt = alert.acknowledgedAt
            acknowledgedBy = alert.acknowledgedBy
            note = alert.note
        }
    }

    /// Open alerts, or all of them with `all=true`.
    func alerts(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> JSONBody<[AlertView]> {
        let all: Bool
        switch request.uri.queryParameters["all"].map({ String($0) }) {
        case nil, "false": all = false
        case "true": all = true
        case let other?: throw APIError(.badRequest, "bad-parameter", "all: '\(other)' is not true or false")
        }
        return JSONBody(try store.alerts(includeAcknowledged: all, limit: 1_000).map(AlertView.init))
    }

    /// Quarantined rows, of one source with `source=NAME`, at most `limit` (default 100).
    func quarantine(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> JSONBody<[QuarantinedRow]> {
        let query = request.uri.queryParameters
        var sourceID: Int64?
        if let name = query["source"] {
            guard let source = try store.source(named: String(name)) else {
                throw APIError(.notFound, "not-found", "source: there is no source named '\(name)'")
            }
            sourceID = source.id
        }
        let limit = try Self.integer(query, "limit", 1...10_000, default: 100)
        return JSONBody(try store.quarantinedRows(sourceID: sourceID, limit: limit))
    }
}

/// Located incidents for the map's clusters: `[latitude, longitude, category]` each.
struct MapPoints: Encodable, Sendable {
    let total: Int
    let truncated: Bool
    let points: [[JSONScalar]]
}

extension APIRoutes {
    /// The located incidents of a period and categories (as for density), the latest `limit` of them (at
    /// most 50,000; 10,000 by default): positions and categories, for clustered markers.
    func points(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> EncodedJSON {
        let query = request.uri.queryParameters
        let limit = try Self.integer(query, "limit", 1...50_000, default: 10_000)
        return try await aggregate(request) { snapshot in
            let (points, total) = try snapshot.points(filter: try filter(query, snapshot: snapshot), limit: limit)
            return try JSONBody(MapPoints(
                total: total, truncated: total > points.count,
                points: points.map { [.number($0.latitude), .number($0.longitude), .text($0.category.rawValue)] }
            )).encoded()
        }
    }
}
