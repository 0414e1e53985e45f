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
    /// Quarantined text per transaction beyond which a batch is committed early, bounding memory.
    public var batchQuarantineBytes = 16 << 20
    private let store: any VigieStorage
    private let pseudonymiser: Pseudonymiser?

    /// Creates an ingestor writing to `store`, pseudonymising personal fields with `pseudonymiser`.
    public init(store: any VigieStorage, pseudonymiser: Pseudonymiser?) {
        self.store = store
        self.pseudonymiser = pseudonymiser
    }

    /// Ingests `file` into the source named `sourceName` (the mapping's own when `nil`).
    ///
    /// Everything that can stop the run (the key, the file, its header, the source) is checked before
    /// anything is written. `encoding` overrides the mapping's for CSV; JSON formats are always UTF-8.
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
        if !mapping.personalAttributes.isEmpty && pseudonymiser == nil {
            throw IngestError.missingPseudonymisationKey(fields: mapping.personalAttributes.sorted())
        }
        if encoding != nil && mapping.format != .csv {
            throw IngestError.encodingNotApplicable(format: mapping.format.rawValue)
        }
        let input = try InputFile(path: file.path)
        let records = try makeRecordSource(
            input, format: mapping.format, delimiter: mapping.delimiter, encoding: encoding ?? mapping.encoding,
            columns: mapping.columnsRead, mappingFile: mapping.fileName)
        let deployment = try store.deployment()
        let zoneName = mapping.timeZoneIdentifier ?? deployment.timeZoneIdentifier
        guard let timeZone = TimeZone(identifier: zoneName) else { throw IngestError.unknownTimeZone(zoneName) }
        let (source, registered) = try resolveSource(mapping)
        let sourceID = source.id!
        let fileName = file.lastPathComponent
        let runID = try store.beginIngestRun(sourceID: sourceID, file: fileName, startedAt: now)
        let mapper = RecordMapper(
            mapping: mapping, sourceID: sourceID, area: deployment.area,
            timeZone: timeZone,
            pseudonymiser: pseudonymiser, locator: DistrictLocator(districts: try store.districts(level: nil)),
            now: now)

        var batch = IngestBatch(sourceID: sourceID, runID: runID, file: fileName)
        var quarantinedBytes = 0
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
        do {
            while try records.next() {
                read += 1
                switch mapper.map(records, recordNumber: read) {
                case .record(let record):
                    batch.records.append(record)
                case .rejected(let field, let reason):
                    let raw = String(records.rawText().prefix(65_536))
                    quarantinedBytes += raw.utf8.count
                    batch.quarantined.append(QuarantinedRow(
                        sourceID: sourceID, file: fileName, recordNumber: read, line: records.line, field: field,
                        reason: records.positionPrefix.map { "\($0): \(reason)" } ?? reason, rawRecord: raw,
                        quarantinedAt: now))
                }
                if batch.records.count + batch.quarantined.count >= batchSize
                    || quarantinedBytes >= batchQuarantineBytes
                {
                    try Task.checkCancellation()
                    try await commit(batch)
                    batch = IngestBatch(sourceID: sourceID, runID: runID, file: fileName)
                    quarantinedBytes = 0
                }
            }
            try await commit(batch.isEmpty ? nil : batch)
            try await commit(nil)
        } catch {
            // Never leave a write running behind the caller's back; its own failure matters less than this one.
            _ = try? await pending?.value
            throw error
        }
        try store.finishIngestRun(runID, outcome: committed, read: read, finishedAt: Date())
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
}
