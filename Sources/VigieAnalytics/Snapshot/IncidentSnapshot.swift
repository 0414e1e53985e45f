import Foundation
import VigieCore

/// Every incident as columns in memory (position in metres, time, local day and hour of the week, category,
/// source, districts), built from the store and kept up to date by reading its incident feed.
///
/// Queries scan these contiguous columns; nothing personal is held, only places, times and categories.
/// A removed incident keeps its row with the category `IncidentSnapshot.removed`, which no filter accepts.
public struct IncidentSnapshot: Sendable {
    /// The category value of a removed incident's row.
    static let removed: UInt8 = 255
    /// The hour-of-week value of an incident whose hour is not known (day or month precision).
    static let unknownHour: UInt8 = 255

    /// The metric projection positions are held in.
    public internal(set) var projection: LocalProjection?
    /// The zone local days and hours are counted in.
    public let timeZone: TimeZone
    let clock: LocalClock
    /// Where the last refresh stopped reading the store.
    public internal(set) var cursor: IncidentFeedCursor?
    /// District levels, sorted, and each level's codes in the order the district columns refer to.
    public internal(set) var districtLevels: [String] = []
    public internal(set) var districtCodes: [[String]] = []
    /// Source ids, in the order the source column refers to.
    public internal(set) var sourceIDs: [Int64] = []
    var sourceIndex: [Int64: UInt16] = [:]

    /// Incident ids, increasing. This and the columns below hold one entry per row, readable so that other
    /// tools can scan the same rows.
    public internal(set) var ids = ContiguousArray<Int64>()
    /// Metres east and north of the projection origin; NaN when the position is unknown.
    public internal(set) var x = ContiguousArray<Float>()
    public internal(set) var y = ContiguousArray<Float>()
    /// UTC seconds.
    public internal(set) var time = ContiguousArray<Int64>()
    /// The local day number (days since 1970-01-01 in the deployment's zone).
    public internal(set) var day = ContiguousArray<Int32>()
    /// 0 for Monday 00:00–01:00 local time up to 167, or `unknownHour`.
    public internal(set) var hourOfWeek = ContiguousArray<UInt8>()
    /// `TimePrecision` as 0 exact, 1 hour, 2 day, 3 month.
    public internal(set) var precision = ContiguousArray<UInt8>()
    /// Position in the standard taxonomy, or `removed`.
    public internal(set) var category = ContiguousArray<UInt8>()
    public internal(set) var source = ContiguousArray<UInt16>()
    /// Per district level, the index of the incident's code, or -1.
    public internal(set) var districts: [ContiguousArray<Int16>] = []
    /// The earliest and latest time of each block of `blockSize` rows (a zone map): a scan skips the blocks a
    /// period leaves out, and the time test in the blocks it holds whole.
    var blockTimes = ContiguousArray<(first: Int64, last: Int64)>()
    /// Rows per block of the zone map and of a scan.
    static let blockSize = 4_096
    /// The extent of located incidents, in metres.
    public internal(set) var extent: BoundingBox?
    /// The first and last local day of any incident read (removals do not narrow it).
    public internal(set) var dayRange: ClosedRange<Int>?

    /// An empty snapshot; positions are projected around `origin`, or around the first located incident.
    public init(timeZone: TimeZone, origin: GeoPoint? = nil) {
        self.timeZone = timeZone
        projection = origin.map(LocalProjection.init(origin:))
        clock = LocalClock(
            timeZone: timeZone, from: Date(timeIntervalSince1970: -2_208_988_800),
            to: Date(timeIntervalSince1970: 4_102_444_800))
    }

    /// The local wall-clock seconds and local day number of a UTC instant.
    func localTime(utc seconds: Int) -> (seconds: Int, day: Int) {
        let local = clock.local(utc: seconds)
        return (local, local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    }

    /// Incidents held, removed ones included.
    public var rowCount: Int { ids.count }

    /// Incidents held and not removed.
    public var incidentCount: Int { category.reduce(0) { $0 + ($1 == Self.removed ? 0 : 1) } }

    /// Bytes held by the columns.
    public var columnBytes: Int {
        ids.count * (8 + 4 + 4 + 8 + 4 + 1 + 1 + 1 + 2 + 2 * districts.count)
    }
}

extension IncidentSnapshot {
    /// The local day (days since 1970-01-01 in the snapshot's zone) of an instant.
    public func localDay(of date: Date) -> Int { localTime(utc: Int(date.timeIntervalSince1970.rounded(.down))).day }

    /// The instant a local day starts in the snapshot's zone.
    public func start(of day: CivilDate) -> Date { start(of: day, hour: 0) }

    /// The instant a wall-clock duration after another in the snapshot's zone: a day after 00:00 is the next
    /// 00:00, even across a change of clocks.
    public func instant(_ seconds: TimeInterval, afterWallClock start: Date) -> Date {
        let local = localTime(utc: Int(start.timeIntervalSince1970.rounded(.down))).seconds
        return Date(timeIntervalSince1970: Double(clock.utc(local: local + Int(seconds))))
    }

    /// The instant of a local hour of a day in the snapshot's zone (a skipped hour moves forward).
    public func start(of day: CivilDate, hour: Int) -> Date {
        Date(timeIntervalSince1970: Double(clock.utc(local: day.dayNumber * 86_400 + hour * 3_600)))
    }
}
