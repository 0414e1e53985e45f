import VigieCore

extension AgendaRecordMapper {
    /// The place, projected from Lambert-93 if need be, each of its positions checked against the area.
    func geometry(_ source: some RecordSource) throws(Refusal) -> EventGeometry {
        let (key, lambert93, written) = try writtenPlace(source)
        let geometry: EventGeometry
        switch written {
        case .success(let value): geometry = value
        case .failure(let problem): throw refusal(key, problem.message)
        }
        let count = geometry.points.count
        var index = 0
        return try geometry.mapPoints { (position) throws(Refusal) -> GeoPoint in
            index += 1
            let rank = count > 1 ? "position \(index) of \(count): " : ""
            var point = position
            if lambert93 {
                let written = "(\(position.longitude), \(position.latitude))"
                switch PositionCheck.lambert93(x: position.longitude, y: position.latitude, written: written) {
                case .success(let value): point = value
                case .failure(let problem): throw refusal(key, rank + problem.message)
                }
            }
            if let problem = PositionCheck.problem(point, area: area) { throw refusal(key, rank + problem.message) }
            return point
        }
    }

    /// The place as written (x as the longitude, y as the latitude), the key that gives it, and whether it
    /// is in Lambert-93 metres.
    private func writtenPlace(
        _ source: some RecordSource
    ) throws(Refusal) -> (key: String, lambert93: Bool, Result<EventGeometry, FieldProblem>) {
        switch mapping.location {
        case .latitudeLongitude, .lambert93:
            let isLambert93 = if case .lambert93 = mapping.location { true } else { false }
            let (xKey, yKey) = isLambert93 ? ("location.x", "location.y") : ("location.longitude", "location.latitude")
            let x = try text(xKey, source)
            let y = try text(yKey, source)
            guard let a = RecordMapper.number(x), let b = RecordMapper.number(y) else {
                let problem = x.isEmpty && y.isEmpty ? "no position given"
                    : "'\(x)' and '\(y)' (\(column(xKey)!), \(column(yKey)!)) are not both numbers"
                return (yKey, isLambert93, .failure(FieldProblem(problem)))
            }
            return (yKey, isLambert93, .success(.point(GeoPoint(latitude: b, longitude: a))))
        case .geometryColumn(_, let isLambert93):
            let key = "location.geometry"
            if let json = source.json(slots[key]!), case .object = json {
                return (key, isLambert93, EventGeometryReader.geometry(json: json))
            }
            let text = try text(key, source)
            let read = text.isEmpty ? .failure(FieldProblem("is empty")) : EventGeometryReader.geometry(text: text)
            return (key, isLambert93, read)
        case .featureGeometry(let isLambert93):
            let read = source.featureGeometry().map(EventGeometryReader.geometry(json:))
                ?? .failure(FieldProblem("the feature has no geometry"))
            return ("geometry", isLambert93, read)
        }
    }
}

extension EventGeometry {
    /// The same geometry with every vertex transformed.
    func mapPoints<Failure: Error>(_ transform: (GeoPoint) throws(Failure) -> GeoPoint) throws(Failure) -> EventGeometry {
        switch self {
        case .point(let point): .point(try transform(point))
        case .line(let points): .line(try points.map(transform))
        case .polygon(let points): .polygon(try points.map(transform))
        }
    }
}
