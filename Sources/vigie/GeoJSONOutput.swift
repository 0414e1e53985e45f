import VigieCore

/// GeoJSON feature collections of outlines (WGS84) and their properties.
enum GeoJSONOutput {
    /// Features with no outline are left out; rings are closed, as GeoJSON wants them.
    static func featureCollection(_ features: [(outline: Polygon?, properties: [String: JSONOutput])]) -> JSONOutput {
        .object([
            "type": .string("FeatureCollection"),
            "features": .array(features.compactMap { feature in
                guard let outline = feature.outline else { return nil }
                return .object([
                    "type": .string("Feature"),
                    "geometry": .object([
                        "type": .string("MultiPolygon"),
                        "coordinates": .array(outline.parts.map { part in
                            .array(part.map { ring in
                                .array((ring + (ring.first == ring.last ? [] : ring.prefix(1))).map {
                                    .array([.number($0.x), .number($0.y)])
                                })
                            })
                        }),
                    ]),
                    "properties": .object(feature.properties),
                ])
            }),
        ])
    }
}
