import VigieCore

/// The checks every position read from a file goes through, whatever it becomes.
enum PositionCheck {
    /// Why `point` cannot be a place of the deployment, or `nil` when it can: not on Earth, the 0, 0
    /// placeholder, or outside `area` (pointing out latitude and longitude that look swapped).
    static func problem(_ point: GeoPoint, area: BoundingBox?) -> FieldProblem? {
        guard point.isValid else {
            return FieldProblem("latitude \(point.latitude), longitude \(point.longitude) is not a position on Earth")
        }
        if point.latitude == 0 && point.longitude == 0 {
            return FieldProblem("0, 0 is a placeholder for an unknown position, not a place")
        }
        if let area, !area.contains(x: point.longitude, y: point.latitude) {
            let swapped = area.contains(x: point.latitude, y: point.longitude)
            return FieldProblem("latitude \(point.latitude), longitude \(point.longitude) lies outside the deployment's area (longitude \(area.minX)…\(area.maxX), latitude \(area.minY)…\(area.maxY))" + (swapped ? "; latitude and longitude look swapped" : ""))
        }
        return nil
    }

    /// The position of Lambert-93 (EPSG:2154) metres, refusing values that cannot be in mainland France;
    /// `written` shows the value in the message.
    static func lambert93(x: Double, y: Double, written: String) -> Result<GeoPoint, FieldProblem> {
        guard (50_000...1_300_000).contains(x), (6_000_000...7_200_000).contains(y) else {
            return .failure(FieldProblem("\(written) is not a Lambert-93 position: x lies between 50 000 and 1 300 000 m and y between 6 000 000 and 7 200 000 m"))
        }
        return .success(Lambert93.unproject(PlanarPoint(x: x, y: y)))
    }
}
