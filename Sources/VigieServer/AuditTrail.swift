import Foundation
import VigieCore

/// The server's way into the audit log: every request waits until its entry is written, but entries that
/// arrive while a batch is being written go together in the next one, one transaction (and one disk sync)
/// for many requests. Under load this is what lets every read be audited.
actor AuditTrail {
    private nonisolated let store: any ServedStore
    private var pending: [(record: AuditRecord, done: CheckedContinuation<Void, any Error>)] = []
    private var writing = false

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
