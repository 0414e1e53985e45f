import Foundation
import VigieCore

/// After the fact: the incidents during and around each past item against what the same place sees at the
/// same hours without an item, so that the office learns which kinds of items need more.
///
/// What is expected comes from the same window moved by whole weeks (±1 to ±4), then by days (±1 to ±3),
/// keeping the first 8 windows that lie within the data and that no item near the place (their grounds
/// within twice `placeMeters`) overlaps; a weekly market's own weeks are thus never its baseline.
public struct AgendaReview: Sendable {
    /// One past item, reviewed.
    public struct Item: Sendable {
        /// Its position in the items given.
        public let index: Int
        /// Incidents within the place during the item and the hour after.
        public let observed: Int
        /// Their mean over the baseline windows, `nil` when no window could be used.
        public let expected: Double?
        /// Baseline windows used.
        public let windows: Int
        /// P(X ≥ observed) for a Poisson count of the expected mean.
        public let pValue: Double?
        /// Officers deployed over officers planned, when both are known.
        public let deployedShare: Double?
    }

    /// One kind of item, over the period.
    public struct KindSummary: Sendable {
        public let kind: PlannedEventKind
        /// Items reviewed, and those with a baseline.
        public let items: Int
        public let compared: Int
        public let observed: Int
        public let expected: Double
        /// Observed over expected, for items with a baseline.
        public var ratio: Double? { expected > 0 ? Double(observed) / expected : nil }
        public let pValue: Double?
        /// The ratio of items deployed with less than the adequate share of their planned officers, and of
        /// the others, when there are such items.
        public let shortRatio: Double?
        public let fullRatio: Double?
    }

    public let items: [PlannedEvent]
    public let reviewed: [Item]
    public let kinds: [KindSummary]
    public let placeMeters: Double

    /// Reviews the items of `items` for which `isReviewed` holds, all of `items` marking the places and
    /// times taken by an item; incidents come from `snapshot`, up to `asOf`.
    public init(
        items: [PlannedEvent], isReviewed: (PlannedEvent) -> Bool, measures: [Int64: [Measure]],
        snapshot: IncidentSnapshot, asOf: Date, placeMeters: Double = 150, adequateShare: Double = 0.8
    ) throws {
        self.items = items
        self.placeMeters = placeMeters
        guard let projection = snapshot.projection, let dataDays = snapshot.dayRange else {
            throw AnalyticsError.insufficientHistory(needed: "located incidents to review items against", dataStart: nil)
        }
        let dataStart = snapshot.start(of: CivilDate(dayNumber: dataDays.lowerBound)).timeIntervalSince1970
        let dataEnd = min(asOf.timeIntervalSince1970,
            snapshot.start(of: CivilDate(dayNumber: dataDays.upperBound + 1)).timeIntervalSince1970)
        let shapes = items.map { AgendaShape($0.geometry, projection: projection) }
        let chosen = items.indices.filter { isReviewed(items[$0]) && items[$0].endsAt.timeIntervalSince1970 <= dataEnd }
        let after = 3_600.0
        let reach = 28 * 86_400.0
        let incidents = try Self.incidents(
            snapshot,
            from: chosen.map { items[$0].startsAt.timeIntervalSince1970 }.min().map { $0 - reach } ?? 0,
            to: chosen.map { items[$0].endsAt.timeIntervalSince1970 }.max().map { $0 + after + reach } ?? 0)
        let neighbours = Self.neighbours(shapes, within: 2 * placeMeters)
        let shifts = [7, -7, 14, -14, 21, -21, 28, -28, 1, -1, 2, -2, 3, -3].map { Double($0) * 86_400 }

        var reviewed: [Item] = []
        for index in chosen {
            let item = items[index]
            let start = item.startsAt.timeIntervalSince1970
            let end = item.endsAt.timeIntervalSince1970 + after
            let observed = incidents.count(from: start, to: end, near: shapes[index], within: placeMeters)
            var baseline: [Int] = []
            for shift in shifts where baseline.count < 8 {
                let (from, to) = (start + shift, end + shift)
                guard from >= dataStart, to <= dataEnd else { continue }
                let taken = ([index] + neighbours[index]).contains { other in
                    items[other].startsAt.timeIntervalSince1970 < to && items[other].endsAt.timeIntervalSince1970 + after > from
                }
                if taken { continue }
                baseline.append(incidents.count(from: from, to: to, near: shapes[index], within: placeMeters))
            }
            let expected = baseline.isEmpty ? nil : Double(baseline.reduce(0, +)) / Double(baseline.count)
            let officers = item.id.flatMap { measures[$0] }?.first { $0.kind == .officers }
            let share = officers.flatMap { m in m.deployed.flatMap { m.planned > 0 ? Double($0) / Double(m.planned) : nil } }
            reviewed.append(Item(
                index: index, observed: observed, expected: expected, windows: baseline.count,
                pValue: expected.map { CountDistribution.upperTail(observed, mean: $0, dispersion: 1) },
                deployedShare: share))
        }
        self.reviewed = reviewed
        kinds = PlannedEventKind.allCases.compactMap { kind in
            let ofKind = reviewed.filter { items[$0.index].kind == kind }
            guard !ofKind.isEmpty else { return nil }
            let compared = ofKind.filter { $0.expected != nil }
            let observed = compared.reduce(0) { $0 + $1.observed }
            let expected = compared.reduce(0) { $0 + $1.expected! }
            func ratio(_ group: [Item]) -> Double? {
                let e = group.reduce(0) { $0 + $1.expected! }
                return group.isEmpty || e <= 0 ? nil : Double(group.reduce(0) { $0 + $1.observed }) / e
            }
            let short = compared.filter { ($0.deployedShare ?? 1) < adequateShare }
            let full = compared.filter { ($0.deployedShare ?? 1) >= adequateShare }
            return KindSummary(
                kind: kind, items: ofKind.count, compared: compared.count, observed: observed, expected: expected,
                pValue: compared.isEmpty ? nil : CountDistribution.upperTail(observed, mean: expected, dispersion: 1),
                shortRatio: short.isEmpty ? nil : ratio(short), fullRatio: short.isEmpty ? nil : ratio(full))
        }
    }

