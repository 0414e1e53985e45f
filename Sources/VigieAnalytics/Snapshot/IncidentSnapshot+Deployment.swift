import Foundation
import VigieCore

extension IncidentSnapshot {
    /// What a deployment's snapshot reads: the incidents, the deployment's settings, its districts.
    public typealias DeploymentStore = IncidentFeed & DeploymentSettingsRepository & DistrictRepository

    /// A snapshot of every incident of the deployment, in its time zone, laid out around its area or, when
    /// none is set, around its districts.
    public static func build(deploymentOf store: any DeploymentStore) throws -> IncidentSnapshot {
        let deployment = try store.deployment()
        guard let zone = TimeZone(identifier: deployment.timeZoneIdentifier) else {
            throw AnalyticsError.unknownTimeZone(deployment.timeZoneIdentifier)
        }
        let area = try deployment.area ?? store.districts(level: nil).compactMap(\.outline.boundingBox).reduce(nil) {
            (union: BoundingBox?, box: BoundingBox) in union?.union(box) ?? box
        }
        let origin = area.map { GeoPoint(latitude: ($0.minY + $0.maxY) / 2, longitude: ($0.minX + $0.maxX) / 2) }
        return try build(from: store, timeZone: zone, origin: origin)
    }
}
