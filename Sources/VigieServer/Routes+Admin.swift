import Foundation
import Hummingbird
import HummingbirdBcrypt
import NIOPosix
import VigieCore

/// The register of sources and the accounts, changed through the API by administrators: what `vigie
/// sources` and `vigie users` do. Every change is written to the audit log with what changed.
extension APIRoutes {
    /// The fields of a register entry; all are needed to add one, any to change one.
    struct SourceFields: Decodable {
        let name: String?
        let title: String?
        let owner: String?
        let purpose: String?
        let legalRegime: LegalRegime?
        let holdsPersonalData: Bool?
        let retentionDays: Int?
        let isPublic: Bool?
    }

    /// A request's body, at most `limit` bytes: a longer one is a bad request, not an error of the server.
    static func body(of request: Request, limit: Int = 64 * 1024) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: limit)
        } catch {
            throw APIError(.badRequest, "bad-request", "the body holds more than \(limit / 1024) KiB")
        }
    }

    static func decode<Body: Decodable>(_ type: Body.Type, _ request: Request, _ example: String) async throws -> Body {
        let body = try await Self.body(of: request)
        do {
            return try JSONDecoder().decode(Body.self, from: Data(buffer: body))
        } catch {
            throw APIError(.badRequest, "bad-request", "send the fields as JSON, for example \(example)")
        }
    }

    static let sourceExample = #"{"name": "police-log", "title": "Main courante", "owner": "Police municipale", "purpose": "…", "legalRegime": "police-justice", "holdsPersonalData": true, "retentionDays": 365, "isPublic": false}"#

    /// Adds an entry to the register.
    func addSource(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> Response {
        let fields = try await Self.decode(SourceFields.self, request, Self.sourceExample)
        guard let name = fields.name, let title = fields.title, let owner = fields.owner, let purpose = fields.purpose,
            let regime = fields.legalRegime, let personal = fields.holdsPersonalData, let retention = fields.retentionDays
        else {
            throw APIError(.badRequest, "bad-request", "a new entry needs name, title, owner, purpose, legalRegime, holdsPersonalData and retentionDays")
        }
        let source = Source(
            name: name, title: title, owner: owner, purpose: purpose, legalRegime: regime, holdsPersonalData: personal,
            retentionDays: retention, isPublic: fields.isPublic ?? false)
        if let problem = source.problems().first { throw APIError(.badRequest, "bad-parameter", problem) }
        guard try store.source(named: name) == nil else {
            throw APIError(.conflict, "exists", "a source named '\(name)' is registered already")
        }
        let registered = try store.register(source)
        try await audit.record(actor: account.name, action: "create", target: "source:\(name)", detail: Self.json(registered))
        return try Self.created(registered, request, context)
    }

    /// Changes the fields given of an entry.
    func editSource(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> JSONBody<Source> {
        let name = context.parameters.get("name") ?? ""
        guard var source = try store.source(named: name) else {
            throw APIError(.notFound, "not-found", "name: there is no source named '\(name)'")
        }
        let fields = try await Self.decode(SourceFields.self, request, Self.sourceExample)
        if let other = fields.name, other != name {
            throw APIError(.badRequest, "bad-parameter", "name: a source keeps its name; register a new one instead")
        }
        if let title = fields.title { source.title = title }
        if let owner = fields.owner { source.owner = owner }
        if let purpose = fields.purpose { source.purpose = purpose }
        if let regime = fields.legalRegime { source.legalRegime = regime }
        if let personal = fields.holdsPersonalData { source.holdsPersonalData = personal }
        if let retention = fields.retentionDays { source.retentionDays = retention }
        if let isPublic = fields.isPublic { source.isPublic = isPublic }
        if let problem = source.problems().first { throw APIError(.badRequest, "bad-parameter", problem) }
        try store.update(source)
        try await audit.record(actor: account.name, action: "update", target: "source:\(name)", detail: Self.json(source))
        return JSONBody(source)
    }

    struct NewAccount: Decodable {
        let name: String
        let role: Role
        let password: String
    }

    struct AccountChange: Decodable {
        let role: Role?
        let disabled: Bool?
    }

    /// Adds an account; the password is stored as a bcrypt hash.
    func addUser(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> Response {
        let new = try await Self.decode(
            NewAccount.self, request, #"{"name": "agent.martin", "role": "operator", "password": "at least 12 characters"}"#)
        if let problem = Account.nameProblem(new.name) { throw APIError(.badRequest, "bad-parameter", "name: \(problem)") }
        if let problem = Account.passwordProblem(new.password) { throw APIError(.badRequest, "bad-parameter", "password: \(problem)") }
        guard try store.account(named: new.name) == nil else {
            throw APIError(.conflict, "exists", "there is an account '\(new.name)' already")
        }
        let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(new.password, cost: 12) }
        let created = try store.create(Account(name: new.name, role: new.role, passwordHash: hash, createdAt: Date()))
        try await audit.record(actor: account.name, action: "create", target: "account:\(new.name)", detail: #"{"role":"\#(new.role.rawValue)"}"#)
        return try Self.created(AccountView(created), request, context)
    }

    /// Changes an account's role, or disables it. No one changes their own account: another administrator
    /// does, so that the last administrator cannot lock everyone out.
    func editUser(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> JSONBody<AccountView> {
        let name = context.parameters.get("name") ?? ""
        guard var target = try store.account(named: name) else {
            throw APIError(.notFound, "not-found", "name: there is no account '\(name)'")
        }
        let change = try await Self.decode(AccountChange.self, request, #"{"role": "analyst"} or {"disabled": true}"#)
        guard name != account.name else {
            throw APIError(.conflict, "own-account", "an administrator does not change their own account: another administrator does")
        }
        guard change.disabled != false else {
            throw APIError(.badRequest, "bad-parameter", "disabled: an account is enabled again by resetting its password with `vigie users`")
        }
        var changed: [String] = []
        if let role = change.role, role != target.role {
            changed.append(#""role":"\#(role.rawValue)","was":"\#(target.role.rawValue)""#)
            target.role = role
        }
        if change.disabled == true && target.disabledAt == nil {
            target.disabledAt = Date()
            changed.append(#""disabled":true"#)
        }
        if !changed.isEmpty {
            try store.update(target)
            try await audit.record(actor: account.name, action: "update", target: "account:\(name)", detail: "{" + changed.joined(separator: ",") + "}")
        }
        return JSONBody(AccountView(target))
    }

    /// A 201 answer with what was made.
    static func created(_ value: some Encodable & Sendable, _ request: Request, _ context: VigieRequestContext) throws -> Response {
        var response = try JSONBody(value).response(from: request, context: context)
        response.status = .created
        return response
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
