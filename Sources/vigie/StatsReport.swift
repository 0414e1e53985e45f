import Foundation
import VigieAnalytics
import VigieCore
import VigieStore

/// A count table with the names people read: district names and populations, source names, dates.
struct StatsReport {
    struct Row {
        var keys: [GroupKey]
        var count: Int
        /// The district the row is about, when grouped by district.
        var district: District?
        var rate: Double? {
            guard let population = district?.population, population > 0 else { return nil }
            return (Double(count) * 1_000 / Double(population) * 100).rounded() / 100
        }
    }

    let table: CountTable
    let rows: [Row]
    private let names: GroupNames
    private let hasDistrict: Bool

    init(table: CountTable, store: SQLiteStore) throws {
        self.table = table
        names = try GroupNames(store: store)
        var districts: [String: District] = [:]
        var hasDistrict = false
        for case .district(let level) in table.dimensions {
            hasDistrict = true
            for district in try store.districts(level: level) { districts[district.code] = district }
        }
        self.hasDistrict = hasDistrict
        let sparse = table.dimensions.contains { if case .cell = $0 { true } else { false } }
        let shown = table.rows(nonZeroOnly: sparse).filter { row in
            // The group of incidents in no district is shown only when some are.
            row.count > 0 || !row.keys.contains(.district(nil))
        }
        rows = shown.map { keys, count in
            let code = keys.lazy.compactMap { key -> String? in
                if case .district(let code) = key { return code }
                return nil
            }.first
            return Row(keys: keys, count: count, district: code.flatMap { districts[$0] })
        }
    }

    var header: [String] {
        table.dimensions.flatMap(Self.columns) + ["count"] + (hasDistrict ? ["population", "per_1000"] : [])
    }

    func cells(_ row: Row) -> [String] {
        var cells: [String] = []
        for key in row.keys {
            switch key {
            case .category(let code): cells.append(code.rawValue)
            case .source: cells.append(names.label(key))
            case .district(let code): cells += [code ?? "(none)", row.district?.name ?? ""]
            case .hourOfWeek(let weekday, let hour): cells += [GroupNames.weekdays[weekday], String(hour)]
            case .day, .week, .month: cells.append(GroupNames.period(key) ?? "")
            case .cell(let index):
                let centre = table.grid.map { $0.cellCenter(index) }
                let position = centre.flatMap { centre in table.projection?.unproject(centre) }
                cells += [String(index), position.map { String(format: "%.6f", $0.latitude) } ?? "",
                    position.map { String(format: "%.6f", $0.longitude) } ?? ""]
            }
        }
        cells.append(String(row.count))
        if hasDistrict {
            cells += [row.district?.population.map(String.init) ?? "", row.rate.map { String(format: "%.2f", $0) } ?? ""]
        }
        return cells
    }

    var json: JSONOutput {
        .object([
            "matched": .integer(table.matched),
            "counted": .integer(table.total),
            "dimensions": .array(table.dimensions.map { .string(Self.name($0)) }),
            "cellSize": table.grid.map { .number($0.cellSize) } ?? .null,
            "groups": .array(rows.map { .object(properties($0)) }),
        ])
    }

    var geoJSON: JSONOutput {
        GeoJSONOutput.featureCollection(rows.map { (outline($0), properties($0)) })
    }

    private func outline(_ row: Row) -> Polygon? {
        if let district = row.district { return district.outline }
        for case .cell(let index) in row.keys { return table.outline(ofCell: index) }
        return nil
    }

    private func properties(_ row: Row) -> [String: JSONOutput] {
        var properties: [String: JSONOutput] = ["count": .integer(row.count)]
        for key in row.keys {
            switch key {
            case .category(let code): properties["category"] = .string(code.rawValue)
            case .source: properties["source"] = .string(names.label(key))
            case .district(let code):
                properties["district"] = code.map(JSONOutput.string) ?? .null
                properties["name"] = row.district.map { .string($0.name) } ?? .null
                properties["population"] = row.district?.population.map(JSONOutput.integer) ?? .null
                properties["ratePer1000"] = row.rate.map(JSONOutput.number) ?? .null
            case .hourOfWeek(let weekday, let hour):
                properties["weekday"] = .string(GroupNames.weekdays[weekday])
                properties["hour"] = .integer(hour)
            case .day: properties["day"] = GroupNames.period(key).map(JSONOutput.string)
            case .week: properties["week"] = GroupNames.period(key).map(JSONOutput.string)
            case .month: properties["month"] = GroupNames.period(key).map(JSONOutput.string)
            case .cell(let index): properties["cell"] = .integer(index)
            }
        }
        return properties
    }

    private static func columns(_ dimension: Grouping) -> [String] {
        switch dimension {
        case .district: ["district", "name"]
        case .hourOfWeek: ["weekday", "hour"]
        case .cell: ["cell", "latitude", "longitude"]
        default: [name(dimension)]
        }
    }

    private static func name(_ dimension: Grouping) -> String {
        switch dimension {
        case .category: "category"
        case .source: "source"
        case .district(let level): "district:\(level)"
        case .hourOfWeek: "hour-of-week"
        case .day: "day"
        case .week: "week"
        case .month: "month"
        case .cell: "cell"
        }
    }
}
