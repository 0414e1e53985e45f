import Foundation
import VigieCore
import VigieStore

/// A real in-memory store whose batch writes are counted and dropped, to measure the parsing and mapping
/// stage of an ingest on its own. Benchmarks only: it loses what it is given on purpose.
struct ParseOnlyStore: VigieStorage {
    let store: SQLiteStore

    func write(_ batch: IngestBatch) throws -> IngestBatchOutcome {
        IngestBatchOutcome(accepted: batch.records.count, quarantined: batch.quarantined.count)
    }

    func beginIngestRun(sourceID: Int64, file: String, startedAt: Date) throws -> Int64 {
        try store.beginIngestRun(sourceID: sourceID, file: file, startedAt: startedAt)
    }

    func finishIngestRun(_ runID: Int64, outcome: IngestBatchOutcome, read: Int, finishedAt: Date) throws {
        try store.finishIngestRun(runID, outcome: outcome, read: read, finishedAt: finishedAt)
    }

    func incidentCount(sourceID: Int64?) throws -> Int { try store.incidentCount(sourceID: sourceID) }
    func incident(sourceID: Int64, reference: String) throws -> Incident? {
        try store.incident(sourceID: sourceID, reference: reference)
    }
    func incidents(sourceID: Int64?, limit: Int) throws -> [Incident] {
        try store.incidents(sourceID: sourceID, limit: limit)
    }
    func incidents(ids: [Int64]) throws -> [Incident] { try store.incidents(ids: ids) }
    func quarantinedRows(sourceID: Int64?, limit: Int) throws -> [QuarantinedRow] {
        try store.quarantinedRows(sourceID: sourceID, limit: limit)
    }
    func quarantineCount(sourceID: Int64?) throws -> Int { try store.quarantineCount(sourceID: sourceID) }
    func sources() throws -> [Source] { try store.sources() }
    func source(named name: String) throws -> Source? { try store.source(named: name) }
    func register(_ source: Source) throws -> Source { try store.register(source) }
    func update(_ source: Source) throws { try store.update(source) }
    func replaceDistricts(level: String, with districts: [District]) throws -> Int {
        try store.replaceDistricts(level: level, with: districts)
    }
    func districts(level: String?) throws -> [District] { try store.districts(level: level) }
    func save(_ events: [PlannedEvent]) throws -> [PlannedEvent] { try store.save(events) }
    func plannedEvents(from start: Date, to end: Date) throws -> [PlannedEvent] {
        try store.plannedEvents(from: start, to: end)
    }
    func save(_ measures: [Measure]) throws { try store.save(measures) }
    func plannedEvent(id: Int64) throws -> PlannedEvent? { try store.plannedEvent(id: id) }
    func measures(plannedEventID: Int64) throws -> [Measure] { try store.measures(plannedEventID: plannedEventID) }
    func deployment() throws -> Deployment { try store.deployment() }
    func save(_ deployment: Deployment) throws { try store.save(deployment) }
    func save(_ days: [WeatherDay]) throws { try store.save(days) }
    func enforceRetention(now: Date, dryRun: Bool) throws -> [RetentionPurge] {
        try store.enforceRetention(now: now, dryRun: dryRun)
    }
    func create(_ account: Account) throws -> Account { try store.create(account) }
    func account(named name: String) throws -> Account? { try store.account(named: name) }
    func accounts() throws -> [Account] { try store.accounts() }
    func update(_ account: Account) throws { try store.update(account) }
    func appendAudit(_ records: [AuditRecord]) throws -> [AuditEntry] { try store.appendAudit(records) }
    func auditEntries(limit: Int) throws -> [AuditEntry] { try store.auditEntries(limit: limit) }
    func verifyAudit() throws -> AuditVerification { try store.verifyAudit() }
    func create(_ token: APIToken) throws -> APIToken { try store.create(token) }
    func token(hash: String) throws -> APIToken? { try store.token(hash: hash) }
    func tokens() throws -> [APIToken] { try store.tokens() }
    func revokeToken(id: Int64, at date: Date) throws { try store.revokeToken(id: id, at: date) }
    func saveMapping(sourceID: Int64, fileName: String, text: String) throws {
        try store.saveMapping(sourceID: sourceID, fileName: fileName, text: text)
    }
    func mapping(sourceID: Int64) throws -> (fileName: String, text: String)? { try store.mapping(sourceID: sourceID) }
    func retentionLog(limit: Int) throws -> [(purgedAt: Date, purge: RetentionPurge)] { try store.retentionLog(limit: limit) }
    func weather(from first: CivilDate, through last: CivilDate) throws -> [WeatherDay] {
        try store.weather(from: first, through: last)
    }
}

extension ParseOnlyStore {
    func submit(_ request: CitizenRequest, incident: Incident, contact: ReporterContact?, photo: RequestPhoto?) throws -> CitizenRequest {
        try store.submit(request, incident: incident, contact: contact, photo: photo)
    }
    func citizenRequest(id: Int64) throws -> CitizenRequest? { try store.citizenRequest(id: id) }
    func citizenRequest(token: String) throws -> CitizenRequest? { try store.citizenRequest(token: token) }
    func citizenRequests(_ query: CitizenRequestQuery) throws -> [CitizenRequest] { try store.citizenRequests(query) }
    func citizenRequestCount(_ query: CitizenRequestQuery) throws -> Int { try store.citizenRequestCount(query) }
    func addUpdate(_ update: CitizenRequestUpdate) throws -> CitizenRequestUpdate { try store.addUpdate(update) }
    func citizenRequestsVersion() throws -> String { try store.citizenRequestsVersion() }
    func citizenRequestCounts(between bounds: [Date]) throws -> [(received: Int, fixed: Int)] {
        try store.citizenRequestCounts(between: bounds)
    }
    func citizenRequestUpdates(requestIDs: [Int64]?, from: Date?, to: Date?, limit: Int, offset: Int) throws -> [CitizenRequestUpdate] {
        try store.citizenRequestUpdates(requestIDs: requestIDs, from: from, to: to, limit: limit, offset: offset)
    }
    func reporterContact(requestID: Int64) throws -> ReporterContact? { try store.reporterContact(requestID: requestID) }
    func photo(requestID: Int64) throws -> RequestPhoto? { try store.photo(requestID: requestID) }
    func purgeReporterData(now: Date) throws -> Int { try store.purgeReporterData(now: now) }
    func createOpen311Key(_ key: Open311Key) throws -> Open311Key { try store.createOpen311Key(key) }
    func open311Key(hash: String) throws -> Open311Key? { try store.open311Key(hash: hash) }
    func open311Keys() throws -> [Open311Key] { try store.open311Keys() }
    func revokeOpen311Key(id: Int64, at date: Date) throws { try store.revokeOpen311Key(id: id, at: date) }
}
