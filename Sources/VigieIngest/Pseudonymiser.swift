import Crypto
import Foundation
import VigieCore

/// Replaces personal values by a keyed HMAC-SHA256, so that equal values still match but cannot be read back.
///
/// The key comes from configuration and is never written beside the data.
public struct Pseudonymiser: Sendable {
    private let secret: Data

    /// Uses the given secret; it should hold at least 32 random bytes.
    public init(secret: Data) {
        self.secret = secret
    }

    /// Loads the key from `VIGIE_PSEUDONYMISATION_KEY` (the secret itself) or
    /// `VIGIE_PSEUDONYMISATION_KEY_FILE` (a file holding it); `nil` when neither is set.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Pseudonymiser? {
        if let secret = environment["VIGIE_PSEUDONYMISATION_KEY"], !secret.isEmpty {
            return try Pseudonymiser(validating: Data(secret.utf8), origin: "VIGIE_PSEUDONYMISATION_KEY")
        }
        if let path = environment["VIGIE_PSEUDONYMISATION_KEY_FILE"], !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else {
                throw IngestError.unreadableFile(path: path, reason: "the pseudonymisation key file is missing or empty")
            }
            return try Pseudonymiser(validating: data, origin: path)
        }
        return nil
    }

    /// The shortest key accepted: below 16 bytes, pseudonyms of short values could be found by brute force.
    public static let minimumKeyBytes = 16

    /// Uses a configured secret, refusing one shorter than `minimumKeyBytes`; `origin` names where it came from.
    public init(validating secret: Data, origin: String) throws {
        guard secret.count >= Self.minimumKeyBytes else {
            throw IngestError.weakPseudonymisationKey(origin: origin, bytes: secret.count)
        }
        self.init(secret: secret)
    }

    /// The pseudonym of a value: `p:` and 32 hexadecimal digits (128 bits of the HMAC).
    public func pseudonym(_ value: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: SymmetricKey(data: secret))
        return "p:" + Hex.encode(code.prefix(16))
    }
}
