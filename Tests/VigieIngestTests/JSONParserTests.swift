import Foundation
import Testing

@testable import VigieIngest

@Suite("The JSON parser")
struct JSONParserTests {
    func parse(_ text: String) -> Result<JSONValue, FieldProblem> {
        var text = text
        return text.withUTF8 { JSONParser.parse($0) }
    }

    @Test("reads every kind of value, escapes and surrogate pairs included")
    func values() throws {
        let parsed = try parse(#" {"a": [1, -2.5e3, true, false, null], "b": {"c": "x\"y\\z\/\n\u00e9\ud83d\ude00"}, "d": ""} "#).get()
        #expect(parsed == .object([
            "a": .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null]),
            "b": .object(["c": .string("x\"y\\z/\né😀")]),
            "d": .string(""),
        ]))
        #expect(try parse("[]").get() == .array([]))
        #expect(try parse("{}").get() == .object([:]))
        #expect(try parse("\"déjà\"").get() == .string("déjà"))
    }

    @Test("keeps numbers as written, so that long identifiers keep every digit",
        arguments: ["0", "-0.0", "43.60588661", "1e-7", "6246800.12", "12345678901234567890"])
    func numbers(text: String) throws {
        #expect(try parse(text).get() == .number(text))
        #expect(try parse(text).get().fieldValue == .text(text))
    }

    @Test("refuses what is not JSON, saying where", arguments: [
        "", "{", "{\"a\" 1}", "{\"a\":}", "[1,]", "tru", "\"open", "{\"a\":1} x", "\"\\x\"", "\"\\ud800\"", "-", "[1 2]",
        String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
    ])
    func refuses(text: String) {
        guard case .failure(let problem) = parse(text) else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(problem.message.contains("is not valid JSON") && problem.message.contains("at byte"))
    }
}
