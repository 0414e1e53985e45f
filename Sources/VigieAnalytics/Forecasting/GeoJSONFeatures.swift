import VigieCore

/// A GeoJSON FeatureCollection of polygons in WGS84 with flat properties: the map layers the API answers
/// and the CLI prints.
public struct PolygonFeatures: Encodable, Sendable {
    public struct Feature: Encodable, Sendable {
        public struct Geometry: Encodable, Sendable {
            public var type = "MultiPolygon"
            public let coordinates: [[[[Double]]]]

            /// The outline's parts and rings, each ring closed as GeoJSON wants it.
            public init(_ outline: Polygon) {
                coordinates = outline.parts.map { part in
                    part.map { ring in (ring + (ring.first == ring.last ? [] : ring.prefix(1))).map { [$0.x, $0.y] } }
                }
            }

            public init(coordinates: [[[[Double]]]]) {
                self.coordinates = coordinates
            }
        }
        public var type = "Feature"
        public let geometry: Geometry
        public let properties: [String: JSONScalar]

        public init(geometry: Geometry, properties: [String: JSONScalar]) {
            self.geometry = geometry
            self.properties = properties
        }
    }
    public var type = "FeatureCollection"
    public let features: [Feature]

    public init(features: [Feature]) {
        self.features = features
    }
}

/// A property value of a feature.
public enum JSONScalar: Encodable, Sendable, Hashable {
    case text(String)
    case number(Double)
    case integer(Int)
    case null

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        case .integer(let integer): try container.encode(integer)
        case .null: try container.encodeNil()
        }
    }
}
