import Foundation
import VigieCore

/// Which incidents a query looks at. Every condition left `nil` lets everything through.
///
/// Times are compared as stored: an incident known to the day sits at the start of its local day, one known
/// to the month at the start of its month.
public struct IncidentFilter: Hashable, Sendable {
    /// An area to keep, in WGS84 (x longitude, y latitude).
    public enum Area: Hashable, Sendable {
        case box(BoundingBox)
        case polygon(Polygon)
    }

    /// The first instant kept.
    public var from: Date?
    /// The first instant no longer kept.
    public var to: Date?
    /// Categories kept.
    public var categories: Set<CategoryCode>?
    /// Sources kept, by id.
    public var sourceIDs: Set<Int64>?
    /// The district level and the codes kept at that level.
    public var districts: (level: String, codes: Set<String>)? {
        get { districtLevel.map { ($0, districtCodes) } }
        set {
            districtLevel = newValue?.level
            districtCodes = newValue?.codes ?? []
        }
    }
    private var districtLevel: String?
    private var districtCodes: Set<String> = []
    /// The area kept; incidents without a position are left out when one is set.
    public var area: Area?

    /// Creates a filter.
    public init(
        from: Date? = nil, to: Date? = nil, categories: Set<CategoryCode>? = nil, sourceIDs: Set<Int64>? = nil,
        districts: (level: String, codes: Set<String>)? = nil, area: Area? = nil
    ) {
        self.from = from
        self.to = to
        self.categories = categories
        self.sourceIDs = sourceIDs
        self.area = area
        self.districts = districts
    }
}

/// A filter turned into lookup tables over the snapshot's column values, for the scan.
struct CompiledFilter {
    var from = Int64.min
    var to = Int64.max
    /// Indexed by category position (256 entries, so `removed` is always refused).
    var categories: [Bool]
    /// Indexed by source slot; `nil` keeps every source.
    var sources: [Bool]?
    /// The level's column and, indexed by code index + 1 (0 for none), whether the code is kept.
    var district: (level: Int, kept: [Bool])?
    /// A rectangle in metres every kept row lies in, and the exact test for the rows inside it.
    var box: (minX: Float, minY: Float, maxX: Float, maxY: Float)?
    var exact: ((Double, Double) -> Bool)?

    /// Whether only the period and the categories are tested.
    var periodAndCategoriesOnly: Bool { sources == nil && district == nil && box == nil && exact == nil }

    init(_ filter: IncidentFilter, in snapshot: IncidentSnapshot) throws {
        if let from = filter.from { self.from = Int64(from.timeIntervalSince1970.rounded(.up)) }
        if let to = filter.to { self.to = Int64(to.timeIntervalSince1970.rounded(.up)) }
        categories = [Bool](repeating: false, count: 256)
        for (position, category) in Taxonomy.standard.categories.enumerated()
        where filter.categories?.contains(category.code) ?? true {
            categories[position] = true
        }
        if let unknown = filter.categories?.first(where: { !Taxonomy.standard.contains($0) }) {
            throw AnalyticsError.unknownCategory(unknown.rawValue)
        }
        if let kept = filter.sourceIDs {
            sources = snapshot.sourceIDs.map(kept.contains)
        }
        if let (level, codes) = filter.districts {
            guard let levelIndex = snapshot.districtLevels.firstIndex(of: level) else {
                throw AnalyticsError.unknownDistrictLevel(level, known: snapshot.districtLevels)
            }
            let known = snapshot.districtCodes[levelIndex]
            if let unknown = codes.subtracting(known).sorted().first {
                throw AnalyticsError.unknownDistrict(level: level, code: unknown)
            }
            district = (levelIndex, [false] + known.map(codes.contains))
        }
        switch (filter.area, snapshot.projection) {
        case (nil, _), (_, nil):
            break
        case (.box(let box)?, let projection?):
            // A box of latitudes and longitudes is not a rectangle in metres: rows inside the largest rectangle
            // it contains are in, rows outside the smallest one containing it are out, and the few in between
            // are read back to degrees and tested exactly.
            func edge(_ from: (Double, Double), _ to: (Double, Double)) -> [PlanarPoint] {
                (0...64).map { step in
                    let t = Double(step) / 64
                    return projection.project(GeoPoint(
                        latitude: from.1 + (to.1 - from.1) * t, longitude: from.0 + (to.0 - from.0) * t))
                }
            }
            let south = edge((box.minX, box.minY), (box.maxX, box.minY))
            let north = edge((box.minX, box.maxY), (box.maxX, box.maxY))
            let west = edge((box.minX, box.minY), (box.minX, box.maxY))
            let east = edge((box.maxX, box.minY), (box.maxX, box.maxY))
            let outer = BoundingBox(points: south + north + west + east)!.expanded(by: 1)
            let inner = BoundingBox(
                minX: west.map(\.x).max()! + 1, minY: south.map(\.y).max()! + 1,
                maxX: east.map(\.x).min()! - 1, maxY: north.map(\.y).min()! - 1)
            let degrees = box
            self.box = (Float(outer.minX), Float(outer.minY), Float(outer.maxX), Float(outer.maxY))
            exact = { x, y in
                if inner.contains(x: x, y: y) { return true }
                let point = projection.unproject(PlanarPoint(x: x, y: y))
                return degrees.contains(x: point.longitude, y: point.latitude)
            }
        case (.polygon(let outline)?, let projection?):
            let projected = Self.densified(outline, projection)
            if let bounds = projected.boundingBox {
                box = (Float(bounds.minX), Float(bounds.minY), Float(bounds.maxX), Float(bounds.maxY))
            }
            exact = { x, y in projected.contains(x: x, y: y) }
        }
        if filter.area != nil && snapshot.projection == nil {
            // No incident has a position yet: an area keeps nothing.
            box = (1, 1, 0, 0)
        }
    }

    /// An outline in degrees projected to metres, with points added so that no edge spans more than about
    /// 100 m: a straight edge in degrees is slightly curved in metres, and this keeps the gap under a millimetre.
    static func densified(_ outline: Polygon, _ projection: LocalProjection) -> Polygon {
        let step = 0.001
        return Polygon(parts: outline.parts.map { part in
            part.map { ring in
                var points: [PlanarPoint] = []
                for (index, start) in ring.enumerated() {
                    let end = ring[(index + 1) % ring.count]
                    let pieces = max(1, Int((max(abs(end.x - start.x), abs(end.y - start.y)) / step).rounded(.up)))
                    for piece in 0..<pieces {
                        let t = Double(piece) / Double(pieces)
                        let point = projection.project(GeoPoint(
                            latitude: start.y + (end.y - start.y) * t, longitude: start.x + (end.x - start.x) * t))
                        points.append(PlanarPoint(x: point.x, y: point.y))
                    }
                }
                return points
            }
        })
    }
}
