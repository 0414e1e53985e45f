/// Why an ingest could not run at all; a bad record never stops an ingest, it goes to quarantine.
public enum IngestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file cannot be opened or read.
    case unreadableFile(path: String, reason: String)
    /// The mapping names a column the file does not have.
    case missingColumn(file: String, column: String, mappingKey: String, mappingFile: String, available: [String])
    /// The file has no header line.
    case emptyFile(path: String)
    /// The source is not in the register.
    case unregisteredSource(name: String, mappingFile: String)
    /// The file's structure is not the declared format.
    case malformedFile(path: String, line: Int, reason: String)
    /// The configured pseudonymisation key is too short to protect anything.
    case weakPseudonymisationKey(origin: String, bytes: Int)
    /// A district file that cannot be imported.
    case invalidDistricts(path: String, feature: Int?, reason: String)
    /// The time zone local times are read in is not known to this system.
    case unknownTimeZone(String)
    /// A text encoding was asked for a format that is always UTF-8.
    case encodingNotApplicable(format: String)
    /// Personal fields are declared but no pseudonymisation key is configured.
    case missingPseudonymisationKey(fields: [String])

    /// A message naming the place and the way out.
    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            "\(path): cannot be read: \(reason)"
        case .missingColumn(let file, let column, let key, let mappingFile, let available):
            "\(file):1: column '\(column)' (\(key) in \(mappingFile)) is not in the file; its columns are: "
                + available.map { "'\($0)'" }.joined(separator: ", ")
        case .emptyFile(let path):
            "\(path): the file is empty: a header line naming the columns is expected"
        case .unregisteredSource(let name, let mappingFile):
            "source '\(name)' is not in the register. Register it first with `vigie sources add \(name) --title ... --owner ... --purpose ... --legal-regime gdpr|police-justice --personal-data yes|no --retention-days N`, or add a `register:` block to \(mappingFile) (see README, mapping reference)"
        case .malformedFile(let path, let line, let reason):
            "\(path):\(line): \(reason)"
        case .weakPseudonymisationKey(let origin, let bytes):
            "the pseudonymisation key from \(origin) has \(bytes) bytes; use at least \(Pseudonymiser.minimumKeyBytes) random bytes (head -c 32 /dev/urandom > FILE)"
        case .invalidDistricts(let path, let feature, let reason):
            "\(path): " + (feature.map { "feature \($0): " } ?? "") + reason
        case .unknownTimeZone(let name):
            "the time zone '\(name)' is unknown here: check the name, or install the time-zone database (Debian: tzdata)"
        case .encodingNotApplicable(let format):
            "--encoding applies to CSV files only: \(format) is always UTF-8"
        case .missingPseudonymisationKey(let fields):
            "the mapping declares personal fields (\(fields.joined(separator: ", "))) but no pseudonymisation key is configured: set VIGIE_PSEUDONYMISATION_KEY or VIGIE_PSEUDONYMISATION_KEY_FILE (see README); the key is never stored with the data"
        }
    }
}
