/// Why the store refused an operation, in terms a person can act on.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A source with this name is already registered.
    case sourceAlreadyRegistered(String)
    /// No source has this identifier.
    case unknownSource(Int64)
    /// A batch referred to something that does not exist; nothing of it was written.
    case danglingReference(String)
    /// A reference the store had just reported as taken was not found (a concurrent deletion).
    case vanishedIncident(reference: String)
    /// The database file is not a Vigie store or is of a newer version.
    case incompatibleDatabase(path: String, reason: String)
    /// No alert has this id.
    case unknownAlert(Int64)
    /// The alert was acknowledged already.
    case alertAlreadyAcknowledged(Int64, by: String)
    /// An account with this name exists already.
    case accountExists(String)
    /// No account has this name.
    case unknownAccount(String)
    /// No token that is still valid has this id.
    case unknownToken(Int64)
    /// No citizen request has this id.
    case unknownCitizenRequest(Int64)
    /// No Open311 key that is still valid has this id.
    case unknownOpen311Key(Int64)
    /// A camera of this name is registered already.
    case cameraExists(String)
    /// A camera's entry has problems.
    case invalidCamera(String, [String])

    /// A message naming the problem and the way out.
    public var description: String {
        switch self {
        case .sourceAlreadyRegistered(let name):
            "a source named '\(name)' is already registered; use `vigie sources edit \(name)` to change it"
        case .unknownSource(let id):
            "no source has id \(id); `vigie sources list` shows the register"
        case .danglingReference(let detail):
            "the batch was not written: \(detail)"
        case .vanishedIncident(let reference):
            "the incident with reference '\(reference)' disappeared during the ingest; run the ingest again"
        case .accountExists(let name):
            "an account named '\(name)' exists already; `vigie users list` shows them"
        case .unknownAccount(let name):
            "there is no account '\(name)'; `vigie users list` shows them"
        case .unknownToken(let id):
            "there is no valid token \(id); `vigie tokens list` shows them"
        case .unknownCitizenRequest(let id):
            "there is no citizen request \(id)"
        case .cameraExists(let name):
            "a camera named '\(name)' is registered already; `vigie cameras list` shows them"
        case .invalidCamera(let name, let problems):
            "camera '\(name)': " + problems.joined(separator: "; ")
        case .unknownOpen311Key(let id):
            "there is no valid Open311 key \(id); `vigie open311 keys list` shows them"
        case .unknownAlert(let id):
            "there is no alert \(id); `vigie alerts list --all` shows them"
        case .alertAlreadyAcknowledged(let id, let person):
            "alert \(id) was acknowledged already, by \(person)"
        case .incompatibleDatabase(let path, let reason):
            "\(path) cannot be opened as a Vigie store: \(reason)"
        }
    }
}
