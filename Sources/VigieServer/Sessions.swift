import Crypto
import Foundation
import VigieCore

/// A logged-in person: the account, the CSRF token their unsafe requests must carry, and when it lapses.
public struct Session: Sendable {
    public let account: Account
    public let csrfToken: String
    public var expires: Date
}

/// Sessions held in memory, found by the SHA-256 of their token (a token read from memory is of no use);
/// they lapse after `idle` seconds without a request. A restart logs everyone out.
public actor SessionStore {
    private var sessions: [String: Session] = [:]
    private let idle: TimeInterval

    public init(idle: TimeInterval = 8 * 3_600) {
        self.idle = idle
    }

    /// Opens a session for `account`: the token for the cookie, and the session.
    public func open(for account: Account, now: Date = Date()) -> (token: String, session: Session) {
        let token = Self.randomToken()
        let session = Session(account: account, csrfToken: Self.randomToken(), expires: now.addingTimeInterval(idle))
        sessions[Self.key(token)] = session
        return (token, session)
    }

    /// The session of a token, extended, or `nil` when there is none or it lapsed.
    public func session(token: String, now: Date = Date()) -> Session? {
        let key = Self.key(token)
        guard var session = sessions[key] else { return nil }
        guard session.expires > now else {
            sessions[key] = nil
            return nil
        }
        session.expires = now.addingTimeInterval(idle)
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

/// Failed logins per name and per client address: after `limit` failures for one name, or `addressLimit`
/// from one address, within `window` seconds, further attempts are refused until the window has passed.
public actor LoginLimiter {
    private var failures: [String: [Date]] = [:]
    private let limit: Int
    private let addressLimit: Int
    private let window: TimeInterval

    public init(limit: Int = 5, addressLimit: Int = 20, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.addressLimit = addressLimit
        self.window = window
    }

    /// Whether an attempt under these keys may go ahead, and if not, in how many seconds.
    func check(_ keys: [String], now: Date = Date()) -> TimeInterval? {
        var wait: TimeInterval?
        for key in keys {
            let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
            failures[key] = recent
            if recent.count >= (key.hasPrefix("address:") ? addressLimit : limit), let oldest = recent.first {
                wait = max(wait ?? 0, window - now.timeIntervalSince(oldest))
            }
        }
        return wait
    }

    func failed(_ keys: [String], now: Date = Date()) {
        for key in keys { failures[key, default: []].append(now) }
    }

    func succeeded(_ keys: [String]) {
        for key in keys { failures[key] = nil }
    }
}
