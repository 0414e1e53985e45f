import VigieCore

/// The demo city's land outline cut into the Voronoi cells of its arrondissement centres.
struct CityMap: Sendable {
    /// The land outline in degrees (x = longitude, y = latitude).
    let outline: Ring
    /// One ring per arrondissement, in degrees, in the order of `Arrondissement.all`.
    let districts: [Ring]
    private let populationCumulative: [Double]

    /// Builds the map from the authored outline and centres.
    init() {
        let frame = LocalProjection.marseille
        let outlineMetres = Ring(CityOutline.vertices.map(frame.vector))
        let centres = Arrondissement.all.map { frame.vector($0.centre) }
        outline = Ring(CityOutline.vertices.map(CityMap.degrees))
        districts = centres.indices.map { index in
            var cell: Ring? = outlineMetres
            for other in centres.indices where other != index {
                let midpoint = (centres[index] + centres[other]) / 2
                cell = cell?.clipped(anchor: midpoint, normal: centres[other] - centres[index])
            }
            guard let cell else { preconditionFailure("arrondissement centre \(index) lies outside the outline") }
            return Ring(cell.vertices.map { CityMap.degrees(frame.position($0)) })
        }
        var total = 0.0
        populationCumulative = Arrondissement.all.map {
            total += Double($0.population)
            return total
        }
    }

    /// A position as a planar point in degrees, rounded to the 6 decimals every demo file uses.
    static func degrees(_ point: GeoPoint) -> SIMD2<Double> {
        SIMD2((point.longitude * 1e6).rounded() / 1e6, (point.latitude * 1e6).rounded() / 1e6)
    }

    /// The point, rounded to 6 decimals, if it lies on land.
    func landPoint(_ point: GeoPoint) -> GeoPoint? {
        let rounded = CityMap.degrees(point)
        return outline.contains(rounded) ? GeoPoint(latitude: rounded.y, longitude: rounded.x) : nil
    }

    /// The index of the arrondissement of a land point: the one with the nearest centre, cells being Voronoi cells.
    func district(of point: GeoPoint) -> Int {
        let frame = LocalProjection.marseille
        let distances = Arrondissement.all.map { frame.distance($0.centre, point) }
        return distances.indices.min { distances[$0] < distances[$1] } ?? 0
    }

    /// A position drawn with the density of the population: an arrondissement by population, then homes spread
    /// around its residential centre, within its cell.
    func residentialPoint(using random: inout SeededGenerator) -> GeoPoint {
        let index = random.index(cumulative: populationCumulative)
        let arrondissement = Arrondissement.all[index]
        while true {
            let point = PlaceProfile.point(
                near: arrondissement.residentialCentre, spread: arrondissement.residentialSpread, on: self,
                using: &random)
            if districts[index].contains(SIMD2(point.longitude, point.latitude)) { return point }
        }
    }
}
