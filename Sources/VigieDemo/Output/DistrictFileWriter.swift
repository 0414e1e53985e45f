/// The arrondissements as a GeoJSON FeatureCollection with `code`, `name` and `population`.
struct DistrictFileWriter: Sendable {
    /// The file's name.
    let fileName = "arrondissements.geojson"

    /// The file's bytes: one feature a line, closed counter-clockwise rings.
    func data(map: CityMap) -> [UInt8] {
        var output = TextOutput()
        output.append("{\"type\":\"FeatureCollection\",\"features\":[\n")
        for (index, arrondissement) in Arrondissement.all.enumerated() {
            output.append("{\"type\":\"Feature\",\"properties\":{\"code\":")
            output.appendJSON(arrondissement.code)
            output.append(",\"name\":")
            output.appendJSON(arrondissement.name)
            output.append(",\"population\":")
            output.append(arrondissement.population)
            output.append("},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[")
            let ring = map.districts[index].vertices
            for (position, vertex) in (ring + [ring[0]]).enumerated() {
                output.append(position == 0 ? "[" : ",[")
                output.append(vertex.x, decimals: 6)
                output.append(",")
                output.append(vertex.y, decimals: 6)
                output.append("]")
            }
            output.append(index == Arrondissement.all.count - 1 ? "]]}}\n" : "]]}},\n")
        }
        output.append("]}\n")
        return output.bytes
    }
}
