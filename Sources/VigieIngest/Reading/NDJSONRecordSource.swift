import VigieCore

/// Newline-delimited JSON: one object per line, blank lines skipped.
final class NDJSONRecordSource: RecordSource {
    private let file: InputFile
    private let paths: [String]
    private var lineStart = 0
    private var lineEnd = 0
    private var nextLine = 1
    private var current: JSONValue?
    /// Where the current line ends; it is consumed when the next one is read, so that its bytes stay valid.
    private var pendingConsume: Int?
    private(set) var line = 0
    private(set) var problem: String?
    let encoding = TextEncoding.utf8

    init(file: InputFile, columns: [(key: String, column: String)]) {
        self.file = file
        self.paths = columns.map(\.column)
    }

    var positionPrefix: String? { nil }

    var progress: (consumed: Int, total: Int) { (file.consumed, file.size) }

    func next() throws -> Bool {
        while true {
            guard let (start, end, after) = try nextLineRange() else { return false }
            line = nextLine
            nextLine += 1
            lineStart = start
            lineEnd = end
            let blank = file.buffer.withUnsafeBufferPointer { bytes in
                bytes[start..<end].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            }
            if blank {
                file.consume(upTo: after)
                continue
            }
            let parsed = withRawBytes { bytes in
                !TextEncoding.isValidUTF8(bytes)
                    ? .failure(FieldProblem("holds bytes that are not valid UTF-8 (JSON must be UTF-8)"))
                    : JSONValue.parse(bytes)
            }
            switch parsed {
            case .success(.object(let members)):
                current = .object(members)
                problem = nil
            case .success:
                current = nil
                problem = "the line is JSON but not an object ({...})"
            case .failure(let failure):
                current = nil
                problem = "the line \(failure.message)"
            }
            pendingConsume = after
            return true
        }
    }

    private func nextLineRange() throws -> (Int, Int, Int)? {
        if let pendingConsume {
            file.consume(upTo: pendingConsume)
            self.pendingConsume = nil
        }
        while true {
            let found = file.buffer.withUnsafeBufferPointer { bytes -> Int? in
                bytes[file.start..<file.end].firstIndex(of: 0x0A)
            }
            if let newline = found {
                var end = newline
                if end > file.start && file.buffer[end - 1] == 0x0D { end -= 1 }
                return (file.start, end, newline + 1)
            }
            if file.end - file.start > InputFile.maximumRecordBytes {
                throw IngestError.malformedFile(
                    path: file.path, line: nextLine,
                    reason: "a line runs over 64 MiB: NDJSON holds one JSON object per line")
            }
            if try !file.fill() {
                return file.start < file.end ? (file.start, file.end, file.end) : nil
            }
        }
    }

    func value(_ slot: Int) -> FieldValue {
        current?.lookup(paths[slot])?.fieldValue ?? .absent
    }

    func geometry() -> Result<GeoPoint?, FieldProblem> { .success(nil) }

    func featureGeometry() -> JSONValue? { nil }

    func json(_ slot: Int) -> JSONValue? { current?.lookup(paths[slot]) }

    func rawText() -> String { withRawBytes { TextEncoding.decodeLeniently($0) } }

    func withRawBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        file.buffer.withUnsafeBufferPointer { bytes in body(UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])) }
    }
}