    /// Located incidents known to the hour or better, by time.
    struct Incidents {
        var time: [Double] = []
        var x: [Double] = []
        var y: [Double] = []

        func count(from start: Double, to end: Double, near shape: AgendaShape, within meters: Double) -> Int {
            var low = 0
            var high = time.count
            while low < high {
                let middle = (low + high) / 2
                if time[middle] < start { low = middle + 1 } else { high = middle }
            }
            var found = 0
            var row = low
            let box = shape.box
            while row < time.count, time[row] < end {
                let (px, py) = (x[row], y[row])
                if px >= box.minX - meters, px <= box.maxX + meters, py >= box.minY - meters, py <= box.maxY + meters,
                    shape.distance(to: PlanarPoint(x: px, y: py)) <= meters
                {
                    found += 1
                }
                row += 1
            }
            return found
        }
    }

    static func incidents(_ snapshot: IncidentSnapshot, from: Double, to: Double) throws -> Incidents {
        guard to > from else { return Incidents() }
        let rows = try snapshot.rows(IncidentFilter(
            from: Date(timeIntervalSince1970: from), to: Date(timeIntervalSince1970: to))).map(Int.init).filter {
            snapshot.precision[$0] <= 1 && !snapshot.x[$0].isNaN
        }.sorted { snapshot.time[$0] < snapshot.time[$1] }
        return Incidents(
            time: rows.map { Double(snapshot.time[$0]) }, x: rows.map { Double(snapshot.x[$0]) },
            y: rows.map { Double(snapshot.y[$0]) })
    }

    /// For each shape, the others within `meters` of it, found through a grid of 1 km buckets.
    static func neighbours(_ shapes: [AgendaShape], within meters: Double) -> [[Int]] {
        let size = 1_000.0
        var buckets: [Int64: [Int]] = [:]
        func keys(_ box: BoundingBox, _ pad: Double) -> [Int64] {
            let columns = Int(((box.minX - pad) / size).rounded(.down))...Int(((box.maxX + pad) / size).rounded(.down))
            let rows = Int(((box.minY - pad) / size).rounded(.down))...Int(((box.maxY + pad) / size).rounded(.down))
            return rows.flatMap { row in columns.map { Int64(row) << 32 | Int64(UInt32(bitPattern: Int32($0))) } }
        }
        for (index, shape) in shapes.enumerated() {
            for key in keys(shape.box, 0) { buckets[key, default: []].append(index) }
        }
        return shapes.indices.map { index in
            var found = Set<Int>()
            for key in keys(shapes[index].box, meters) {
                for other in buckets[key] ?? [] where other != index && !found.contains(other) {
                    if shapes[index].boxGap(to: shapes[other]) <= meters, shapes[index].distance(to: shapes[other]) <= meters {
                        found.insert(other)
                    }
                }
            }
            return found.sorted()
        }
    }
}
