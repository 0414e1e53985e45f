import Foundation
import Testing
import VigieTestSupport

@testable import VigieDemo

@Suite("Demo city files")
struct DemoFilesTests {
    private func contents(of directory: URL) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        return try Dictionary(
            uniqueKeysWithValues: names.map {
                ($0, try Data(contentsOf: directory.appendingPathComponent($0)))
            })
    }

    @Test("the same seed and end date give byte-identical files, another seed different ones")
    func reproducibility() throws {
        let end = DemoFixture.end
        let first = try TemporaryDirectory()
        let second = try TemporaryDirectory()
        let third = try TemporaryDirectory()
        _ = try DemoCity(seed: 11, end: end, years: 1, scale: 0.03).writeFiles(to: first.url)
        _ = try DemoCity(seed: 11, end: end, years: 1, scale: 0.03).writeFiles(to: second.url)
        _ = try DemoCity(seed: 12, end: end, years: 1, scale: 0.03).writeFiles(to: third.url)
        let a = try contents(of: first.url)
        let b = try contents(of: second.url)
        let c = try contents(of: third.url)
        #expect(a.count == 11)
        #expect(a == b)
        for name in a.keys where !name.hasSuffix(".yaml") && name != "arrondissements.geojson" {
            #expect(a[name] != c[name], "\(name) should change with the seed")
        }
    }

    @Test("each data file holds its row count and only labels its mapping covers, in its encoding")
    func dataFiles() throws {
        let directory = try TemporaryDirectory()
        let files = try DemoCity(seed: 5, end: DemoFixture.end, years: 1, scale: 0.05).writeFiles(to: directory.url)
        #expect(
            files.sources.map(\.sourceName) == [
                "municipal-police-log", "fire-brigade", "citizen-reports", "electronic-tickets",
            ])
        for source in files.sources {
            let data = try Data(contentsOf: source.data)
            let mapping = try String(contentsOf: source.mapping, encoding: .utf8)
            #expect(mapping.hasPrefix("source: \(source.sourceName)\n"))
            let labels = try DemoFilesTests.labels(in: data, of: source.sourceName)
            #expect(labels.count == source.rowCount, "\(source.sourceName)")
            #expect(source.rowCount > 1000)
            #expect(Set(labels).isSubset(of: Set(DemoFixture.mappedLabels(mapping))), "\(source.sourceName)")
        }
    }

    @Test("the police log is Latin-1 with accents, so not UTF-8; the other files are UTF-8")
    func encodings() throws {
        let directory = try TemporaryDirectory()
        let files = try DemoCity(seed: 5, end: DemoFixture.end, years: 1, scale: 0.02).writeFiles(to: directory.url)
        for source in files.sources {
            let data = try Data(contentsOf: source.data)
            if source.sourceName == "municipal-police-log" {
                #expect(String(data: data, encoding: .utf8) == nil)
                let text = try #require(String(data: data, encoding: .isoLatin1))
                #expect(text.contains("CANEBIÈRE") && text.contains("DÉPÔT SAUVAGE"))
                #expect(text.hasPrefix("num_fiche;date_heure;nature;voie;lat;lon\r\n"))
            } else {
                #expect(String(data: data, encoding: .utf8) != nil, "\(source.sourceName)")
            }
            #expect(String(data: try Data(contentsOf: source.mapping), encoding: .utf8) != nil)
        }
        #expect(String(data: try Data(contentsOf: files.districts), encoding: .utf8) != nil)
    }

    /// The raw label of every record of a data file.
    static func labels(in data: Data, of source: String) throws -> [String] {
        switch source {
        case "municipal-police-log":
            let text = try #require(String(data: data, encoding: .isoLatin1))
            return text.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ";")[2]) }
        case "fire-brigade":
            return try data.split(separator: UInt8(ascii: "\n")).map {
                let object = try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]
                return object?["motif"] as? String ?? ""
            }
        case "citizen-reports":
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let features = object?["features"] as? [[String: Any]] ?? []
            return features.map { ($0["properties"] as? [String: Any])?["type"] as? String ?? "" }
        default:
            let text = String(decoding: data, as: UTF8.self)
            return text.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[2]) }
        }
    }
}
