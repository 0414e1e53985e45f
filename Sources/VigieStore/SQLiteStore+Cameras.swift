import Foundation
import GRDB
import VigieCore

extension SQLiteStore: CameraRegistry {
    public func register(_ camera: Camera) throws -> Camera {
        let problems = camera.problems()
        guard problems.isEmpty else { throw StoreError.invalidCamera(camera.name, problems) }
        return try writer.write { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM camera WHERE name = ?)", arguments: [camera.name]) == true {
                throw StoreError.cameraExists(camera.name)
            }
            try db.execute(sql: """
                INSERT INTO camera (name, title, latitude, longitude, heading, authorisation, retention_days, zones, privacy_masks)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [camera.name, camera.title, camera.location?.latitude, camera.location?.longitude, camera.heading,
                    camera.authorisation, camera.retentionDays, try Self.json(camera.zones), try Self.json(camera.privacyMasks)])
            var stored = camera
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    public func cameras() throws -> [Camera] {
        try writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM camera ORDER BY name").map(Self.camera) }
    }

    public func camera(named name: String) throws -> Camera? {
        try writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM camera WHERE name = ?", arguments: [name]).map(Self.camera) }
    }

    private static func json(_ zones: [ImageZone]) throws -> String {
        String(decoding: try JSONEncoder().encode(zones), as: UTF8.self)
    }

    static func camera(_ row: Row) -> Camera {
        let latitude: Double? = row["latitude"], longitude: Double? = row["longitude"]
        func zones(_ text: String) -> [ImageZone] { (try? JSONDecoder().decode([ImageZone].self, from: Data(text.utf8))) ?? [] }
        return Camera(
            id: row["id"], name: row["name"], title: row["title"],
            location: latitude.flatMap { latitude in longitude.map { GeoPoint(latitude: latitude, longitude: $0) } },
            heading: row["heading"], authorisation: row["authorisation"], retentionDays: row["retention_days"],
            zones: zones(row["zones"]), privacyMasks: zones(row["privacy_masks"]))
    }
}
