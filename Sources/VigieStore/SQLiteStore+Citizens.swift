import Foundation
import GRDB
import VigieCore

extension SQLiteStore: CitizenRequestRepository {
    public func submit(_ request: CitizenRequest, incident: Incident, contact: ReporterContact?, photo: RequestPhoto?) throws
        -> CitizenRequest
    {
        try writer.write { db in
            let now = request.requestedAt.timeIntervalSince1970
            try db.execute(
                sql: "INSERT INTO ingest_run (source_id, file, started_at, finished_at, read, accepted, updated, duplicates, quarantined) VALUES (?, ?, ?, ?, 1, 1, 0, 0, 0)",
                arguments: [incident.sourceID, "citizen request (\(request.channel))", now, now])
            let run = db.lastInsertedRowID
            try db.execute(sql: """
                INSERT INTO incident (source_id, source_ref, category, raw_label, occurred_at, time_precision, latitude,
                    longitude, location_precision_m, attributes, content_hash, ingest_run, ingested_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [incident.sourceID, incident.sourceReference, incident.category.rawValue, incident.rawLabel,
                    incident.occurredAt.timeIntervalSince1970, incident.timePrecision.rawValue, incident.location?.latitude,
                    incident.location?.longitude, incident.locationPrecisionMeters, AttributesJSON.encode(incident.attributes),
                    Self.contentHash(request.token), run, now, now])
            let incidentID = db.lastInsertedRowID
            for (level, code) in incident.districts.sorted(by: { $0.key < $1.key }) {
                try db.execute(
                    sql: "INSERT INTO incident_district (incident_id, level, code) VALUES (?, ?, ?)",
                    arguments: [incidentID, level, code])
            }
            try db.execute(sql: """
                INSERT INTO citizen_request (incident_id, token, service_code, status, body, description, address, latitude,
                    longitude, attributes, media_url, channel, requested_at, updated_at, expected_at, status_note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [incidentID, request.token, request.serviceCode, request.status.rawValue, request.body.rawValue,
                    request.description, request.address, request.location?.latitude, request.location?.longitude,
                    Self.encode(request.attributes), request.mediaURL, request.channel, now,
                    request.updatedAt.timeIntervalSince1970, request.expectedAt?.timeIntervalSince1970, request.statusNote])
            let requestID = db.lastInsertedRowID
            try db.execute(
                sql: "INSERT INTO citizen_request_update (request_id, status, body, note, actor, at) VALUES (?, ?, ?, NULL, 'citizen', ?)",
                arguments: [requestID, request.status.rawValue, request.body.rawValue, now])
            if let contact, !contact.isEmpty {
                try db.execute(sql: """
                    INSERT INTO reporter_contact (request_id, email, phone, name, device_pseudonym, account_pseudonym, delete_after)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [requestID, contact.email, contact.phone, contact.name, contact.devicePseudonym,
                        contact.accountPseudonym, contact.deleteAfter.timeIntervalSince1970])
            }
            if let photo {
                try db.execute(
                    sql: "INSERT INTO request_photo (request_id, content_type, bytes, delete_after) VALUES (?, ?, ?, ?)",
                    arguments: [requestID, photo.contentType, photo.bytes,
                        (contact?.deleteAfter ?? request.requestedAt.addingTimeInterval(365 * 86_400)).timeIntervalSince1970])
            }
            var stored = request
            stored.id = requestID
            stored.incidentID = incidentID
            stored.hasPhoto = photo != nil
            stored.districts = incident.districts
            return stored
        }
    }

    public func citizenRequest(id: Int64) throws -> CitizenRequest? {
        try citizenRequests(CitizenRequestQuery(ids: [id], limit: 1)).first
    }

    public func citizenRequest(token: String) throws -> CitizenRequest? {
        try writer.read { db in
            try Self.requests(db, where: "r.token = ?", arguments: [token], limit: 1, offset: 0).first
        }
    }

    public func citizenRequests(_ query: CitizenRequestQuery) throws -> [CitizenRequest] {
        let (clause, arguments) = Self.clause(query)
        return try writer.read { db in
            try Self.requests(db, where: clause, arguments: arguments, limit: query.limit, offset: query.offset)
        }
    }

    public func citizenRequestCount(_ query: CitizenRequestQuery) throws -> Int {
        let (clause, arguments) = Self.clause(query)
        return try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM citizen_request r WHERE \(clause)", arguments: arguments) ?? 0
        }
    }

    public func citizenRequestsVersion() throws -> String {
        try writer.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT MAX(id) FROM citizen_request_update), (SELECT MIN(id) FROM citizen_request),
                    (SELECT MAX(id) FROM citizen_request)
                """)
            return "\((row?[0] as Int64?) ?? 0)-\((row?[1] as Int64?) ?? 0)-\((row?[2] as Int64?) ?? 0)"
        }
    }

    public func citizenRequestCounts(between bounds: [Date]) throws -> [(received: Int, fixed: Int)] {
        guard bounds.count >= 2 else { return [] }
        var counts = Array(repeating: (received: 0, fixed: 0), count: bounds.count - 1)
        let edges = bounds.map(\.timeIntervalSince1970)
        // One pass over the index on (requested_at, status), which holds all the query reads.
        let buckets = (1..<(edges.count - 1)).map { "WHEN requested_at < ? THEN \($0 - 1)" }.joined(separator: " ")
        let sql = """
            SELECT CASE \(buckets) ELSE \(edges.count - 2) END AS period, COUNT(*), SUM(status = 'fixed')
            FROM citizen_request WHERE requested_at >= ? AND requested_at < ? GROUP BY period
            """
        let arguments = StatementArguments(Array(edges[1..<(edges.count - 1)]) + [edges[0], edges[edges.count - 1]])
        try writer.read { db in
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                let period: Int = row[0]
                counts[period] = (row[1], row[2])
            }
        }
        return counts
    }

    public func addUpdate(_ update: CitizenRequestUpdate) throws -> CitizenRequestUpdate {
        try writer.write { db in
            let at = update.at.timeIntervalSince1970
            try db.execute(sql: """
                UPDATE citizen_request SET status = ?, body = ?, updated_at = ?, status_note = ?,
                    expected_at = CASE WHEN ? THEN NULL ELSE COALESCE(?, expected_at) END WHERE id = ?
                """, arguments: [update.status.rawValue, update.body.rawValue, at, update.note, !update.status.isOpen,
                    update.expectedAt?.timeIntervalSince1970, update.requestID])
            if db.changesCount == 0 { throw StoreError.unknownCitizenRequest(update.requestID) }
            try db.execute(
                sql: "INSERT INTO citizen_request_update (request_id, status, body, note, actor, at, expected_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [update.requestID, update.status.rawValue, update.body.rawValue, update.note, update.actor, at,
                    update.expectedAt?.timeIntervalSince1970])
            var stored = update
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    public func citizenRequestUpdates(requestIDs: [Int64]?, from: Date?, to: Date?, limit: Int, offset: Int) throws
        -> [CitizenRequestUpdate]
    {
        var conditions = ["1"]
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let requestIDs {
            conditions.append("request_id IN (\(requestIDs.map { _ in "?" }.joined(separator: ",")))")
            arguments += requestIDs.map { $0 }
        }
        if let from { conditions.append("at >= ?"); arguments.append(from.timeIntervalSince1970) }
        if let to { conditions.append("at < ?"); arguments.append(to.timeIntervalSince1970) }
        arguments += [limit, offset]
        return try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM citizen_request_update WHERE \(conditions.joined(separator: " AND "))
                ORDER BY at, id LIMIT ? OFFSET ?
                """, arguments: StatementArguments(arguments)).map { row in
                CitizenRequestUpdate(
                    id: row["id"], requestID: row["request_id"],
                    status: CitizenRequestStatus(rawValue: row["status"]) ?? .open,
                    body: ResponsibleBody(rawValue: row["body"]) ?? .city, note: row["note"], actor: row["actor"],
                    at: Date(timeIntervalSince1970: row["at"]),
                    expectedAt: (row["expected_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
            }
        }
    }

    public func reporterContact(requestID: Int64) throws -> ReporterContact? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM reporter_contact WHERE request_id = ?", arguments: [requestID]).map { row in
                ReporterContact(
                    email: row["email"], phone: row["phone"], name: row["name"], devicePseudonym: row["device_pseudonym"],
                    accountPseudonym: row["account_pseudonym"], deleteAfter: Date(timeIntervalSince1970: row["delete_after"]))
            }
        }
    }

    public func photo(requestID: Int64) throws -> RequestPhoto? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT content_type, bytes FROM request_photo WHERE request_id = ?", arguments: [requestID])
                .map { RequestPhoto(contentType: $0["content_type"], bytes: $0["bytes"]) }
        }
    }

    public func purgeReporterData(now: Date) throws -> Int {
        try writer.write { db in
            let seconds = now.timeIntervalSince1970
            let affected = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM (SELECT request_id FROM reporter_contact WHERE delete_after < ?1
                    UNION SELECT request_id FROM request_photo WHERE delete_after < ?1)
                """, arguments: [seconds]) ?? 0
            try db.execute(sql: "DELETE FROM reporter_contact WHERE delete_after < ?", arguments: [seconds])
            try db.execute(sql: "DELETE FROM request_photo WHERE delete_after < ?", arguments: [seconds])
            return affected
        }
    }

