import GRDB
import VigieCore

extension SQLiteStore: DeploymentSettingsRepository {
    /// The installation's settings, `Deployment.unconfigured` until set.
    public func deployment() throws -> Deployment {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM deployment WHERE id = 1") else {
                return .unconfigured
            }
            var area: BoundingBox?
            if let minX: Double = row["area_min_lon"] {
                area = BoundingBox(minX: minX, minY: row["area_min_lat"], maxX: row["area_max_lon"],
                    maxY: row["area_max_lat"])
            }
            return Deployment(name: row["name"], timeZoneIdentifier: row["time_zone"], area: area)
        }
    }

    /// Replaces the installation's settings.
    public func save(_ deployment: Deployment) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO deployment (id, name, time_zone, area_min_lon, area_min_lat, area_max_lon,
                    area_max_lat) VALUES (1, ?, ?, ?, ?, ?, ?)
                """, arguments: [deployment.name, deployment.timeZoneIdentifier, deployment.area?.minX,
                    deployment.area?.minY, deployment.area?.maxX, deployment.area?.maxY])
        }
    }
}
