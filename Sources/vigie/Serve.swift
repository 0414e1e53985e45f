import ArgumentParser
import Foundation
import VigieVideo
import Hummingbird
import VigieIngest
import VigieServer
import VigieStore

/// `vigie serve`: the observatory over HTTP.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the store over HTTP: the JSON API under /api/v1, behind accounts, roles and the audit log.",
        discussion: """
            Stops gracefully on Ctrl-C or SIGTERM: requests under way are answered first. Accounts come from \
            `vigie users add`; every read of the API and every refusal is written to the audit log.
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Option(help: "A map tile URL template ({z}/{x}/{y}); the map shows district outlines alone without one.")
    var tiles: String?
    @Option(help: "The Open311 jurisdiction_id served (the city's domain, such as marseille.fr); any is accepted without one.")
    var jurisdiction: String?
    @Option(help: "Days a citizen's contact details and photo are kept after the request.")
    var contactRetentionDays = 180
    @Option(help: "The address the public reaches the server at (https://…), for Open311 discovery and tracking links.")
    var publicURL: String?
    @Option(help: "A services file (`vigie open311 services` writes the standard one): the services citizens report with.")
    var services: String?
    @Flag(help: "The server sits behind a reverse proxy: the client's address is the last of X-Forwarded-For (never set it otherwise).")
    var behindProxy = false

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port \(port) is not a TCP port (1–65535)") }
        guard (1...3_650).contains(contactRetentionDays) else {
            throw ValidationError("--contact-retention-days \(contactRetentionDays) is not 1 to 3650 days")
        }
        if let publicURL, URL(string: publicURL)?.host == nil || !(publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://")) {
            throw ValidationError("--public-url '\(publicURL)' is not an http or https URL")
        }
    }

    func run() async throws {
        let store = try store.openExisting()
        let catalogue = try services.map { try CitizenServiceFile.load(contentsOf: URL(fileURLWithPath: $0)) } ?? .standard
        try await Self.serve(
            store, host: host, port: port, tiles: tiles, media: self.store.videoMedia,
            citizens: CitizenSettings(
                jurisdiction: jurisdiction, publicURL: publicURL, behindProxy: behindProxy, catalogue: catalogue,
                contactRetentionDays: contactRetentionDays))
    }

    static func serve(
        _ store: SQLiteStore, host: String, port: Int, tiles: String? = nil, media: VideoMedia, citizens: CitizenSettings = CitizenSettings()
    ) async throws {
        if try store.accounts().isEmpty {
            Output.note("no account yet: create one with `vigie users add NAME --role admin`")
        }
        // Files sent to the API with personal fields are pseudonymised with the configured key, as on the
        // command line; without one, such files are refused.
        let pseudonymiser = try Pseudonymiser.fromEnvironment()
        print("Vigie serves http://\(host):\(port)/ (Ctrl-C stops it)")
        try await VigieServer.application(
            store: store, host: host, port: port, pseudonymiser: pseudonymiser, tiles: tiles, citizens: citizens, media: media
        ).runService()
    }
}
