import ArgumentParser
import Foundation
import VigieCore

/// `vigie deployment`: the installation's own settings.
struct DeploymentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deployment", abstract: "Show or set the city's name, time zone and area.",
        subcommands: [Show.self, Set.self], defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the settings.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let deployment = try store.openExisting().deployment()
            print("name       \(deployment.name)")
            print("time zone  \(deployment.timeZoneIdentifier)")
            if let area = deployment.area {
                print("area       longitude \(area.minX)…\(area.maxX), latitude \(area.minY)…\(area.maxY)")
            } else {
                print("area       not set: any valid position is accepted")
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change the settings.")
        @Option(help: "The city or body running Vigie.") var name: String?
        @Option(help: "IANA time zone of daily and weekly profiles (Europe/Paris).") var timeZone: String?
        @Option(parsing: .unconditional, help: "Area incidents must fall in: minLon,minLat,maxLon,maxLat, or 'none'.")
        var area: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let store = try store.open()
            var deployment = try store.deployment()
            if let name { deployment.name = name }
            if let timeZone {
                guard TimeZone(identifier: timeZone) != nil else {
                    throw ValidationError("--time-zone '\(timeZone)' is not an IANA time zone such as Europe/Paris")
                }
                deployment.timeZoneIdentifier = timeZone
            }
            if let area {
                deployment.area = area == "none" ? nil : try Self.parseArea(area)
            }
            try store.save(deployment)
            print("Saved.")
        }

        static func parseArea(_ text: String) throws -> BoundingBox {
            let numbers = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard numbers.count == 4, let minX = numbers[0], let minY = numbers[1], let maxX = numbers[2],
                let maxY = numbers[3], minX < maxX, minY < maxY, (-180...180).contains(minX),
                (-180...180).contains(maxX), (-90...90).contains(minY), (-90...90).contains(maxY)
            else {
                throw ValidationError("--area '\(text)' must be minLon,minLat,maxLon,maxLat in degrees, min before max")
            }
            return BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
        }
    }
}