    public func createOpen311Key(_ key: Open311Key) throws -> Open311Key {
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO open311_key (label, key_hash, created_at, revoked_at) VALUES (?, ?, ?, ?)",
                arguments: [key.label, key.keyHash, key.createdAt.timeIntervalSince1970, key.revokedAt?.timeIntervalSince1970])
            var created = key
            created.id = db.lastInsertedRowID
            return created
        }
    }

    public func open311Key(hash: String) throws -> Open311Key? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM open311_key WHERE key_hash = ?", arguments: [hash]).map(Self.key)
        }
    }

    public func open311Keys() throws -> [Open311Key] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM open311_key ORDER BY created_at DESC, id DESC").map(Self.key)
        }
    }

    public func revokeOpen311Key(id: Int64, at date: Date) throws {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE open311_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                arguments: [date.timeIntervalSince1970, id])
            if db.changesCount == 0 { throw StoreError.unknownOpen311Key(id) }
        }
    }

    // MARK: Reading

    private static func key(_ row: Row) -> Open311Key {
        Open311Key(
            id: row["id"], label: row["label"], keyHash: row["key_hash"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
            revokedAt: (row["revoked_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }

    /// The WHERE clause of a query, over `citizen_request r`.
    private static func clause(_ query: CitizenRequestQuery) -> (String, StatementArguments) {
        var conditions = ["1"]
        var arguments: [(any DatabaseValueConvertible)?] = []
        func list<T: DatabaseValueConvertible>(_ column: String, _ values: [T]) {
            conditions.append("\(column) IN (\(values.map { _ in "?" }.joined(separator: ",")))")
            arguments += values.map { $0 }
        }
        if let ids = query.ids {
            list("r.id", ids)
            return (conditions.joined(separator: " AND "), StatementArguments(arguments))
        }
        if let codes = query.serviceCodes { list("r.service_code", codes) }
        if let statuses = query.statuses { list("r.status", statuses.map(\.rawValue).sorted()) }
        if let bodies = query.bodies { list("r.body", bodies.map(\.rawValue).sorted()) }
        // Near a place, the place's index narrows most: the time is then compared without its index (`+`),
        // which SQLite would otherwise prefer, for the order, and walk the whole period with.
        let time = query.near == nil ? "r.requested_at" : "+r.requested_at"
        if let from = query.from { conditions.append("\(time) >= ?"); arguments.append(from.timeIntervalSince1970) }
        if let to = query.to { conditions.append("\(time) < ?"); arguments.append(to.timeIntervalSince1970) }
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            conditions.append("(r.description LIKE ? ESCAPE '\\' OR r.address LIKE ? ESCAPE '\\')")
            arguments += [pattern, pattern]
        }
        if let near = query.near {
            // An equirectangular distance, exact enough within a city, with arithmetic SQLite always has;
            // the bounding box lets the index on (latitude, longitude) narrow the rows first.
            let perDegreeLatitude = 110_574.0
            let perDegreeLongitude = 111_320.0 * cos(near.latitude * .pi / 180)
            let dLat = query.radius / perDegreeLatitude
            let dLon = query.radius / max(perDegreeLongitude, 1)
            conditions.append("r.latitude BETWEEN ? AND ? AND r.longitude BETWEEN ? AND ?")
            arguments += [near.latitude - dLat, near.latitude + dLat, near.longitude - dLon, near.longitude + dLon]
            conditions.append("((r.latitude - ?) * ?) * ((r.latitude - ?) * ?) + ((r.longitude - ?) * ?) * ((r.longitude - ?) * ?) <= ?")
            arguments += [near.latitude, perDegreeLatitude, near.latitude, perDegreeLatitude, near.longitude, perDegreeLongitude,
                near.longitude, perDegreeLongitude, query.radius * query.radius]
        }
        return (conditions.joined(separator: " AND "), StatementArguments(arguments))
    }

    private static func requests(_ db: Database, where clause: String, arguments: StatementArguments, limit: Int, offset: Int) throws
        -> [CitizenRequest]
    {
        var arguments = arguments
        arguments += [limit, offset]
        // Columns by position: GRDB's lookup by name lowercases the name each time, which was a tenth of the
        // cost of a page of a hundred requests.
        let rows = try Row.fetchAll(db, sql: """
            SELECT r.id, r.incident_id, r.token, r.service_code, r.status, r.body, r.description, r.address, r.latitude,
                r.longitude, r.attributes, r.media_url, r.channel, r.requested_at, r.updated_at, r.expected_at, r.status_note,
                EXISTS (SELECT 1 FROM request_photo p WHERE p.request_id = r.id),
                (SELECT group_concat(d.level || '=' || d.code, char(31)) FROM incident_district d WHERE d.incident_id = r.incident_id)
            FROM citizen_request r WHERE \(clause) ORDER BY r.requested_at DESC, r.id DESC LIMIT ? OFFSET ?
            """, arguments: arguments)
        return rows.map { row in
            let latitude: Double? = row[8]
            let longitude: Double? = row[9]
            var districts: [String: String] = [:]
            for pair in ((row[18] as String?) ?? "").split(separator: "\u{1F}") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { districts[String(parts[0])] = String(parts[1]) }
            }
            return CitizenRequest(
                id: row[0], incidentID: row[1], token: row[2], serviceCode: row[3],
                status: CitizenRequestStatus(rawValue: row[4]) ?? .open, body: ResponsibleBody(rawValue: row[5]) ?? .city,
                description: row[6], address: row[7],
                location: latitude.flatMap { latitude in longitude.map { GeoPoint(latitude: latitude, longitude: $0) } },
                attributes: decode(row[10]), mediaURL: row[11], hasPhoto: row[17], channel: row[12],
                requestedAt: Date(timeIntervalSince1970: row[13]), updatedAt: Date(timeIntervalSince1970: row[14]),
                expectedAt: (row[15] as Double?).map(Date.init(timeIntervalSince1970:)), statusNote: row[16], districts: districts)
        }
    }

    private static func encode(_ attributes: [String: [String]]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(attributes)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// One decoder for every row: making a JSONDecoder per row cost a list of 100 requests 3 ms.
    private static let decoder = JSONDecoder()

    private static func decode(_ text: String) -> [String: [String]] {
        if text == "{}" { return [:] }
        return (try? decoder.decode([String: [String]].self, from: Data(text.utf8))) ?? [:]
    }

    /// A stable 64-bit FNV-1a hash of the request's token, as the incident's content hash.
    private static func contentHash(_ token: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in token.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int64(bitPattern: hash)
    }
}
