import Foundation
import VigieAnalytics
import VigieCore
import VigieStore

/// A store with one source, and incidents written to it the way ingest does.
struct SnapshotFixture {
    let store: SQLiteStore
    private(set) var sources: [Int64] = []
    private var nextReference = 0

    init(sources count: Int = 1) throws {
        store = try SQLiteStore.inMemory()
        for index in 0..<count {
            let source = try store.register(Source(
                name: "source-\(index)", title: "Source \(index)", owner: "Ville", purpose: "Tests",
                legalRegime: .gdpr, holdsPersonalData: false, retentionDays: 365, isPublic: true))
            sources.append(source.id!)
        }
    }

    /// An incident as a record; `reference` defaults to a new one.
    mutating func record(
        at seconds: Double, _ category: CategoryCode = "theft", latitude: Double? = 43.2965, longitude: Double? = 5.3698,
        precision: TimePrecision = .exact, source: Int = 0, reference: String? = nil, hash: Int64 = 1
    ) -> IngestBatch.Record {
        nextReference += 1
        let location = latitude.map { GeoPoint(latitude: $0, longitude: longitude!) }
        return IngestBatch.Record(
            incident: Incident(
                sourceID: sources[source], sourceReference: reference ?? "r\(nextReference)", category: category,
                rawLabel: category.rawValue, occurredAt: Date(timeIntervalSince1970: seconds), timePrecision: precision,
                location: location, locationPrecisionMeters: nil),
            contentHash: hash, recordNumber: nextReference, line: nextReference + 1)
    }

    /// Writes records of one source as one ingest run.
    @discardableResult
    func write(_ records: [IngestBatch.Record], source: Int = 0) throws -> IngestBatchOutcome {
        let run = try store.beginIngestRun(sourceID: sources[source], file: "f.csv", startedAt: Date())
        return try store.write(IngestBatch(sourceID: sources[source], runID: run, file: "f.csv", records: records))
    }
}

/// A district outline from a box of degrees.
func boxOutline(_ minLon: Double, _ minLat: Double, _ maxLon: Double, _ maxLat: Double) -> Polygon {
    Polygon(outer: [
        PlanarPoint(x: minLon, y: minLat), PlanarPoint(x: maxLon, y: minLat), PlanarPoint(x: maxLon, y: maxLat),
        PlanarPoint(x: minLon, y: maxLat),
    ])
}

/// Snapshots of burglaries laid out in metres around one origin, for the tests of spatial methods.
enum PlanarSnapshots {
    static let paris = TimeZone(identifier: "Europe/Paris")!
    static let origin = GeoPoint(latitude: 43.30, longitude: 5.40)
    static let projection = LocalProjection(origin: origin)

    /// A snapshot of burglaries at (x, y) metres from the origin, at UTC seconds.
    static func snapshot(_ points: [(x: Double, y: Double, seconds: Double)]) throws -> IncidentSnapshot {
        var fixture = try SnapshotFixture()
        let records = points.map { point in
            let position = projection.unproject(PlanarPoint(x: point.x, y: point.y))
            return fixture.record(at: point.seconds, "burglary", latitude: position.latitude, longitude: position.longitude)
        }
        try fixture.write(records)
        return try IncidentSnapshot.build(from: fixture.store, timeZone: paris, origin: origin)
    }
}

