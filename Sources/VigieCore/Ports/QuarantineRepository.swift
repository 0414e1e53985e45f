/// Where rows that could not be accepted wait for a person.
public protocol QuarantineRepository: Sendable {
    /// Quarantined rows, for one source or all, newest first, at most `limit`.
    func quarantinedRows(sourceID: Int64?, limit: Int) throws -> [QuarantinedRow]
    /// How many rows are in quarantine, for one source or all.
    func quarantineCount(sourceID: Int64?) throws -> Int
}
