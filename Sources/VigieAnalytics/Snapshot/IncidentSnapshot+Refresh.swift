import Foundation
import VigieCore

/// What one refresh changed.
public struct SnapshotRefresh: Hashable, Sendable {
    /// Whether everything was read again.
    public var fullReload = false
    /// Incidents added, updated and removed.
    public var added = 0
    public var updated = 0
    public var removed = 0

    /// Creates a summary.
    public init(fullReload: Bool = false, added: Int = 0, updated: Int = 0, removed: Int = 0) {
        self.fullReload = fullReload
        self.added = added
        self.updated = updated
        self.removed = removed
    }
}

extension IncidentSnapshot {
    /// Builds a snapshot of everything `feed` holds.
    public static func build(
        from feed: some IncidentFeed, timeZone: TimeZone, origin: GeoPoint? = nil
    ) throws -> IncidentSnapshot {
        var snapshot = IncidentSnapshot(timeZone: timeZone, origin: origin)
        try snapshot.refresh(from: feed)
        return snapshot
    }

    /// Reads what changed in the store since the last refresh and applies it.
    @discardableResult
    public mutating func refresh(from feed: some IncidentFeed, chunkSize: Int = 65_536) throws -> SnapshotRefresh {
        var summary = SnapshotRefresh()
        cursor = try feed.readIncidentFeed(since: cursor, chunkSize: chunkSize) { event in
            switch event {
            case .start(let fullReload, let removedIDs, let codes):
                summary.fullReload = fullReload
                if fullReload { try reset(districtCodes: codes) }
                for id in removedIDs {
                    if let row = row(of: id), category[row] != Self.removed {
                        category[row] = Self.removed
                        summary.removed += 1
                    }
                }
            case .rows(let chunk):
                apply(chunk, summary: &summary)
            }
        }
        return summary
    }

    private mutating func reset(districtCodes codes: [String: [String]]) throws {
        // District indices are held in 16 bits.
        if let (level, list) = codes.first(where: { $0.value.count > Int(Int16.max) }) {
            throw AnalyticsError.tooManyDistricts(level: level, count: list.count)
        }
        districtLevels = codes.keys.sorted()
        districtCodes = districtLevels.map { codes[$0]! }
        ids.removeAll()
        x.removeAll()
        y.removeAll()
        time.removeAll()
        day.removeAll()
        hourOfWeek.removeAll()
        blockTimes.removeAll()
        precision.removeAll()
        category.removeAll()
        source.removeAll()
        districts = districtLevels.map { _ in ContiguousArray<Int16>() }
        extent = nil
        dayRange = nil
    }

    /// The row holding incident `id`, found by bisection since ids only grow.
    func row(of id: Int64) -> Int? {
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == id ? low : nil
    }

    private mutating func apply(_ chunk: IncidentFeedChunk, summary: inout SnapshotRefresh) {
        if projection == nil, let first = chunk.latitudes.indices.first(where: { !chunk.latitudes[$0].isNaN }) {
            projection = LocalProjection(origin: GeoPoint(latitude: chunk.latitudes[first], longitude: chunk.longitudes[first]))
        }
        let levelColumns = districtLevels.map { chunk.districtIndices[$0] }
        var bounds = (minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity)
        var days = (first: Int.max, last: Int.min)
        defer {
            if bounds.minX <= bounds.maxX {
                let box = BoundingBox(minX: bounds.minX, minY: bounds.minY, maxX: bounds.maxX, maxY: bounds.maxY)
                extent = extent.map { $0.union(box) } ?? box
            }
            if days.first <= days.last {
                dayRange = dayRange.map { min($0.lowerBound, days.first)...max($0.upperBound, days.last) }
                    ?? days.first...days.last
            }
        }
        for index in 0..<chunk.count {
            let id = chunk.ids[index]
            var point = (x: Float.nan, y: Float.nan)
            if let projection, !chunk.latitudes[index].isNaN {
                let projected = projection.project(
                    GeoPoint(latitude: chunk.latitudes[index], longitude: chunk.longitudes[index]))
                point = (Float(projected.x), Float(projected.y))
                // The extent of the positions as held, so that a grid covering it covers every one of them.
                let (heldX, heldY) = (Double(point.x), Double(point.y))
                bounds = (min(bounds.minX, heldX), min(bounds.minY, heldY), max(bounds.maxX, heldX), max(bounds.maxY, heldY))
            }
            let seconds = Int64(chunk.occurredAt[index].rounded(.down))
            let (local, localDay) = localTime(utc: Int(seconds))
            let timePrecision = chunk.timePrecisions[index]
            let hour: UInt8
            switch timePrecision {
            case .exact, .hour:
                let weekday = CivilDate.weekday(dayNumber: localDay)
                hour = UInt8(weekday * 24 + (local - localDay * 86_400) / 3_600)
            case .day, .month:
                hour = Self.unknownHour
            }
            days = (min(days.first, localDay), max(days.last, localDay))
            let sourceRow = sourceSlot(chunk.sourceIDs[index])
            let precisionCode: UInt8 = switch timePrecision {
            case .exact: 0
            case .hour: 1
            case .day: 2
            case .month: 3
            }
            if let last = ids.last, id <= last {
                guard let row = row(of: id) else { continue }
                summary.updated += 1
                let block = row / Self.blockSize
                blockTimes[block] = (min(blockTimes[block].first, seconds), max(blockTimes[block].last, seconds))
                x[row] = point.x
                y[row] = point.y
                time[row] = seconds
                day[row] = Int32(localDay)
                hourOfWeek[row] = hour
                precision[row] = precisionCode
                category[row] = chunk.categoryPositions[index]
                source[row] = sourceRow
                for level in districts.indices {
                    districts[level][row] = Int16(truncatingIfNeeded: levelColumns[level]?[index] ?? -1)
                }
            } else {
                summary.added += 1
                if ids.count % Self.blockSize == 0 {
                    blockTimes.append((seconds, seconds))
                } else {
                    let block = blockTimes.count - 1
                    blockTimes[block] = (min(blockTimes[block].first, seconds), max(blockTimes[block].last, seconds))
                }
                ids.append(id)
                x.append(point.x)
                y.append(point.y)
                time.append(seconds)
                day.append(Int32(localDay))
                hourOfWeek.append(hour)
                precision.append(precisionCode)
                category.append(chunk.categoryPositions[index])
                source.append(sourceRow)
                for level in districts.indices {
                    districts[level].append(Int16(truncatingIfNeeded: levelColumns[level]?[index] ?? -1))
                }
            }
        }
    }

    private mutating func sourceSlot(_ id: Int64) -> UInt16 {
        if let slot = sourceIndex[id] { return slot }
        let slot = UInt16(sourceIDs.count)
        sourceIDs.append(id)
        sourceIndex[id] = slot
        return slot
    }
}
