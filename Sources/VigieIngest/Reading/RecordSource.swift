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
    /// The current record as written, for quarantine.
    func rawText() -> String
    /// Calls `body` with the current record's bytes as written, for a stable row hash.
    func withRawBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result
}
