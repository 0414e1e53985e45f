import Crypto
import Foundation
import VigieCore

/// A logged-in person: the account, the CSRF token their unsafe requests must carry, and when it lapses.
public struct Session: Sendable {
    public var account: Account
    public let csrfToken: String
    public var expires: Date
    /// When it was opened: no session outlives `SessionStore.lifetime`, however active.
    public var opened = Date()
}

/// Sessions held in memory, found by the SHA-256 of their token (a token read from memory is of no use);
/// they lapse after `idle` seconds without a request, and after `lifetime` seconds in any case. A restart
/// logs everyone out.
public actor SessionStore {
    private var sessions: [String: Session] = [:]
    private let idle: TimeInterval
    private let lifetime: TimeInterval

    public init(idle: TimeInterval = 8 * 3_600, lifetime: TimeInterval = 12 * 3_600) {
        self.idle = idle
        self.lifetime = lifetime
    }

    /// Opens a session for `account`: the token for the cookie, and the session. Lapsed sessions are
    /// dropped on the way.
    public func open(for account: Account, now: Date = Date()) -> (token: String, session: Session) {
        sessions = sessions.filter { $0.value.expires > now }
        let token = Self.randomToken()
        let session = Session(
            account: account, csrfToken: Self.randomToken(), expires: now.addingTimeInterval(min(idle, lifetime)),
            opened: now)
        sessions[Self.key(token)] = session
        return (token, session)
    }

    /// The session of a token, extended (never beyond its lifetime), or `nil` when there is none or it lapsed.
    public func session(token: String, now: Date = Date()) -> Session? {
        let key = Self.key(token)
        guard var session = sessions[key] else { return nil }
        guard session.expires > now else {
            sessions[key] = nil
            return nil
        }
        session.expires = min(now.addingTimeInterval(idle), session.opened.addingTimeInterval(lifetime))
        sessions[key] = session
        return session
    }

    public func close(token: String) {
        sessions[Self.key(token)] = nil
    }

    /// What a token is kept as: its SHA-256 in hex (sessions and API tokens alike).
    public static func key(_ token: String) -> String { Hex.encode(SHA256.hash(data: Data(token.utf8))) }

    /// 32 random bytes in hex.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}

/// Login attempts per name and per client address: after `limit` attempts for one name, or `addressLimit`
/// from one address, within `window` seconds that did not succeed, further attempts are refused until the
/// window has passed. An attempt is counted when it is let through, before its password is checked, so
/// that attempts made at the same time cannot all pass; a success takes back its name's attempts.
public actor LoginLimiter {
    private var attempts: [String: [Date]] = [:]
    private let limit: Int
    private let addressLimit: Int
    private let window: TimeInterval

    public init(limit: Int = 5, addressLimit: Int = 20, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.addressLimit = addressLimit
        self.window = window
    }

    /// Lets an attempt under these keys through, counting it, or says in how many seconds one may be made.
    func admit(_ keys: [String], now: Date = Date()) -> TimeInterval? {
        var wait: TimeInterval?
        for key in keys {
            let recent = (attempts[key] ?? []).filter { now.timeIntervalSince($0) < window }
            attempts[key] = recent.isEmpty ? nil : recent
            if recent.count >= (key.hasPrefix("address:") ? addressLimit : limit), let oldest = recent.first {
                wait = max(wait ?? 0, window - now.timeIntervalSince(oldest))
            }
        }
        if wait != nil { return wait }
        for key in keys { attempts[key, default: []].append(now) }
        if attempts.count > 100_000 { attempts = attempts.filter { now.timeIntervalSince($0.value.last!) < window } }
        return nil
    }

    /// Takes back the attempts made under a name that logged in, and this attempt from its address, so
    /// that an office behind one address is not locked out by its own successful logins.
    func succeeded(_ keys: [String]) {
        for key in keys {
            if key.hasPrefix("address:") {
                if attempts[key]?.isEmpty == false { attempts[key]!.removeLast() }
            } else {
                attempts[key] = nil
            }
        }
    }
}

/// The accounts API tokens stand for, remembered for a few seconds so that a program's requests do not each
/// read the token and the account: a revoked token or a disabled account stops within `seconds`.
public actor TokenCache {
    private var accounts: [String: (account: Account, until: Date)] = [:]
    private let seconds: TimeInterval

    public init(seconds: TimeInterval = 5) {
        self.seconds = seconds
    }

    /// The account of the token with this hash, from memory or from `load`.
    func account(hash: String, now: Date = Date(), load: () throws -> Account?) rethrows -> Account? {
        if let known = accounts[hash], known.until > now { return known.account }
        guard let account = try load() else {
            accounts[hash] = nil
            return nil
        }
        if accounts.count > 10_000 { accounts = accounts.filter { $0.value.until > now } }
        accounts[hash] = (account, now.addingTimeInterval(seconds))
        return account
    }
}
