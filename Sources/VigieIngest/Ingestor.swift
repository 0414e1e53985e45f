import Foundation
import VigieCore

/// Reads a source file through its mapping and stores every record as accepted, updated, duplicate or
/// quarantined, in transactional batches.
///
/// Parsing the next batch overlaps the commit of the previous one. Progress and the summary only count
/// committed batches, so a process killed mid-file has stored everything it reported, and running the same
/// command again completes the file without duplicating anything.
public struct Ingestor: Sendable {
    /// Records per transaction.
    public var batchSize = 10_000
    private let store: any VigieStorage
    private let pseudonymiser: Pseudonymiser?

    /// Creates an ingestor writing to `store`, pseudonymising personal fields with `pseudonymiser`.
    public init(store: any VigieStorage, pseudonymiser: Pseudonymiser?) {
        self.store = store
        self.pseudonymiser = pseudonymiser
    }

    /// Ingests `file` into the source named `sourceName` (the mapping's own when `nil`).
    public func ingest(
        file: URL, mapping: Mapping, sourceName: String? = nil, encoding: TextEncoding? = nil,
        now: Date = Date(), progress: @Sendable (IngestProgress) -> Void = { _ in }
    ) async throws -> IngestSummary {
        let started = Date()
        let name = sourceName ?? mapping.sourceName
        if name != mapping.sourceName {
            throw MappingError(
                file: mapping.fileName, line: nil, key: "source",
                message: "the mapping is for source '\(mapping.sourceName)', not '\(name)'")
        }
        let (source, registered) = try resolveSource(mapping)
        if !mapping.personalAttributes.isEmpty && pseudonymiser == nil {
            throw IngestError.missingPseudonymisationKey(fields: mapping.personalAttributes.sorted())
        }
        let input = try InputFile(path: file.path)
        let records = try makeSource(input, mapping: mapping, encoding: encoding ?? mapping.encoding)
        var mapper = RecordMapper(
            mapping: mapping, sourceID: source.id!, area: try store.deployment().area, pseudonymiser: pseudonymiser,
            locator: DistrictLocator(districts: try store.districts(level: nil)), now: now)

        let fileName = file.lastPathComponent
        var batch = IngestBatch(sourceID: source.id!)
        var committed = IngestBatchOutcome()
        var read = 0
        var pending: Task<IngestBatchOutcome, any Error>?
        let store = self.store
        func commit(_ next: IngestBatch?) async throws {
            if let pending {
                committed += try await pending.value
                progress(IngestProgress(
                    bytesRead: records.progress.consumed, totalBytes: records.progress.total, recordsRead: read,
                    committed: committed))
            }
            pending = next.map { batch in Task.detached { try store.write(batch) } }
        }
        while try records.next() {
            read += 1
            switch mapper.map(records) {
            case .record(let record):
                batch.records.append(record)
            case .rejected(let field, let reason):
                batch.quarantined.append(QuarantinedRow(
                    sourceID: source.id!, file: fileName, line: records.line, field: field,
                    reason: records.position == "line \(records.line)" ? reason : "\(records.position): \(reason)",
                    rawRecord: String(records.rawText().prefix(65_536)), quarantinedAt: now))
            }
            if batch.records.count + batch.quarantined.count >= batchSize {
                try await commit(batch)
                batch = IngestBatch(sourceID: source.id!)
            }
        }
        try await commit(batch.isEmpty ? nil : batch)
        try await commit(nil)
        let seconds = Date().timeIntervalSince(started)
        return IngestSummary(
            file: file.path, source: name, registered: registered, encoding: records.encoding.rawValue, read: read,
            accepted: committed.accepted, updated: committed.updated, duplicates: committed.duplicates,
            quarantined: committed.quarantined, seconds: seconds,
            rowsPerSecond: seconds > 0 ? Int(Double(read) / seconds) : read)
    }

    private func resolveSource(_ mapping: Mapping) throws -> (Source, Bool) {
        if let existing = try store.source(named: mapping.sourceName) { return (existing, false) }
        guard let entry = mapping.register else {
            throw IngestError.unregisteredSource(name: mapping.sourceName, mappingFile: mapping.fileName)
        }
        return (try store.register(entry), true)
    }

    private func makeSource(_ input: InputFile, mapping: Mapping, encoding: TextEncoding) throws -> any RecordSource {
        switch mapping.format {
        case .csv:
            try CSVRecordSource(
                file: input, delimiter: mapping.delimiter, encoding: encoding, columns: mapping.columnsRead,
                mappingFile: mapping.fileName)
        case .ndjson:
            NDJSONRecordSource(file: input, columns: mapping.columnsRead)
        case .geojson:
            GeoJSONRecordSource(file: input, columns: mapping.columnsRead)
        }
    }
}
