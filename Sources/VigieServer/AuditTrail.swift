import Foundation
import VigieCore

/// The server's way into the audit log: every request waits until its entry is written, but entries that
/// arrive while a batch is being written go together in the next one, one transaction (and one disk sync)
/// for many requests. Under load this is what lets every read be audited.
actor AuditTrail {
    private nonisolated let store: any ServedStore
    private var pending: [(record: AuditRecord, done: CheckedContinuation<Void, any Error>)] = []
    private var writing = false
    /// When each read was last written, by actor, target and filter.
    private var recentReads: [String: Date] = [:]
    /// The same read by the same account within this many seconds is written once.
    static let readWindow: TimeInterval = 60

    init(store: any ServedStore) {
        self.store = store
    }

    /// Writes `record` to the log, with those waiting beside it; returns once it is durable.
    func record(_ record: AuditRecord) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            pending.append((record, done))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    func record(actor: String, action: String, target: String, detail: String) async throws {
        try await record(AuditRecord(actor: actor, action: action, target: target, detail: detail, at: Date()))
    }

    /// Writes a read, unless the same account made the same read (route and filter) within the last
    /// minute: the log then already says who saw what, and a dashboard refreshing every few seconds does
    /// not flood it.
    func read(actor: String, target: String, detail: String, now: Date = Date()) async throws {
        let key = actor + "\u{0}" + target + "\u{0}" + detail
        if let last = recentReads[key], now.timeIntervalSince(last) < Self.readWindow { return }
        recentReads[key] = now
        if recentReads.count > 50_000 { recentReads = recentReads.filter { now.timeIntervalSince($0.value) < Self.readWindow } }
        try await record(AuditRecord(actor: actor, action: "read", target: target, detail: detail, at: now))
    }

    /// The waiting entries, taken; `nil`, and no longer writing, when there are none.
    private func take() -> [(record: AuditRecord, done: CheckedContinuation<Void, any Error>)]? {
        guard !pending.isEmpty else {
            writing = false
            return nil
        }
        defer { pending = [] }
        return pending
    }

    /// Writes batches off the actor, so that entries keep arriving while one is written.
    private nonisolated func drain() async {
        while let batch = await take() {
            do {
                _ = try store.appendAudit(batch.map(\.record))
                for entry in batch { entry.done.resume() }
            } catch {
                for entry in batch { entry.done.resume(throwing: error) }
            }
        }
    }
}
