/// A mapping file that cannot be used, with the place and the fix.
public struct MappingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The mapping file's name.
    public var file: String
    /// The 1-based line of the offending key or value, when known.
    public var line: Int?
    /// The dotted key at fault (`time.format`).
    public var key: String
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates a mapping error.
    public init(file: String, line: Int?, key: String, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// `mapping.yml:12: time.format: ...`.
    public var description: String {
        let place = line.map { "\(file):\($0)" } ?? file
        return key.isEmpty ? "\(place): \(message)" : "\(place): \(key): \(message)"
    }
}
