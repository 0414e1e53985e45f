import VigieCore

/// Where a kind of incident happens: a share near attractors, the rest spread like the population.
struct PlaceProfile: Sendable {
    private let hotspotShare: Double
    private let weights: [(attractor: Attractor, weight: Double)]

    /// Creates a profile; `hotspotShare` of the incidents fall around the weighted attractors.
    init(hotspotShare: Double = 0, _ weights: [(Attractor, Double)] = []) {
        self.hotspotShare = weights.isEmpty ? 0 : hotspotShare
        self.weights = weights.map { (attractor: $0.0, weight: $0.1) }
    }

    /// A land position for an incident on a given day of the year.
    func point(on map: CityMap, dayOfYear: Int, using random: inout SeededGenerator) -> GeoPoint {
        guard random.chance(hotspotShare) else { return map.residentialPoint(using: &random) }
        var total = 0.0
        let cumulative = weights.map {
            total += $0.weight * $0.attractor.seasonalWeight(dayOfYear: dayOfYear)
            return total
        }
        guard total > 0 else { return map.residentialPoint(using: &random) }
        let attractor = weights[random.index(cumulative: cumulative)].attractor
        return PlaceProfile.point(near: attractor.centre, spread: attractor.spreadMetres, on: map, using: &random)
    }

    /// A land position spread normally around a centre.
    static func point(
        near centre: GeoPoint, spread: Double, on map: CityMap, using random: inout SeededGenerator
    ) -> GeoPoint {
        while true {
            let shift = SIMD2(random.gaussian(), random.gaussian()) * spread
            if let point = map.landPoint(LocalProjection.marseille.offset(centre, by: shift)) { return point }
        }
    }

    /// A profile without hotspots: incidents spread like the population.
    static let residential = PlaceProfile()
}
