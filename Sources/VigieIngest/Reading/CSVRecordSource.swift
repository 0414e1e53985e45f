import Foundation
import VigieCore

/// CSV records with a header line, read through a `CSVReader`.
final class CSVRecordSource: RecordSource {
    private let reader: CSVReader
    private let columnOfSlot: [Int]
    private(set) var encoding: TextEncoding
    private(set) var problem: String?

    /// Reads the header and resolves each slot's column; a column the file lacks is an `IngestError`.
    init(file: InputFile, delimiter: UInt8, encoding: TextEncoding, columns: [(key: String, column: String)],
        mappingFile: String) throws
    {
        reader = CSVReader(file: file, delimiter: delimiter)
        guard try reader.next() else { throw IngestError.emptyFile(path: file.path) }
        if encoding == .auto {
            self.encoding = TextEncoding.detect(sample: file.sample)
        } else {
            self.encoding = encoding
        }
        let chosen = self.encoding
        var names: [String] = []
        for index in 0..<reader.spans.count {
            names.append(reader.withField(index) { bytes in
                (chosen == .latin1 ? TextEncoding.decodeLatin1(bytes) : TextEncoding.decodeLeniently(bytes))
                    .trimmingCharacters(in: .whitespaces)
            })
        }
        if let problem = reader.problem {
            throw IngestError.malformedFile(path: file.path, line: reader.line, reason: "header: \(problem)")
        }
        columnOfSlot = try columns.map { key, column in
            guard let index = names.firstIndex(of: column) else {
                throw IngestError.missingColumn(
                    file: file.path, column: column, mappingKey: key, mappingFile: mappingFile, available: names)
            }
            return index
        }
        reader.expectedFieldCount = names.count
    }

    var line: Int { reader.line }

    var positionPrefix: String? { nil }

    var progress: (consumed: Int, total: Int) { (reader.file.consumed, reader.file.size) }

    func next() throws -> Bool {
        guard try reader.next() else { return false }
        problem = reader.problem ?? reader.fieldCountProblem
        if problem == nil && encoding != .latin1 {
            problem = reader.withRecordBytes { bytes in
                TextEncoding.isValidUTF8(bytes) ? nil
                    : "the row holds bytes that are not valid UTF-8 (such as Latin-1 accents); if the whole file is Latin-1, re-run with --encoding latin1"
            }
        }
        return true
    }

    func value(_ slot: Int) -> FieldValue {
        let column = columnOfSlot[slot]
        guard column < reader.spans.count else { return .absent }
        return .text(reader.withField(column) { bytes in
            encoding == .latin1 ? TextEncoding.decodeLatin1(bytes) : String(decoding: bytes, as: UTF8.self)
        })
    }

    func geometry() -> Result<GeoPoint?, FieldProblem> { .success(nil) }

    func featureGeometry() -> JSONValue? { nil }

    func json(_ slot: Int) -> JSONValue? { nil }

    func rawText() -> String {
        reader.withRecordBytes { bytes in
            encoding == .latin1 ? TextEncoding.decodeLatin1(bytes) : TextEncoding.decodeLeniently(bytes)
        }
    }

    func withRawBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        reader.withRecordBytes(body)
    }
}
