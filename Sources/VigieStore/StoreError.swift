/// Why the store refused an operation, in terms a person can act on.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A source with this name is already registered.
    case sourceAlreadyRegistered(String)
    /// No source has this identifier.
    case unknownSource(Int64)
    /// A record refers to a category the store does not know.
    case unknownCategory(String)
    /// The database file is not a Vigie store or is of a newer version.
    case incompatibleDatabase(path: String, reason: String)

    /// A message naming the problem and the way out.
    public var description: String {
        switch self {
        case .sourceAlreadyRegistered(let name):
            "a source named '\(name)' is already registered; use `vigie sources edit \(name)` to change it"
        case .unknownSource(let id):
            "no source has id \(id); `vigie sources list` shows the register"
        case .unknownCategory(let code):
            "category '\(code)' is not in the taxonomy"
        case .incompatibleDatabase(let path, let reason):
            "\(path) cannot be opened as a Vigie store: \(reason)"
        }
    }
}
