/// A streaming RFC 4180 reader that works on byte spans of the file buffer, with no allocation per field.
///
/// Bad quoting never derails it: a quote opened and not closed on its line makes that one line a bad record
/// and reading resumes on the next line, so only the faulty rows are lost to quarantine.
final class CSVReader {
    struct Span {
        var start: Int
        var end: Int
        var escaped: Bool
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    /// A quoted field may span lines, but one running this far is taken as an unclosed quote.
    private static let maximumMultilineRecord = 1 << 20

    let file: InputFile
    let delimiter: UInt8
    /// The header's field count: a record spanning lines whose count differs is taken as an unclosed quote.
    var expectedFieldCount: Int?
    /// Fields of the current record, as spans of `file.buffer`.
    private(set) var spans: [Span] = []
    /// The 1-based line where the current record starts.
    private(set) var line = 0
    /// What is wrong with the current record's quoting, if anything.
    private(set) var problem: String?
    private var recordStart = 0
    private var recordEnd = 0
    private var nextLine = 1
    private var scratch: [UInt8] = []
    private var startedReading = false

    init(file: InputFile, delimiter: UInt8) {
        self.file = file
        self.delimiter = delimiter
    }

    /// Moves to the next non-blank record; false at the end of the file.
    func next() throws -> Bool {
        if !startedReading {
            startedReading = true
            while file.end - file.start < 3, try file.fill() {}
            skipByteOrderMark()
        }
        while true {
            switch scan() {
            case .needMore:
                if file.end - file.start > InputFile.maximumRecordBytes {
                    throw IngestError.malformedFile(
                        path: file.path, line: nextLine,
                        reason: "a record runs over 64 MiB: check the delimiter, the quoting and the line endings")
                }
                _ = try file.fill()
            case .endOfFile:
                return false
            case .record(let end, let lines, let contentEnd):
                line = nextLine
                nextLine += lines
                recordStart = file.start
                recordEnd = contentEnd
                file.consume(upTo: end)
                if spans.count == 1 && spans[0].start == spans[0].end && !spans[0].escaped && problem == nil {
                    continue
                }
                return true
            }
        }
    }

    /// Calls `body` with the current record's field, quotes removed and doubled quotes undone.
    func withField<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        let span = spans[index]
        if !span.escaped {
            return try file.buffer.withUnsafeBufferPointer { bytes in
                try body(UnsafeBufferPointer(rebasing: bytes[span.start..<span.end]))
            }
        }
        scratch.removeAll(keepingCapacity: true)
        file.buffer.withUnsafeBufferPointer { bytes in
            var index = span.start
            while index < span.end {
                scratch.append(bytes[index])
                index += bytes[index] == Self.quote ? 2 : 1
            }
        }
        return try scratch.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the current record's bytes as written, without its line ending.
    func withRecordBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try file.buffer.withUnsafeBufferPointer { bytes in
            try body(UnsafeBufferPointer(rebasing: bytes[recordStart..<recordEnd]))
        }
    }

    private enum Scan {
        case needMore
        case endOfFile
        case record(end: Int, lines: Int, contentEnd: Int)
    }

    private func skipByteOrderMark() {
        let hasMark = file.buffer.withUnsafeBufferPointer { bytes in
            file.end - file.start >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        }
        if hasMark { file.consume(upTo: 3) }
    }

