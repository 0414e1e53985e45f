import Foundation
import GRDB
import VigieCore

extension SQLiteStore: DistrictRepository {
    /// Replaces a level's districts and re-assigns that level for every located incident, in one transaction.
    @discardableResult
    public func replaceDistricts(level: String, with districts: [District]) throws -> Int {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try writer.write { db in
            try db.execute(sql: "DELETE FROM district WHERE level = ?", arguments: [level])
            for district in districts {
                try db.execute(sql: """
                    INSERT INTO district (level, code, name, population, outline) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [level, district.code, district.name, district.population,
                        String(decoding: try encoder.encode(district.outline), as: UTF8.self)])
            }
            return try assignIncidents(level: level, index: PolygonIndex(districts.map { ($0.code, $0.outline) }), db)
        }
    }

    private func assignIncidents(level: String, index: PolygonIndex<String>, _ db: Database) throws -> Int {
        let insert = try RawStatement(db, sql: "INSERT INTO incident_district (incident_id, level, code) VALUES (?, ?, ?)")
        var assigned = 0
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, latitude, longitude FROM incident WHERE latitude IS NOT NULL")
        while let row = try rows.next() {
            guard let code = index.locate(x: row[2], y: row[1]) else { continue }
            try insert.bind(1, row[0] as Int64)
            try insert.bind(2, level)
            try insert.bind(3, code)
            try insert.run(db)
            assigned += 1
        }
        return assigned
    }

    /// Districts of one level, or of all levels, ordered by level then code.
    public func districts(level: String?) throws -> [District] {
        let decoder = JSONDecoder()
        return try writer.read { db in
            let condition = level == nil ? "1" : "level = ?"
            return try Row.fetchAll(db, sql: "SELECT * FROM district WHERE \(condition) ORDER BY level, code",
                arguments: level.map { [$0] } ?? []).map { row in
                District(
                    level: row["level"], code: row["code"], name: row["name"], population: row["population"],
                    outline: try decoder.decode(Polygon.self, from: Data((row["outline"] as String).utf8)))
            }
        }
    }
}
