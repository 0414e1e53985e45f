import Foundation
import GRDB
import VigieCore

extension SQLiteStore: APITokenRepository {
    public func create(_ token: APIToken) throws -> APIToken {
        try writer.write { db in
            guard let accountID = try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE name = ?", arguments: [token.accountName])
            else { throw StoreError.unknownAccount(token.accountName) }
            try db.execute(sql: """
                INSERT INTO api_token (label, account_id, token_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [token.label, accountID, token.tokenHash, token.createdAt.timeIntervalSince1970,
                    token.revokedAt?.timeIntervalSince1970])
            var created = token
            created.id = db.lastInsertedRowID
            return created
        }
    }

    public func token(hash: String) throws -> APIToken? {
        try writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT t.*, a.name AS account_name FROM api_token t JOIN account a ON a.id = t.account_id
                WHERE t.token_hash = ?
                """, arguments: [hash]).map(Self.token)
        }
    }

    public func tokens() throws -> [APIToken] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT t.*, a.name AS account_name FROM api_token t JOIN account a ON a.id = t.account_id
                ORDER BY t.created_at DESC, t.id DESC
                """).map(Self.token)
        }
    }

    public func revokeToken(id: Int64, at date: Date) throws {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                arguments: [date.timeIntervalSince1970, id])
            if db.changesCount == 0 { throw StoreError.unknownToken(id) }
        }
    }

    public func saveMapping(sourceID: Int64, fileName: String, text: String) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO source_mapping (source_id, file_name, text, saved_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (source_id) DO UPDATE SET file_name = excluded.file_name, text = excluded.text,
                    saved_at = excluded.saved_at
                """, arguments: [sourceID, fileName, text, Date().timeIntervalSince1970])
        }
    }

    public func mapping(sourceID: Int64) throws -> (fileName: String, text: String)? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT file_name, text FROM source_mapping WHERE source_id = ?", arguments: [sourceID])
                .map { ($0["file_name"], $0["text"]) }
        }
    }

    private static func token(_ row: Row) -> APIToken {
        APIToken(
            id: row["id"], label: row["label"], accountName: row["account_name"], tokenHash: row["token_hash"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            revokedAt: (row["revoked_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}