    private func scan() -> Scan {
        let atEnd = file.reachedEnd
        let start = file.start
        let end = file.end
        if start == end { return atEnd ? .endOfFile : .needMore }
        return file.buffer.withUnsafeBufferPointer { bytes -> Scan in
            spans.removeAll(keepingCapacity: true)
            problem = nil
            var index = start
            var newlinesInQuotes = 0
            var firstNewlineInQuotes: Int?
            while true {
                let fieldNumber = spans.count + 1
                if index < end && bytes[index] == Self.quote {
                    var cursor = index + 1
                    var escaped = false
                    var closed = false
                    while cursor < end {
                        let byte = bytes[cursor]
                        if byte == Self.quote {
                            if cursor + 1 == end && !atEnd { return .needMore }
                            if cursor + 1 < end && bytes[cursor + 1] == Self.quote {
                                escaped = true
                                cursor += 2
                                continue
                            }
                            closed = true
                            break
                        }
                        if byte == Self.lineFeed {
                            newlinesInQuotes += 1
                            if firstNewlineInQuotes == nil { firstNewlineInQuotes = cursor }
                            if cursor - start > Self.maximumMultilineRecord {
                                return unclosedQuote(bytes, start, firstNewlineInQuotes!, fieldNumber)
                            }
                        }
                        cursor += 1
                    }
                    if !closed {
                        if !atEnd { return .needMore }
                        if let firstNewline = firstNewlineInQuotes {
                            return unclosedQuote(bytes, start, firstNewline, fieldNumber)
                        }
                        problem = "field \(fieldNumber) opens a quote that is never closed"
                        spans.append(Span(start: index + 1, end: end, escaped: false))
                        return .record(end: end, lines: 1, contentEnd: end)
                    }
                    spans.append(Span(start: index + 1, end: cursor, escaped: escaped))
                    index = cursor + 1
                    if index < end && !isBoundary(bytes[index]) {
                        problem = problem ?? "field \(fieldNumber) has text after its closing quote"
                        while index < end && !isBoundary(bytes[index]) { index += 1 }
                        if index == end && !atEnd { return .needMore }
                    }
                } else {
                    var cursor = index
                    while cursor < end && !isBoundary(bytes[cursor]) {
                        if bytes[cursor] == Self.quote && problem == nil {
                            problem = "field \(fieldNumber) has a quote inside an unquoted value"
                        }
                        cursor += 1
                    }
                    if cursor == end && !atEnd { return .needMore }
                    spans.append(Span(start: index, end: cursor, escaped: false))
                    index = cursor
                }
                if index < end && bytes[index] == delimiter {
                    index += 1
                    continue
                }
                let recordLines = newlinesInQuotes + 1
                let countIsWrong = expectedFieldCount.map { spans.count != $0 } ?? false
                if newlinesInQuotes > 0 && (problem != nil || countIsWrong), let firstNewline = firstNewlineInQuotes {
                    return unclosedQuote(bytes, start, firstNewline, nil)
                }
                // The record ends at LF, CRLF, a lone CR (old Mac exports) or the end of the file.
                var next = index
                if index < end {
                    if bytes[index] == Self.carriageReturn {
                        if index + 1 == end && !atEnd { return .needMore }
                        next = index + 1 < end && bytes[index + 1] == Self.lineFeed ? index + 2 : index + 1
                    } else {
                        next = index + 1
                    }
                }
                return .record(end: next, lines: recordLines, contentEnd: index)
            }
        }
    }

    /// Makes the first physical line of a record that ran into later lines a bad record of its own.
    private func unclosedQuote(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ newline: Int, _ fieldNumber: Int?
    ) -> Scan {
        spans.removeAll(keepingCapacity: true)
        var contentEnd = newline
        if contentEnd > start && bytes[contentEnd - 1] == Self.carriageReturn { contentEnd -= 1 }
        spans.append(Span(start: start, end: contentEnd, escaped: false))
        let field = fieldNumber.map { "field \($0)" } ?? "a field"
        problem = "\(field) opens a quote that is not closed on its line (unbalanced quotes)"
        return .record(end: newline + 1, lines: 1, contentEnd: contentEnd)
    }

    private func isBoundary(_ byte: UInt8) -> Bool {
        byte == delimiter || byte == Self.lineFeed || byte == Self.carriageReturn
    }

    /// What is wrong with the current record's field count against the header's, if anything.
    var fieldCountProblem: String? {
        guard let expected = expectedFieldCount, spans.count != expected else { return nil }
        return "expected \(expected) fields as in the header, found \(spans.count); check the delimiter and the quoting"
    }
}
