import Foundation
import VigieCore

extension IncidentSnapshot {
    /// One located incident, for a map.
    public struct Point: Sendable {
        public let latitude: Double
        public let longitude: Double
        public let category: CategoryCode
        /// UTC seconds.
        public let time: Int64
    }

    /// The located incidents `filter` keeps, at most `limit` of them (the latest), in WGS84, and how many
    /// there were in all.
    public func points(filter: IncidentFilter, limit: Int) throws -> (points: [Point], total: Int) {
        guard let projection else { return ([], 0) }
        let codes = Taxonomy.standard.categories.map(\.code)
        let located = try rows(filter).map(Int.init).filter { !x[$0].isNaN }
        let kept = located.count <= limit ? located : Array(located.sorted { time[$0] < time[$1] }.suffix(limit))
        return (kept.map { row in
            let point = projection.unproject(PlanarPoint(x: Double(x[row]), y: Double(y[row])))
            return Point(
                latitude: (point.latitude * 1e6).rounded() / 1e6, longitude: (point.longitude * 1e6).rounded() / 1e6,
                category: codes[Int(category[row])], time: time[row])
        }, located.count)
    }
}

extension IncidentSnapshot {
    /// The ids of the incidents `filter` keeps, the latest first (ties by the highest id), `limit` of them
    /// after skipping `offset`, and how many there are in all: a page of a list.
    public func incidentIDs(filter: IncidentFilter, offset: Int, limit: Int) throws -> (ids: [Int64], total: Int) {
        let rows = try self.rows(filter).map(Int.init)
        let ordered = rows.sorted { time[$0] != time[$1] ? time[$0] > time[$1] : ids[$0] > ids[$1] }
        guard offset < ordered.count else { return ([], ordered.count) }
        return (ordered[offset..<min(ordered.count, offset + limit)].map { ids[$0] }, ordered.count)
    }
}
