import Foundation
import VigieCore

/// A dimension made concrete for one query: its keys, and how a row's columns give its key.
struct ResolvedGrouping {
    enum Kind {
        case category
        case source
        case district(level: Int)
        case hourOfWeek
        /// Local days from `first` map through the table to a key, or -1.
        case days(first: Int, table: [Int32])
        case cell(SquareGrid)
    }

    var kind: Kind
    /// The possible values, in key order; empty for cells, whose values are their indices.
    var keys: [GroupKey]
    /// Whether incidents known only to the month are counted (month groups only).
    var includesMonthPrecision = false

    var cardinality: Int {
        if case .cell(let grid) = kind { return grid.count }
        return keys.count
    }

    var grid: SquareGrid? {
        if case .cell(let grid) = kind { return grid }
        return nil
    }
}

extension IncidentSnapshot {
    func resolve(_ dimension: Grouping, filter: IncidentFilter, compiled: CompiledFilter) throws -> ResolvedGrouping {
        switch dimension {
        case .category:
            return ResolvedGrouping(kind: .category, keys: Taxonomy.standard.categories.map { .category($0.code) })
        case .source:
            return ResolvedGrouping(kind: .source, keys: sourceIDs.map(GroupKey.source))
        case .district(let level):
            guard let index = districtLevels.firstIndex(of: level) else {
                throw AnalyticsError.unknownDistrictLevel(level, known: districtLevels)
            }
            return ResolvedGrouping(
                kind: .district(level: index), keys: districtCodes[index].map(GroupKey.district) + [.district(nil)])
        case .hourOfWeek:
            return ResolvedGrouping(
                kind: .hourOfWeek, keys: (0..<168).map { .hourOfWeek(weekday: $0 / 24, hour: $0 % 24) })
        case .day, .week, .month:
            let (first, last) = days(of: filter)
            var table: [Int32] = []
            var keys: [GroupKey] = []
            if first <= last {
                table.reserveCapacity(last - first + 1)
                for dayNumber in first...last {
                    let date = CivilDate(dayNumber: dayNumber)
                    let key: GroupKey = switch dimension {
                    case .week: .week(date.adding(days: -date.weekday))
                    case .month: .month(CivilDate(year: date.year, month: date.month, day: 1))
                    default: .day(date)
                    }
                    if keys.last != key { keys.append(key) }
                    table.append(Int32(keys.count - 1))
                }
            }
            return ResolvedGrouping(
                kind: .days(first: first, table: table), keys: keys, includesMonthPrecision: dimension == .month)
        case .cell(let size):
            // Density surfaces count on quarter cells; `count` holds users to 10 m and more.
            guard size >= 2.5 && size <= 10_000 else { throw AnalyticsError.invalidCellSize(size) }
            let covered = compiled.box.map {
                BoundingBox(minX: Double($0.minX), minY: Double($0.minY), maxX: Double($0.maxX), maxY: Double($0.maxY))
            }
            guard let region = covered ?? extent else {
                return ResolvedGrouping(kind: .cell(SquareGrid(minX: 0, minY: 0, cellSize: size, columns: 1, rows: 1)), keys: [])
            }
            let minX = (region.minX / size).rounded(.down) * size
            let minY = (region.minY / size).rounded(.down) * size
            let columns = Int(((region.maxX - minX) / size).rounded(.down)) + 1
            let rows = Int(((region.maxY - minY) / size).rounded(.down)) + 1
            guard columns * rows <= Self.maximumGroups else { throw AnalyticsError.tooManyGroups(columns * rows) }
            let grid = SquareGrid(minX: minX, minY: minY, cellSize: size, columns: columns, rows: rows)
            return ResolvedGrouping(kind: .cell(grid), keys: [])
        }
    }

    /// The local days a series covers: the filter's period when it gives one, the data's otherwise.
    private func days(of filter: IncidentFilter) -> (Int, Int) {
        let first = filter.from.map(localDay(of:)) ?? dayRange?.lowerBound ?? 0
        let last = filter.to.map { localDay(of: $0.addingTimeInterval(-1)) } ?? dayRange?.upperBound ?? -1
        return (first, last)
    }
}
