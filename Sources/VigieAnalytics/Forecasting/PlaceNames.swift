import VigieCore

/// The district a cell of a plan lies in, for people to read where an area is.
public struct PlaceNames: Sendable {
    private let index: PolygonIndex<String>?
    private let projection: LocalProjection?

    public init(districts: [District], projection: LocalProjection?) {
        index = districts.isEmpty ? nil : PolygonIndex(districts.map { (key: $0.name, polygon: $0.outline) })
        self.projection = projection
    }

    /// The district holding a point in the grid's metres, or "" when none is known.
    public func name(at point: PlanarPoint) -> String {
        guard let projection, let index else { return "" }
        let position = projection.unproject(point)
        return index.locate(x: position.longitude, y: position.latitude) ?? ""
    }
}
