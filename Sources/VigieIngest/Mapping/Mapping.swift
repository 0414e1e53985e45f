import VigieCore

/// A declarative description of how one source's file becomes incidents.
public struct Mapping: Sendable {
    /// The input format.
    public enum Format: String, Sendable, CaseIterable {
        /// Delimited text with a header line.
        case csv
        /// One JSON object per line.
        case ndjson
        /// A GeoJSON FeatureCollection.
        case geojson
    }

    /// Where a record's position comes from.
    public enum LocationSource: Sendable {
        /// WGS84 latitude and longitude columns.
        case latitudeLongitude(latitude: String, longitude: String)
        /// Lambert-93 (EPSG:2154) x and y columns, in metres.
        case lambert93(x: String, y: String)
        /// The GeoJSON feature's Point geometry.
        case geometry
    }

    /// The name of the register entry records go to.
    public var sourceName: String
    /// The register entry to create when the source is not registered yet.
    public var register: Source?
    /// The input format.
    public var format: Format
    /// The CSV delimiter byte.
    public var delimiter: UInt8
    /// The text encoding.
    public var encoding: TextEncoding
    /// The column holding the source's reference; `nil` uses a stable hash of the row.
    public var referenceColumn: String?
    /// The column holding the time.
    public var timeColumn: String
    /// How the time is written.
    public var timeFormat: TimeFormat
    /// The time zone of times written without an offset; `nil` uses the deployment's.
    public var timeZoneIdentifier: String?
    /// How precisely the source knows its times.
    public var timePrecision: TimePrecision
    /// Where positions come from.
    public var location: LocationSource
    /// Whether a record without a position is accepted.
    public var locationOptional: Bool
    /// The radius in metres within which the source's positions are true.
    public var locationPrecisionMeters: Double?
    /// The column holding the category label.
    public var categoryColumn: String
    /// Raw label → taxonomy code.
    public var categoryMap: [String: CategoryCode]
    /// The code of labels absent from the map; `nil` quarantines them.
    public var categoryDefault: CategoryCode?
    /// Attribute name → column, kept as text.
    public var attributes: [(name: String, column: String)]
    /// Attributes to pseudonymise.
    public var personalAttributes: Set<String>
    /// The mapping file's name, for messages.
    public var fileName: String

    /// Every column the mapping reads, with the mapping key that names it.
    public var columnsRead: [(key: String, column: String)] {
        var columns: [(String, String)] = []
        if let referenceColumn { columns.append(("reference.column", referenceColumn)) }
        columns.append(("time.column", timeColumn))
        switch location {
        case .latitudeLongitude(let latitude, let longitude):
            columns += [("location.latitude", latitude), ("location.longitude", longitude)]
        case .lambert93(let x, let y):
            columns += [("location.x", x), ("location.y", y)]
        case .geometry:
            break
        }
        columns.append(("category.column", categoryColumn))
        columns += attributes.map { ("attributes.\($0.name)", $0.column) }
        return columns
    }
}
