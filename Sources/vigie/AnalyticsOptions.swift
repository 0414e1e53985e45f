import ArgumentParser
import Foundation
import VigieAnalytics
import VigieCore
import VigieStore

/// The filters every analytics command shares, read in the deployment's time zone.
struct AnalyticsOptions: ParsableArguments {
    @Option(help: "First local day counted (YYYY-MM-DD).")
    var from: String?
    @Option(help: "Last local day counted, included (YYYY-MM-DD).")
    var to: String?
    @Option(help: "A category to keep (repeat, or separate with commas); all when none is given.")
    var category: [String] = []
    @Option(help: "A source to keep, by name (repeat, or separate with commas).")
    var source: [String] = []
    @Option(help: "A district code to keep (repeat, or separate with commas), at the level of --level.")
    var district: [String] = []
    @Option(help: "The district level --district and --by district refer to (default: the only one loaded).")
    var level: String?
    @Option(help: "Only incidents in this box: minLon,minLat,maxLon,maxLat in degrees.")
    var area: String?
    @Option(help: "Only incidents within the polygons of this GeoJSON file (a geometry, a feature or a collection).")
    var within: String?

    /// The filter these options describe, checked against what the store holds.
    func filter(store: SQLiteStore, snapshot: IncidentSnapshot) throws -> IncidentFilter {
        var filter = IncidentFilter()
        if let from { filter.from = snapshot.start(of: try Self.day(from, option: "--from")) }
        if let to { filter.to = snapshot.start(of: try Self.day(to, option: "--to").adding(days: 1)) }
        if let from = filter.from, let to = filter.to, from >= to {
            throw ValidationError("--from \(self.from!) comes after --to \(self.to!)")
        }
        let categories = Self.list(category)
        if !categories.isEmpty {
            for code in categories where !Taxonomy.standard.contains(CategoryCode(rawValue: code)) {
                throw ValidationError("--category '\(code)' is not a category; the categories are \(Taxonomy.standard.categories.map(\.code.rawValue).joined(separator: ", "))")
            }
            filter.categories = Set(categories.map(CategoryCode.init(rawValue:)))
        }
        let names = Self.list(source)
        if !names.isEmpty {
            filter.sourceIDs = Set(try names.map { name in
                guard let id = try store.source(named: name)?.id else {
                    throw ValidationError("--source '\(name)' is not registered; `vigie sources list` shows the sources")
                }
                return id
            })
        }
        let codes = Self.list(district)
        if !codes.isEmpty {
            let level = try districtLevel(snapshot)
            for code in codes where !snapshot.districtCodes[snapshot.districtLevels.firstIndex(of: level)!].contains(code) {
                throw ValidationError("--district '\(code)' is not a district of level '\(level)'; `vigie districts list` shows them")
            }
            filter.districts = (level, Set(codes))
        }
        if area != nil && within != nil { throw ValidationError("give --area or --within, not both") }
        if let area { filter.area = .box(try DeploymentCommand.Set.parseArea(area)) }
        if let within { filter.area = .polygon(try Self.polygon(within)) }
        return filter
    }

    /// The district level in force: --level, or the only one loaded.
    func districtLevel(_ snapshot: IncidentSnapshot) throws -> String {
        if let level {
            guard snapshot.districtLevels.contains(level) else {
                throw ValidationError(snapshot.districtLevels.isEmpty
                    ? "--level '\(level)': no districts are loaded; load them with `vigie districts import`"
                    : "--level '\(level)' is not loaded; the levels are \(snapshot.districtLevels.joined(separator: ", "))")
            }
            return level
        }
        switch snapshot.districtLevels.count {
        case 0: throw ValidationError("no districts are loaded; load them with `vigie districts import`")
        case 1: return snapshot.districtLevels[0]
        default:
            throw ValidationError("several district levels are loaded (\(snapshot.districtLevels.joined(separator: ", "))); choose one with --level")
        }
    }

    /// The union of the polygons of a GeoJSON file.
    private static func polygon(_ path: String) throws -> Polygon {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw ValidationError("--within \(path): cannot be read as JSON (\(error.localizedDescription))")
        }
        let object = json as? [String: Any]
        let geometries: [Any] = switch object?["type"] as? String {
        case "FeatureCollection": (object?["features"] as? [[String: Any]] ?? []).compactMap { $0["geometry"] }
        case "Feature": [object?["geometry"] as Any]
        default: [json]
        }
        do {
            let polygons = try geometries.map(Polygon.fromGeoJSONGeometry)
            guard let first = polygons.first else { throw ValidationError("--within \(path) holds no polygon") }
            return polygons.dropFirst().reduce(first) { $0.merging($1) }
        } catch let error as GeometryError {
            throw ValidationError("--within \(path): \(error)")
        }
    }

    private static func list(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    static func day(_ text: String, option: String) throws -> CivilDate {
        guard let date = CivilDate(iso: text), (1900...2100).contains(date.year) else {
            throw ValidationError("\(option) '\(text)' is not a date written YYYY-MM-DD")
        }
        return date
    }
}

/// How analytics results are printed.
enum ResultFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, geojson
}

extension SQLiteStore {
    /// A snapshot of every incident, laid out around the deployment's area, or its districts, when known.
    func analyticsSnapshot() throws -> IncidentSnapshot {
        do {
            return try IncidentSnapshot.build(deploymentOf: self)
        } catch let error as AnalyticsError {
            throw CommandError("\(error)")
        }
    }
}
