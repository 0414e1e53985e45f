import Foundation
import Testing
import VigieCore
import VigieIngest

@Suite("A city's services file")
struct CitizenServiceFileTests {
    @Test("the standard catalogue written as a file reads back the same")
    func roundTrip() throws {
        let text = CitizenServiceFile.yaml(.standard)
        let read = try CitizenServiceFile.parse(yaml: text, fileName: "services.yml")
        #expect(read.services == CitizenServiceCatalogue.standard.services)
    }

    @Test("mistakes name the file, the service and the key")
    func mistakes() {
        let base = """
            services:
              - code: "201"
                name: {fr: Fuite d'eau, en: Water leak}
                description: {fr: Fuite sur la voie publique}
                group: {fr: Voirie}
                category: CATEGORY
                body: BODY
                attributes:
                  - code: size
                    datatype: DATATYPE
                    description: {fr: Ampleur}
                    VALUES
            """
        func problem(_ replacements: [String: String]) -> String {
            var text = base
            for (key, value) in replacements { text = text.replacingOccurrences(of: key, with: value) }
            do {
                _ = try CitizenServiceFile.parse(yaml: text, fileName: "services.yml")
                return ""
            } catch {
                return "\(error)"
            }
        }
        let good = ["CATEGORY": "street", "BODY": "metropolis", "DATATYPE": "string", "VALUES": ""]
        #expect(problem(good) == "")
        #expect(problem(good.merging(["CATEGORY": "potholes"]) { $1 }).contains("services[1].category"))
        #expect(problem(good.merging(["BODY": "state"]) { $1 }).contains("'state' is not one of city, metropolis, police"))
        #expect(problem(good.merging(["DATATYPE": "colour"]) { $1 }).contains("services[1].attributes[1].datatype"))
        #expect(problem(good.merging(["DATATYPE": "singlevaluelist"]) { $1 }).contains("needs its values"))
        #expect(problem(good.merging(["VALUES": "values: [{key: a, fr: A}, {key: a, fr: B}]"]) { $1 }).contains("given twice"))
    }
}
