import Crypto
import VigieCore

/// Input records, one at a time, exposing the columns a mapping reads as numbered slots.
protocol RecordSource: AnyObject {
    /// The 1-based line where the current record starts.
    var line: Int { get }
    /// What to put before a reason to place the record, when its line is not enough (`feature 40`).
    var positionPrefix: String? { get }
    /// Structural trouble with the current record (quoting, field count, encoding, invalid JSON).
    var problem: String? { get }
    /// The text encoding in use, once known.
    var encoding: TextEncoding { get }
    /// Bytes of the file consumed so far, and its size, for progress.
    var progress: (consumed: Int, total: Int) { get }

    /// Moves to the next record; false at the end of the input.
    func next() throws -> Bool
    /// The value of a slot of the current record.
    func value(_ slot: Int) -> FieldValue
    /// The current record's own point geometry, for GeoJSON features.
    func geometry() -> Result<GeoPoint?, FieldProblem>
    /// The current record's own geometry as parsed, whatever its type, for GeoJSON features.
    func featureGeometry() -> JSONValue?
    /// The JSON value of a slot of the current record, objects and lists included, for JSON formats.
    func json(_ slot: Int) -> JSONValue?
    /// The current record as written, for quarantine.
    func rawText() -> String
    /// Calls `body` with the current record's bytes as written, for a stable row hash.
    func withRawBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result
}

extension RecordSource {
    /// A reference for a record that has none: a stable hash of its bytes as written.
    func rowHash() -> String {
        withRawBytes { bytes in "h:" + Hex.encode(SHA256.hash(data: bytes).prefix(16)) }
    }
}

/// The record source reading `input` in `format`, its slots being `columns`.
func makeRecordSource(
    _ input: InputFile, format: Mapping.Format, delimiter: UInt8, encoding: TextEncoding,
    columns: [(key: String, column: String)], mappingFile: String
) throws -> any RecordSource {
    switch format {
    case .csv:
        try CSVRecordSource(
            file: input, delimiter: delimiter, encoding: encoding, columns: columns, mappingFile: mappingFile)
    case .ndjson:
        NDJSONRecordSource(file: input, columns: columns)
    case .geojson:
        GeoJSONRecordSource(file: input, columns: columns)
    }
}
