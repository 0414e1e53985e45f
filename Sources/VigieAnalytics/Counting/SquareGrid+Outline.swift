import VigieCore

extension SquareGrid {
    /// A cell's square in WGS84 (x longitude, y latitude), for maps.
    public func outline(ofCell index: Int, projection: LocalProjection) -> Polygon {
        let box = cellBounds(index)
        return Polygon(outer: [(box.minX, box.minY), (box.maxX, box.minY), (box.maxX, box.maxY), (box.minX, box.maxY)]
            .map { corner in
                let point = projection.unproject(PlanarPoint(x: corner.0, y: corner.1))
                return PlanarPoint(x: point.longitude, y: point.latitude)
            })
    }
}
