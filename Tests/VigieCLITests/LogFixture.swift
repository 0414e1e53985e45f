import Foundation
import VigieTestSupport

/// A small police-log file of Marseille and its mapping, as the command tests ingest it.
enum LogFixture {
    /// Writes `rows` (ref,when,what,lat,lon) and a mapping of source `test-log` with the `labels` given.
    static func write(in directory: TemporaryDirectory, rows: String, labels: String) throws -> (file: URL, mapping: URL) {
        let file = try directory.write("marseille.csv", text: "ref,when,what,lat,lon\n" + rows)
        let mapping = try directory.write("marseille.yml", text: """
            source: test-log
            register: {title: Log, owner: Ville, purpose: Test, legal_regime: gdpr, personal_data: false, retention_days: 30}
            format: {type: csv}
            reference: {column: ref}
            time: {column: when, format: "yyyy-MM-dd'T'HH:mm"}
            location: {latitude: lat, longitude: lon}
            category: {column: what, map: {\(labels)}}
            """)
        return (file, mapping)
    }

    /// A new store holding `rows`, ingested through the command.
    static func store(rows: String, labels: String) throws -> (directory: TemporaryDirectory, database: String) {
        let directory = try TemporaryDirectory()
        let database = directory.file("v.sqlite").path
        let (file, mapping) = try write(in: directory, rows: rows, labels: labels)
        let ingest = try CommandRunner.run(
            ["ingest", file.path, "--source", "test-log", "--mapping", mapping.path, "--db", database])
        guard ingest.status == 0 else { throw FixtureError(message: "ingest failed: \(ingest.error)") }
        return (directory, database)
    }

    struct FixtureError: Error {
        var message: String
    }
}
