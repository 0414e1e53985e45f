import Foundation
import Testing
import VigieTestSupport

@testable import VigieIngest

@Suite("The CSV reader")
struct CSVReaderTests {
    /// Reads every record with a tiny chunk size, so that records and quotes straddle chunk boundaries.
    func records(_ text: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), chunk: Int, expected: Int? = nil) throws
        -> [(line: Int, fields: [String], problem: String?)]
    {
        let directory = try TemporaryDirectory()
        let file = try directory.write("input.csv", text)
        let reader = CSVReader(file: try InputFile(path: file.path, chunkSize: chunk), delimiter: delimiter)
        reader.expectedFieldCount = expected
        var out: [(Int, [String], String?)] = []
        while try reader.next() {
            let fields = (0..<reader.spans.count).map { index in
                reader.withField(index) { String(decoding: $0, as: UTF8.self) }
            }
            out.append((reader.line, fields, reader.problem))
        }
        return out
    }

    @Test("reads quoted delimiters, doubled quotes, line breaks in quotes, CRLF and a byte-order mark",
        arguments: [1, 2, 3, 7, 64, 1 << 16])
    func readsRFC4180(chunk: Int) throws {
        let text = Array("\u{FEFF}a,b,c\r\n1,\"x, y\",\"he said \"\"hi\"\"\"\r\n2,\"two\nlines\",z\n\n3,,\n4,last,\"q\"".utf8)
        let rows = try records(text, chunk: chunk)
        #expect(rows.map(\.line) == [1, 2, 3, 6, 7])
        #expect(rows[0].fields == ["a", "b", "c"])
        #expect(rows[1].fields == ["1", "x, y", "he said \"hi\""])
        #expect(rows[2].fields == ["2", "two\nlines", "z"])
        #expect(rows[3].fields == ["3", "", ""])
        #expect(rows[4].fields == ["4", "last", "q"])
        #expect(rows.allSatisfy { $0.problem == nil })
    }

    @Test("old Mac line endings (a lone CR) end records too", arguments: [1, 3, 1 << 16])
    func carriageReturnOnly(chunk: Int) throws {
        let rows = try records(Array("a,b\r1,\"x\"\r2,y\r".utf8), chunk: chunk)
        #expect(rows.map(\.fields) == [["a", "b"], ["1", "x"], ["2", "y"]])
        #expect(rows.map(\.line) == [1, 2, 3])
    }

    @Test("an unclosed quote spoils only its own line", arguments: [3, 1 << 16])
    func unclosedQuote(chunk: Int) throws {
        let text = Array("a,b,c\n1,\"oops,x\n2,\"fine\",y\n3,z,w\n".utf8)
        let rows = try records(text, chunk: chunk, expected: 3)
        #expect(rows.map(\.line) == [1, 2, 3, 4])
        #expect(rows[1].problem?.contains("not closed on its line") == true)
        #expect(rows[2].fields == ["2", "fine", "y"])
        #expect(rows[2].problem == nil)
        #expect(rows[3].fields == ["3", "z", "w"])
    }

    @Test("a quote left open at the end of the file is reported, not lost")
    func unclosedAtEnd() throws {
        let rows = try records(Array("a,b\n1,\"never closed".utf8), chunk: 4, expected: 2)
        #expect(rows.count == 2)
        #expect(rows[1].problem?.contains("never closed") == true)
    }

    @Test("stray quotes and text after a closing quote are flagged")
    func strayQuotes() throws {
        let rows = try records(Array("a,b\nx\"y,1\n\"q\"r,2\n".utf8), chunk: 1 << 10)
        #expect(rows[1].problem?.contains("quote inside an unquoted value") == true)
        #expect(rows[2].problem?.contains("after its closing quote") == true)
    }

    @Test("semicolon and tab delimiters", arguments: [UInt8(ascii: ";"), UInt8(ascii: "\t")])
    func otherDelimiters(delimiter: UInt8) throws {
        let separator = String(UnicodeScalar(delimiter))
        let text = Array("a\(separator)b\n1,5\(separator)\"x\(separator)y\"\n".utf8)
        let rows = try records(text, delimiter: delimiter, chunk: 5)
        #expect(rows[1].fields == ["1,5", "x\(separator)y"])
    }
}
