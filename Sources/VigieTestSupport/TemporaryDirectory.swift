import Foundation

/// A fresh directory under the system's temporary directory, removed when the value is dropped.
public final class TemporaryDirectory: Sendable {
    /// Its location.
    public let url: URL

    /// Creates the directory.
    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// A path inside the directory.
    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Writes bytes to a file inside the directory and returns its location.
    @discardableResult
    public func write(_ name: String, _ bytes: some Sequence<UInt8>) throws -> URL {
        let target = file(name)
        try Data(bytes).write(to: target)
        return target
    }

    /// Writes UTF-8 text to a file inside the directory and returns its location.
    @discardableResult
    public func write(_ name: String, text: String) throws -> URL {
        try write(name, Array(text.utf8))
    }
}
