import ArgumentParser
import Foundation
import HummingbirdBcrypt
import VigieCore
import VigieStore

/// `vigie users`: the accounts of the people who use the observatory.
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Accounts: add, list, change a role, reset a password, disable.",
        discussion: """
            Passwords are read from standard input (one line) or from $VIGIE_PASSWORD, never from the command \
            line, and stored as bcrypt hashes. Every change is written to the audit log as cli:$USER.
            """,
        subcommands: [List.self, Add.self, SetRole.self, ResetPassword.self, Disable.self], defaultSubcommand: List.self)

    /// Who the command line acts as, for the audit log.
    static var actor: String { "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "unknown") }

    static func password() throws -> String {
        let text = ProcessInfo.processInfo.environment["VIGIE_PASSWORD"] ?? readLine(strippingNewline: true) ?? ""
        if let problem = Account.passwordProblem(text) {
            throw CommandError("\(problem) (read from standard input or $VIGIE_PASSWORD)")
        }
        return text
    }

    static func existing(_ store: SQLiteStore, _ name: String) throws -> Account {
        guard let account = try store.account(named: name) else {
            throw CommandError("there is no account '\(name)'; `vigie users list` shows them")
        }
        return account
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let accounts = try store.openExisting().accounts()
            Output.table(["name", "role", "created", "disabled"], accounts.map { account in
                [account.name, account.role.rawValue, account.createdAt.formatted(.iso8601),
                    account.disabledAt?.formatted(.iso8601) ?? ""]
            })
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The login name (lowercase letters, digits, '.', '-', '_').") var name: String
        @Option(help: "admin, analyst, commander, operator, video-operator or auditor.") var role: Role

        func validate() throws {
            if let problem = Account.nameProblem(name) { throw ValidationError(problem) }
        }

        func run() async throws {
            let store = try store.open()
            let hash = Bcrypt.hash(try Users.password(), cost: 12)
            let account = try store.create(Account(name: name, role: role, passwordHash: hash, createdAt: Date()))
            try store.appendAudit(actor: Users.actor, action: "create", target: "account:\(name)",
                detail: #"{"role":"\#(role.rawValue)"}"#, at: Date())
            print("account \(account.name) added, role \(account.role.rawValue)")
        }
    }

    struct SetRole: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-role", abstract: "Change an account's role.")
        @OptionGroup var store: StoreOptions
        @Argument var name: String
        @Option(help: "The new role.") var role: Role

        func run() async throws {
            let store = try store.openExisting()
            var account = try Users.existing(store, name)
            let before = account.role
            account.role = role
            try store.update(account)
            try store.appendAudit(actor: Users.actor, action: "update", target: "account:\(name)",
                detail: #"{"role":"\#(role.rawValue)","was":"\#(before.rawValue)"}"#, at: Date())
            print("account \(name): role \(before.rawValue) → \(role.rawValue)")
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset-password", abstract: "Set a new password.")
        @OptionGroup var store: StoreOptions
        @Argument var name: String

        func run() async throws {
            let store = try store.openExisting()
            var account = try Users.existing(store, name)
            account.passwordHash = Bcrypt.hash(try Users.password(), cost: 12)
            try store.update(account)
            try store.appendAudit(actor: Users.actor, action: "update", target: "account:\(name)",
                detail: #"{"password":"reset"}"#, at: Date())
            print("account \(name): password reset")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: it can no longer log in.")
        @OptionGroup var store: StoreOptions
        @Argument var name: String

        func run() async throws {
            let store = try store.openExisting()
            var account = try Users.existing(store, name)
            account.disabledAt = Date()
            try store.update(account)
            try store.appendAudit(actor: Users.actor, action: "update", target: "account:\(name)",
                detail: #"{"disabled":true}"#, at: Date())
            print("account \(name) disabled")
        }
    }
}

extension Role: ExpressibleByArgument {}
