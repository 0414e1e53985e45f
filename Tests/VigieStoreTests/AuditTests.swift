import Foundation
import GRDB
import Testing
import VigieCore

@testable import VigieStore

@Suite("Accounts and the audit log")
struct AuditTests {
    @Test("accounts: one per name, updated in place")
    func accounts() throws {
        let store = try SQLiteStore.inMemory()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let created = try store.create(Account(name: "marie", role: .analyst, passwordHash: "$2b$12$abc", createdAt: now))
        #expect(created.id != nil)
        #expect(throws: StoreError.accountExists("marie")) {
            try store.create(Account(name: "marie", role: .admin, passwordHash: "$2b$12$def", createdAt: now))
        }
        var changed = created
        changed.role = .commander
        changed.disabledAt = now
        try store.update(changed)
        #expect(try store.account(named: "marie") == changed)
        #expect(try store.accounts().map(\.name) == ["marie"])
        #expect(throws: (any Error).self) {
            try store.create(Account(name: "paul", role: .admin, passwordHash: "plain text", createdAt: now))
        }
    }

    /// A store with five entries.
    func logged() throws -> SQLiteStore {
        let store = try SQLiteStore.inMemory()
        for index in 1...5 {
            try store.appendAudit(
                actor: "marie", action: "read", target: "GET /api/v1/incidents", detail: #"{"district":"1320\#(index)"}"#,
                at: Date(timeIntervalSince1970: 1_800_000_000 + Double(index)))
        }
        return store
    }

    @Test("entries chain by SHA-256; the log refuses edits and deletions")
    func chain() throws {
        let store = try logged()
        let entries = try store.auditEntries(limit: 10)
        #expect(entries.map(\.sequence) == [5, 4, 3, 2, 1])
        #expect(entries.last?.previousHash == AuditEntry.genesis)
        for (newer, older) in zip(entries, entries.dropFirst()) { #expect(newer.previousHash == older.hash) }
        #expect(try store.verifyAudit() == .intact(entries: 5))
        #expect(throws: (any Error).self) {
            try store.writer.write { db in try db.execute(sql: "UPDATE audit_log SET actor = 'x' WHERE sequence = 2") }
        }
        #expect(throws: (any Error).self) {
            try store.writer.write { db in try db.execute(sql: "DELETE FROM audit_log WHERE sequence = 5") }
        }
    }

    /// Runs `sql` with the append-only triggers out of the way, as someone with the file could.
    func tamper(_ store: SQLiteStore, _ sql: String) throws {
        try store.writer.write { db in
            try db.execute(sql: """
                DROP TRIGGER audit_log_append_only_update;
                DROP TRIGGER audit_log_append_only_delete;
                \(sql)
                """)
        }
    }

    @Test("an edit, a deletion in the middle, at the end, or of the end with the head are all detected")
    func tampering() throws {
        let edited = try logged()
        try tamper(edited, "UPDATE audit_log SET detail = '{}' WHERE sequence = 3")
        #expect(try edited.verifyAudit() == .broken(sequence: 3, reason: "its content does not match its hash: it was edited"))

        let middle = try logged()
        try tamper(middle, "DELETE FROM audit_log WHERE sequence = 2")
        #expect(try middle.verifyAudit() == .broken(sequence: 2, reason: "entry 2 is missing"))

        let renumbered = try logged()
        try tamper(renumbered, "DELETE FROM audit_log WHERE sequence = 2; UPDATE audit_log SET sequence = sequence - 1 WHERE sequence > 2")
        #expect(try renumbered.verifyAudit() == .broken(sequence: 2, reason: "it does not follow the entry before it"))

        let end = try logged()
        try tamper(end, "DELETE FROM audit_log WHERE sequence >= 4")
        guard case .broken(4, let reason) = try end.verifyAudit() else {
            Issue.record("a truncated log passed")
            return
        }
        #expect(reason.contains("the last entries were removed"))

        let rehashed = try logged()
        try tamper(rehashed, "UPDATE audit_log SET actor = 'paul', hash = 'f00' WHERE sequence = 5; UPDATE audit_head SET hash = 'f00'")
        #expect(try rehashed.verifyAudit() == .broken(sequence: 5, reason: "its content does not match its hash: it was edited"))
    }
}
