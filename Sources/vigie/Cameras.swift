import ArgumentParser
import Foundation
import VigieCore
import VigieStore

/// `vigie cameras`: the register of cameras.
struct Cameras: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The register of cameras: place, authorisation, retention (30 days at most), zones and privacy masks.",
        subcommands: [List.self, Add.self, Show.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the cameras.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            Output.table(["name", "title", "position", "retention", "zones", "masks", "authorisation"], try store.openExisting().cameras().map { camera in
                [camera.name, camera.title, camera.location.map { String(format: "%.5f, %.5f", $0.latitude, $0.longitude) } ?? "",
                    "\(camera.retentionDays) d", String(camera.zones.count), String(camera.privacyMasks.count), camera.authorisation]
            })
        }
    }

    /// Zones and masks as a file gives them.
    struct Drawing: Decodable {
        var zones: [ImageZone]?
        var privacyMasks: [ImageZone]?
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a camera.",
            discussion: """
                Zones and privacy masks come from a JSON file drawn on the image, points as shares of its width and \
                height from the top left: {"zones": [{"name": "entrance", "points": [{"x": 0.1, "y": 0.5}, …]}], \
                "privacyMasks": [{"name": "windows", "points": […]}]}. Masked pixels are never analysed.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The camera's machine name (lowercase letters, digits, '-').") var name: String
        @Option(help: "What it shows.") var title: String
        @Option(help: "The prefectoral authorisation it runs under.") var authorisation: String
        @Option(help: "Where it is: LAT,LON (WGS84).") var position: String?
        @Option(help: "The direction it looks, degrees from north.") var heading: Double?
        @Option(help: "Days its recordings and their index are kept (1–30).") var retentionDays = Camera.maximumRetentionDays
        @Option(help: "A JSON file of zones and privacy masks.") var drawing: String?

        func run() async throws {
            var location: GeoPoint?
            if let position {
                let parts = position.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
                guard parts.count == 2 else { throw ValidationError("--position '\(position)' is not LAT,LON") }
                location = GeoPoint(latitude: parts[0], longitude: parts[1])
            }
            var drawn = Drawing()
            if let drawing {
                guard let data = FileManager.default.contents(atPath: drawing) else { throw ValidationError("--drawing \(drawing): cannot be read") }
                do {
                    drawn = try JSONDecoder().decode(Drawing.self, from: data)
                } catch {
                    throw ValidationError("--drawing \(drawing): \(error)")
                }
            }
            let store = try store.open()
            let camera = try store.register(Camera(
                name: name, title: title, location: location, heading: heading, authorisation: authorisation,
                retentionDays: retentionDays, zones: drawn.zones ?? [], privacyMasks: drawn.privacyMasks ?? []))
            try store.appendAudit(actor: Users.actor, action: "create", target: "camera:\(camera.name)", detail: "", at: Date())
            print("camera \(camera.name) registered: \(camera.zones.count) zone(s), \(camera.privacyMasks.count) privacy mask(s), kept \(camera.retentionDays) days")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a camera, with its zones and masks.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The camera's name.") var name: String

        func run() async throws {
            guard let camera = try store.openExisting().camera(named: name) else {
                throw CommandError("there is no camera '\(name)'; `vigie cameras list` shows them")
            }
            print("\(camera.name): \(camera.title)")
            print("  authorisation \(camera.authorisation), kept \(camera.retentionDays) days")
            if let location = camera.location { print(String(format: "  at %.5f, %.5f", location.latitude, location.longitude)) }
            for (label, zones) in [("zone", camera.zones), ("privacy mask", camera.privacyMasks)] {
                for zone in zones {
                    print("  \(label) \(zone.name): " + zone.points.map { String(format: "(%.2f, %.2f)", $0.x, $0.y) }.joined(separator: " "))
                }
            }
        }
    }
}
