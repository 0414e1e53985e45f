import ArgumentParser
import Foundation
import VigieCore
import VigieIngest
import VigieServer
import VigieStore

/// `vigie open311`: the keys machine clients post citizen requests with.
struct Open311: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open311",
        abstract: "Open311 GeoReport v2: keys for the apps and systems that post citizen requests.",
        discussion: "Reading /open311/v2 needs no key; posting a request does. A key is shown once; only its SHA-256 is kept.",
        subcommands: [Keys.self, Services.self])

    struct Services: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the services offered, as a services file to start a city's own from.",
            discussion: "Without --services, the standard catalogue; with it, the file checked and written back. `vigie serve --services FILE` offers a file's services.")
        @Option(help: "A services file to check.") var services: String?

        func run() async throws {
            let catalogue = try services.map { try CitizenServiceFile.load(contentsOf: URL(fileURLWithPath: $0)) } ?? .standard
            print(CitizenServiceFile.yaml(catalogue), terminator: "")
        }
    }

    struct Keys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List, add or revoke Open311 keys.", subcommands: [List.self, Add.self, Revoke.self],
            defaultSubcommand: List.self)

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the keys (never the keys themselves).")
            @OptionGroup var store: StoreOptions

            func run() async throws {
                Output.table(["id", "label", "created", "revoked"], try store.openExisting().open311Keys().map { key in
                    [key.id.map(String.init) ?? "", key.label, key.createdAt.formatted(.iso8601),
                        key.revokedAt?.formatted(.iso8601) ?? ""]
                })
            }
        }

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a key for a client and print it once.")
            @OptionGroup var store: StoreOptions
            @Option(help: "Who the key is for (an app, a partner's system).") var label: String

            func validate() throws {
                guard !label.trimmingCharacters(in: .whitespaces).isEmpty, label.count <= 64 else {
                    throw ValidationError("--label: give 1 to 64 characters saying who the key is for")
                }
            }

            func run() async throws {
                let store = try store.openExisting()
                let secret = "o311_" + SessionStore.randomToken()
                let hash = SessionStore.key(secret)
                let key = try store.createOpen311Key(Open311Key(label: label, keyHash: hash, createdAt: Date()))
                try store.appendAudit(actor: Users.actor, action: "create", target: "open311-key:\(key.id ?? 0)",
                    detail: String(decoding: try JSONEncoder().encode(["label": label]), as: UTF8.self), at: Date())
                Output.note("Open311 key \(key.id ?? 0) for \(label); it is shown this once:")
                print(secret)
            }
        }

        struct Revoke: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Revoke a key.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The key's id.") var id: Int64

            func run() async throws {
                let store = try store.openExisting()
                try store.revokeOpen311Key(id: id, at: Date())
                try store.appendAudit(actor: Users.actor, action: "update", target: "open311-key:\(id)",
                    detail: #"{"revoked":true}"#, at: Date())
                print("Open311 key \(id) revoked")
            }
        }
    }
}
