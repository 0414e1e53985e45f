import Foundation
import VigieCore

/// What an agenda file read through a mapping gives: its items and the records refused.
public struct MappedAgenda: Sendable {
    /// The items read.
    public var events: [PlannedEvent]
    /// The records that cannot be items, with their line, field and reason.
    public var refused: [AgendaImport.Refusal]
    /// Records read: `events.count + refused.count`.
    public var read: Int
    /// The text encoding the file was read in.
    public var encoding: TextEncoding
}

/// Reads a CSV, NDJSON or GeoJSON agenda file through an `AgendaMapping`, streaming it record by record.
public enum MappedAgendaReader {
    /// The items of `file` for source `sourceID`: times without an offset read in the mapping's zone (else
    /// the deployment's), and every position inside the deployment's area.
    ///
    /// A file that cannot be read at all (missing, a mapped column absent from a CSV header, not a
    /// FeatureCollection) throws; a record that cannot be an item is refused. Two records with the same
    /// reference keep the first and refuse the second, rather than one silently replacing the other.
    public static func read(
        _ file: URL, mapping: AgendaMapping, sourceID: Int64, deployment: Deployment
    ) throws -> MappedAgenda {
        let zoneName = mapping.timeZoneIdentifier ?? deployment.timeZoneIdentifier
        guard let zone = TimeZone(identifier: zoneName) else { throw IngestError.unknownTimeZone(zoneName) }
        let records = try makeRecordSource(
            try InputFile(path: file.path), format: mapping.format, delimiter: mapping.delimiter,
            encoding: mapping.encoding, columns: mapping.columnsRead, mappingFile: mapping.fileName)
        let mapper = AgendaRecordMapper(mapping: mapping, sourceID: sourceID, area: deployment.area, timeZone: zone)
        var result = MappedAgenda(events: [], refused: [], read: 0, encoding: records.encoding)
        var lineOfReference: [String: Int] = [:]
        while try records.next() {
            result.read += 1
            func refuse(field: String?, reason: String) {
                result.refused.append(AgendaImport.Refusal(
                    line: records.line, reference: String(records.rawText().prefix(65_536)), field: field,
                    reason: records.positionPrefix.map { "\($0): \(reason)" } ?? reason, recordNumber: result.read))
            }
            switch mapper.map(records) {
            case .item(let event):
                if let earlier = lineOfReference[event.sourceReference] {
                    if let column = mapping.referenceColumn {
                        refuse(
                            field: column,
                            reason: "reference.column (\(column)): '\(event.sourceReference)' is already the "
                                + "reference of line \(earlier); each item needs its own")
                    } else {
                        refuse(field: nil, reason: "the record repeats line \(earlier) exactly")
                    }
                    continue
                }
                lineOfReference[event.sourceReference] = records.line
                result.events.append(event)
            case .refused(let field, let reason):
                refuse(field: field, reason: reason)
            }
        }
        result.encoding = records.encoding
        return result
    }
}
