import Foundation
import Testing
import VigieCore

@Suite("Citizen services: answers checked, dates read strictly")
struct CitizenServiceTests {
    @Test("W3C datetimes need their offset and a real date")
    func datetimes() {
        #expect(W3CDateTime.parse("2026-11-27T18:30:00+01:00") == Date(timeIntervalSince1970: 1_795_800_600))
        #expect(W3CDateTime.parse("2026-11-27T17:30:00Z") == Date(timeIntervalSince1970: 1_795_800_600))
        #expect(W3CDateTime.parse("2026-11-27T17:30:00.250Z") == Date(timeIntervalSince1970: 1_795_800_600.25))
        #expect(W3CDateTime.parse("2026-11-27T12:30:00-05:00") == Date(timeIntervalSince1970: 1_795_800_600))
        for wrong in ["2026-11-27T18:30:00", "2024-02-30T10:00:00+01:00", "2026-13-01T00:00:00Z", "2026-11-27T24:00:00Z",
            "2026-11-27 18:30:00Z", "2026-11-27T18:30:00+1:00", "2026-11-27T18:30:00Z junk", "2026-11-27T18:30Z", "", "2026-11-27T18:30:00.Z"]
        {
            #expect(W3CDateTime.parse(wrong) == nil, "\(wrong)")
        }
        #expect(W3CDateTime.parse("2024-02-29T10:00:00+01:00") != nil)
        let summer = W3CDateTime.format(Date(timeIntervalSince1970: 1_783_000_000), timeZone: TimeZone(identifier: "Europe/Paris")!)
        #expect(summer.hasSuffix("+02:00"))
    }

    @Test("dates are written as Foundation's formatter writes them, in every zone and across the clock changes")
    func writing() {
        var generator = SystemRandomNumberGenerator()
        for zone in ["Europe/Paris", "UTC", "America/Montreal", "Asia/Kolkata", "Pacific/Chatham"] {
            let timeZone = TimeZone(identifier: zone)!
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            formatter.timeZone = timeZone
            for _ in 0..<2_000 {
                let date = Date(timeIntervalSince1970: Double(Int.random(in: 0...4_102_444_800, using: &generator)))
                let written = W3CDateTime.format(date, timeZone: timeZone)
                #expect(written == formatter.string(from: date), "\(zone)")
                #expect(W3CDateTime.parse(written) == date)
            }
        }
    }

    @Test("each datatype is checked and kept in one form; problems name the attribute")
    func validation() throws {
        let catalogue = CitizenServiceCatalogue.standard
        let dumping = try #require(catalogue.service("101"))
        let kept = try dumping.validate(["volume": ["large"], "waste": ["rubble", "green"], "noticed": ["2026-11-26T18:30:00+01:00"]]).get()
        #expect(kept == ["volume": ["large"], "waste": ["rubble", "green"], "noticed": ["2026-11-26T17:30:00Z"]])
        func problems(_ service: String, _ answers: [String: [String]]) -> [String] {
            guard case .failure(let refused) = catalogue.service(service)!.validate(answers) else { return [] }
            return refused.messages
        }
        #expect(problems("101", [:]) == ["attribute[volume]: is required"])
        #expect(problems("101", ["volume": ["small"], "waste": ["rubble", "rubble"]]).first?.contains("twice") == true)
        #expect(problems("102", ["surface": ["facade"], "area": ["1e400"]]).first?.contains("not a number") == true)
        #expect(problems("102", ["surface": ["facade"], "area": ["0x10"]]).first?.contains("not a number") == true)
        #expect(try catalogue.service("102")!.validate(["surface": ["facade"], "area": ["2.50"]]).get()["area"] == ["2.5"])
        #expect(problems("103", ["pole": ["a\nb"]]).first?.contains("one line") == true)
        #expect(problems("105", ["kind": ["music"], "notice": ["x"]]).first?.contains("takes no answer") == true)
        #expect(problems("109", ["items": ["canapé"], "access": [String(repeating: "x", count: 4_001)]]).first?.contains("4000") == true)
        #expect(problems("110", ["other": ["x"]]) == ["attribute[other]: service 110 has no such attribute"])
        #expect(catalogue.services.allSatisfy { Taxonomy.standard.contains($0.category) })
    }
}
