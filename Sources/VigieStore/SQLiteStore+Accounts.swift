import Crypto
import Foundation
import GRDB
import VigieCore

extension SQLiteStore: AccountRepository {
    public func create(_ account: Account) throws -> Account {
        try writer.write { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM account WHERE name = ?)", arguments: [account.name]) == true {
                throw StoreError.accountExists(account.name)
            }
            try db.execute(sql: """
                INSERT INTO account (name, role, password_hash, created_at, disabled_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [account.name, account.role.rawValue, account.passwordHash,
                    account.createdAt.timeIntervalSince1970, account.disabledAt?.timeIntervalSince1970])
            var created = account
            created.id = db.lastInsertedRowID
            return created
        }
    }

    public func account(named name: String) throws -> Account? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE name = ?", arguments: [name]).map(Self.account)
        }
    }

    public func accounts() throws -> [Account] {
        try writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY name").map(Self.account) }
    }

    public func update(_ account: Account) throws {
        guard let id = account.id else { throw StoreError.unknownAccount(account.name) }
        try writer.write { db in
            try db.execute(sql: """
                UPDATE account SET role = ?, password_hash = ?, disabled_at = ? WHERE id = ?
                """, arguments: [account.role.rawValue, account.passwordHash, account.disabledAt?.timeIntervalSince1970, id])
            if db.changesCount == 0 { throw StoreError.unknownAccount(account.name) }
        }
    }

    private static func account(_ row: Row) -> Account {
        Account(
            id: row["id"], name: row["name"], role: Role(rawValue: row["role"]) ?? .auditor,
            passwordHash: row["password_hash"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
            disabledAt: (row["disabled_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}

extension SQLiteStore: AuditLog {
    @discardableResult
    public func appendAudit(_ records: [AuditRecord]) throws -> [AuditEntry] {
        guard !records.isEmpty else { return [] }
        return try writer.write { db in
            let head = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_head WHERE id = 1")
            var sequence = head?["sequence"] as Int64? ?? 0
            var previous = head?["hash"] as String? ?? AuditEntry.genesis
            let insert = try db.makeStatement(sql: """
                INSERT INTO audit_log (sequence, at, actor, action, target, detail, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let entries = try records.map { record in
                sequence += 1
                var entry = AuditEntry(
                    sequence: sequence, at: record.at, actor: record.actor, action: record.action, target: record.target,
                    detail: record.detail, previousHash: previous, hash: "")
                entry.hash = Self.hash(entry)
                try insert.execute(arguments: [sequence, record.at.timeIntervalSince1970, record.actor, record.action,
                    record.target, record.detail, previous, entry.hash])
                previous = entry.hash
                return entry
            }
            try db.execute(sql: """
                INSERT INTO audit_head (id, sequence, hash) VALUES (1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash
                """, arguments: [sequence, previous])
            return entries
        }
    }

    public func auditEntries(limit: Int) throws -> [AuditEntry] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY sequence DESC LIMIT ?", arguments: [limit])
                .map(Self.entry)
        }
    }

    public func verifyAudit() throws -> AuditVerification {
        try writer.read { db in
            var expectedSequence: Int64 = 1
            var previous = AuditEntry.genesis
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM audit_log ORDER BY sequence")
            while let row = try cursor.next() {
                let entry = Self.entry(row)
                if entry.sequence != expectedSequence {
                    return .broken(sequence: expectedSequence, reason: "entry \(expectedSequence) is missing")
                }
                if entry.previousHash != previous {
                    return .broken(sequence: entry.sequence, reason: "it does not follow the entry before it")
                }
                if Self.hash(entry) != entry.hash {
                    return .broken(sequence: entry.sequence, reason: "its content does not match its hash: it was edited")
                }
                previous = entry.hash
                expectedSequence += 1
            }
            let head = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_head WHERE id = 1")
            let headSequence = head?["sequence"] as Int64? ?? 0
            if headSequence != expectedSequence - 1 || (head?["hash"] as String? ?? AuditEntry.genesis) != previous {
                return .broken(
                    sequence: expectedSequence,
                    reason: "the log ends at entry \(expectedSequence - 1) but \(headSequence) were written: the last entries were removed")
            }
            return .intact(entries: expectedSequence - 1)
        }
    }

    /// SHA-256 of the previous hash and every field, each preceded by its length in bytes so that no
    /// content can pass for a boundary between fields, in hex.
    static func hash(_ entry: AuditEntry) -> String {
        let fields = [
            entry.previousHash, String(entry.sequence), String(format: "%.6f", entry.at.timeIntervalSince1970),
            entry.actor, entry.action, entry.target, entry.detail,
        ]
        return Hex.encode(SHA256.hash(data: Data(fields.map { "\($0.utf8.count):\($0)" }.joined().utf8)))
    }

    private static func entry(_ row: Row) -> AuditEntry {
        AuditEntry(
            sequence: row["sequence"], at: Date(timeIntervalSince1970: row["at"]), actor: row["actor"],
            action: row["action"], target: row["target"], detail: row["detail"], previousHash: row["previous_hash"],
            hash: row["hash"])
    }
}
