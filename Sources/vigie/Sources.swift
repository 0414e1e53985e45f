import ArgumentParser
import Foundation
import VigieCore
import VigieIngest

/// `vigie sources`: the register of sources.
struct Sources: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, show, add and edit entries of the source register.",
        discussion: "Every source has an entry: owner, purpose, legal regime, personal data, retention.",
        subcommands: [List.self, Show.self, Add.self, Edit.self, SetMapping.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the register.")
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let store = try store.openExisting()
            let sources = try store.sources()
            if json { return try Output.json(sources) }
            Output.table(
                ["name", "regime", "personal", "retention", "public", "incidents", "owner"],
                try sources.map { source in
                    [source.name, source.legalRegime.rawValue, source.holdsPersonalData ? "yes" : "no",
                     "\(source.retentionDays) d", source.isPublic ? "yes" : "no",
                     Output.count(try store.incidentCount(sourceID: source.id)), source.owner]
                })
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one entry.")
        @Argument(help: "The source name.") var name: String
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let store = try store.openExisting()
            guard let source = try store.source(named: name) else { throw Sources.unknown(name) }
            if json { return try Output.json(source) }
            print("""
                name            \(source.name)
                title           \(source.title)
                owner           \(source.owner)
                purpose         \(source.purpose)
                legal regime    \(source.legalRegime.label)
                personal data   \(source.holdsPersonalData ? "yes" : "no")
                retention       \(source.retentionDays) days
                public          \(source.isPublic ? "yes" : "no")
                incidents       \(Output.count(try store.incidentCount(sourceID: source.id)))
                quarantined     \(Output.count(try store.quarantineCount(sourceID: source.id)))
                """)
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an entry to the register.")
        @Argument(help: "The source name: lowercase letters, digits and '-'.") var name: String
        @OptionGroup var fields: EntryOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            guard let title = fields.title, let owner = fields.owner, let purpose = fields.purpose,
                let regime = fields.legalRegime, let personal = fields.personalData,
                let retention = fields.retentionDays
            else {
                throw ValidationError(
                    "a new entry needs --title, --owner, --purpose, --legal-regime, --personal-data and --retention-days")
            }
            let source = Source(
                name: name, title: title, owner: owner, purpose: purpose, legalRegime: regime,
                holdsPersonalData: personal.value, retentionDays: retention, isPublic: fields.isPublic ?? false)
            if let problem = source.problems().first { throw ValidationError(problem) }
            _ = try store.open().register(source)
            print("Registered '\(name)'.")
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change fields of an entry.")
        @Argument(help: "The source name.") var name: String
        @OptionGroup var fields: EntryOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let store = try store.openExisting()
            guard var source = try store.source(named: name) else { throw Sources.unknown(name) }
            if let title = fields.title { source.title = title }
            if let owner = fields.owner { source.owner = owner }
            if let purpose = fields.purpose { source.purpose = purpose }
            if let regime = fields.legalRegime { source.legalRegime = regime }
            if let personal = fields.personalData { source.holdsPersonalData = personal.value }
            if let retention = fields.retentionDays { source.retentionDays = retention }
            if let isPublic = fields.isPublic { source.isPublic = isPublic }
            if let problem = source.problems().first { throw ValidationError(problem) }
            try store.update(source)
            print("Updated '\(name)'.")
        }
    }

    static func unknown(_ name: String) -> CommandError {
        CommandError("no source named '\(name)'; `vigie sources list` shows the register")
    }
}

/// The fields of a register entry as options.
struct EntryOptions: ParsableArguments {
    @Option(help: "Human title.") var title: String?
    @Option(help: "The body responsible for the data.") var owner: String?
    @Option(help: "Why the data is processed.") var purpose: String?
    @Option(help: "gdpr or police-justice.") var legalRegime: LegalRegime?
    @Option(help: "Whether records hold personal data: yes or no.") var personalData: YesNo?
    @Option(help: "How many days records are kept.") var retentionDays: Int?
    @Option(name: .customLong("public"), help: "Whether aggregates may be published: yes or no.")
    var publicFlag: YesNo?

    var isPublic: Bool? { publicFlag?.value }
}

/// A yes/no option value.
enum YesNo: String, ExpressibleByArgument, CaseIterable {
    case yes, no
    var value: Bool { self == .yes }
}

extension LegalRegime: ExpressibleByArgument {}

extension Sources {
    struct SetMapping: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-mapping",
            abstract: "Keep the mapping a source's files are read with when programs send them to the API.",
            discussion: "Programs then send files with `POST /api/v1/sources/NAME/records` and an API token (`vigie tokens`).")

        @OptionGroup var store: StoreOptions
        @Argument(help: "The source's register name.") var name: String
        @Argument(help: "The mapping file (YAML).") var mapping: String

        func run() async throws {
            let store = try store.openExisting()
            guard let source = try store.source(named: name), let id = source.id else {
                throw CommandError("no source named '\(name)'; `vigie sources list` shows the register")
            }
            let url = URL(fileURLWithPath: mapping)
            let parsed = try Mapping.load(contentsOf: url)
            guard parsed.sourceName == name else {
                throw CommandError("\(url.lastPathComponent) is the mapping of source '\(parsed.sourceName)', not '\(name)'")
            }
            try store.saveMapping(sourceID: id, fileName: url.lastPathComponent, text: try String(contentsOf: url, encoding: .utf8))
            try store.appendAudit(actor: Users.actor, action: "update", target: "source:\(name)",
                detail: #"{"mapping":"\#(url.lastPathComponent)"}"#, at: Date())
            print("source \(name): files sent to the API are read with \(url.lastPathComponent)")
        }
    }
}
