import ArgumentParser
import Foundation
import VigieCore
import VigieServer
import VigieStore

/// `vigie tokens`: API tokens for programs that send records.
struct Tokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "API tokens: a program presents one (Authorization: Bearer …) to act as an account.",
        discussion: "The token is shown once, when it is created; only its SHA-256 is kept. Every change is audited.",
        subcommands: [List.self, Create.self, Revoke.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tokens (never the tokens themselves).")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            Output.table(["id", "label", "account", "created", "revoked"], try store.openExisting().tokens().map { token in
                [token.id.map(String.init) ?? "", token.label, token.accountName, token.createdAt.formatted(.iso8601),
                    token.revokedAt?.formatted(.iso8601) ?? ""]
            })
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token for an account and print it once.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The account the token acts as.") var account: String
        @Option(help: "What the token is for.") var label: String

        func run() async throws {
            let store = try store.openExisting()
            let secret = "vgt_" + SessionStore.randomToken()
            let hash = SessionStore.key(secret)
            let token = try store.create(APIToken(label: label, accountName: account, tokenHash: hash, createdAt: Date()))
            try store.appendAudit(actor: Users.actor, action: "create", target: "token:\(token.id ?? 0)",
                detail: #"{"account":"\#(account)"}"#, at: Date())
            Output.note("token \(token.id ?? 0) for \(account) (\(label)); it is shown this once:")
            print(secret)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The token's id.") var id: Int64

        func run() async throws {
            let store = try store.openExisting()
            try store.revokeToken(id: id, at: Date())
            try store.appendAudit(actor: Users.actor, action: "update", target: "token:\(id)", detail: #"{"revoked":true}"#, at: Date())
            print("token \(id) revoked")
        }
    }
}
