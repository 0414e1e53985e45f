import VigieCore

/// A declarative description of how a CSV, NDJSON or GeoJSON file of an agenda becomes planned items.
public struct AgendaMapping: Sendable {
    /// Where an item's place comes from.
    public enum Location: Sendable, Hashable {
        /// WGS84 latitude and longitude columns: a point.
        case latitudeLongitude(latitude: String, longitude: String)
        /// Lambert-93 (EPSG:2154) x and y columns, in metres: a point.
        case lambert93(x: String, y: String)
        /// A column holding a GeoJSON geometry (as text or, in JSON formats, as an object) or WKT; its
        /// coordinates are Lambert-93 metres when `lambert93`, else WGS84 longitude and latitude.
        case geometryColumn(String, lambert93: Bool)
        /// The GeoJSON feature's own geometry, in Lambert-93 metres when `lambert93`.
        case featureGeometry(lambert93: Bool)
    }

    /// The name of the register entry items go to.
    public var sourceName: String
    /// The register entry to create when the source is not registered yet.
    public var register: Source?
    /// The input format.
    public var format: Mapping.Format
    /// The CSV delimiter byte.
    public var delimiter: UInt8
    /// The text encoding of a CSV file.
    public var encoding: TextEncoding
    /// The column holding the source's reference; `nil` uses a stable hash of the row.
    public var referenceColumn: String?
    /// The column holding the title.
    public var titleColumn: String
    /// The column holding the kind's label; `nil` gives every item `defaultKind`.
    public var kindColumn: String?
    /// Kinds by label, compared without case after an exact match.
    public var kindMap: [String: PlannedEventKind]
    /// The kind of labels neither mapped nor a kind's own name; `nil` refuses them.
    public var defaultKind: PlannedEventKind?
    /// The column holding the start.
    public var startColumn: String
    /// The column holding the end (for dates, the last day); `nil` makes dated items last one day.
    public var endColumn: String?
    /// How start and end are written.
    public var timeFormat: TimeFormat
    /// The time zone of times and dates written without an offset; `nil` uses the deployment's.
    public var timeZoneIdentifier: String?
    /// Where places come from.
    public var location: Location
    /// The column holding the expected attendance.
    public var attendanceColumn: String?
    /// The column holding the organising body.
    public var organiserColumn: String?
    /// The mapping file's name, for messages.
    public var fileName: String

    /// Every column the mapping reads, with the mapping key that names it; a column's slot is its index.
    public var columnsRead: [(key: String, column: String)] {
        var columns: [(String, String)] = []
        if let referenceColumn { columns.append(("reference.column", referenceColumn)) }
        columns.append(("title.column", titleColumn))
        if let kindColumn { columns.append(("kind.column", kindColumn)) }
        columns.append(("time.start", startColumn))
        if let endColumn { columns.append(("time.end", endColumn)) }
        switch location {
        case .latitudeLongitude(let latitude, let longitude):
            columns += [("location.latitude", latitude), ("location.longitude", longitude)]
        case .lambert93(let x, let y):
            columns += [("location.x", x), ("location.y", y)]
        case .geometryColumn(let column, _):
            columns.append(("location.geometry", column))
        case .featureGeometry:
            break
        }
        if let attendanceColumn { columns.append(("attendance.column", attendanceColumn)) }
        if let organiserColumn { columns.append(("organiser.column", organiserColumn)) }
        return columns
    }
}
