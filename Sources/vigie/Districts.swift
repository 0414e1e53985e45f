import ArgumentParser
import Foundation
import VigieIngest

/// `vigie districts`: the city's divisions.
struct Districts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import and list districts (arrondissements, quartiers, IRIS…).",
        subcommands: [Import.self, List.self], defaultSubcommand: List.self)

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import one level of districts from GeoJSON, replacing that level.",
            discussion: """
                Features sharing a code are merged into one district (so quartiers can be dissolved into \
                arrondissements). Every located incident is then re-assigned at this level.
                """)

        @Argument(help: "A GeoJSON FeatureCollection of Polygon or MultiPolygon features (WGS84).")
        var file: String
        @Option(help: "The level's name, such as arrondissement or quartier.") var level: String
        @Option(help: "The property holding each district's code (an INSEE code where there is one).")
        var codeField: String
        @Option(help: "The property holding each district's name.") var nameField: String
        @Option(help: "The property holding each district's population, if any.") var populationField: String?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard !level.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--level must name the level, such as arrondissement or quartier")
            }
        }

        func run() async throws {
            let districts = try DistrictFile.read(
                URL(fileURLWithPath: file), level: level, codeField: codeField, nameField: nameField,
                populationField: populationField)
            let reassigned = try store.open().replaceDistricts(level: level, with: districts)
            print("Imported \(districts.count) district(s) at level '\(level)'; \(Output.count(reassigned)) incident(s) assigned.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List districts.")
        @Option(help: "Only this level.") var level: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let districts = try store.openExisting().districts(level: level)
            Output.table(
                ["level", "code", "name", "population"],
                districts.map { [$0.level, $0.code, $0.name, $0.population.map(Output.count) ?? "-"] })
        }
    }
}
