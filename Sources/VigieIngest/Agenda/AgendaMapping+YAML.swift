import Foundation
import VigieCore

extension AgendaMapping {
    /// Reads an agenda mapping file; every problem names the file, the line and the key.
    public static func load(contentsOf url: URL) throws -> AgendaMapping {
        try parse(yaml: try MappingNode.text(of: url), fileName: url.lastPathComponent)
    }

    /// Parses agenda mapping text; `fileName` names it in messages.
    public static func parse(yaml: String, fileName: String) throws -> AgendaMapping {
        let top = try MappingNode.root(
            yaml: yaml, fileName: fileName,
            allowed: ["source", "register", "format", "reference", "title", "kind", "time", "location", "attendance",
                "organiser"])
        let sourceName = try top.sourceName()
        let (format, delimiter, encoding) = try top.format()
        let reference = try top.child("reference", allowed: ["column"])
        let title = try top.requiredChild("title", allowed: ["column"])
        let (kindColumn, kindMap, defaultKind) = try parseKind(top)
        let time = try top.requiredChild("time", allowed: ["start", "end", "format", "time_zone"])
        let timeFormat = try time.timeFormat()
        let datesOnly = timeFormat.impliedPrecision == .day
        if timeFormat.impliedPrecision == .month {
            throw time.error("format", "'\(timeFormat.text)' gives no day (dd): an item needs its days")
        }
        let endColumn = try time.string("end")
        if endColumn == nil && !datesOnly {
            throw time.error(
                "end", "is required when times have hours: give the column of the end (it may be left out only "
                    + "with a format of dates alone, such as yyyy-MM-dd, for items of one day)")
        }
        return AgendaMapping(
            sourceName: sourceName, register: try top.register(sourceName: sourceName), format: format,
            delimiter: delimiter, encoding: encoding, referenceColumn: try reference?.requiredString("column"),
            titleColumn: try title.requiredString("column"), kindColumn: kindColumn, kindMap: kindMap,
            defaultKind: defaultKind, startColumn: try time.requiredString("start"), endColumn: endColumn,
            timeFormat: timeFormat, timeZoneIdentifier: try time.timeZoneName(),
            location: try parseLocation(top, format: format, fileName: fileName),
            attendanceColumn: try top.child("attendance", allowed: ["column"])?.requiredString("column"),
            organiserColumn: try top.child("organiser", allowed: ["column"])?.requiredString("column"),
            fileName: fileName)
    }

    private static var kindNames: String { PlannedEventKind.allCases.map(\.rawValue).joined(separator: ", ") }

    private static func parseKind(
        _ top: MappingNode
    ) throws -> (String?, [String: PlannedEventKind], PlannedEventKind?) {
        let kind = try top.requiredChild("kind", allowed: ["column", "map", "default"])
        var map: [String: PlannedEventKind] = [:]
        for (label, name, line) in try kind.textPairs("map") {
            guard let value = PlannedEventKind(rawValue: name) else {
                throw MappingError(
                    file: kind.file, line: line, key: kind.key("map"),
                    message: "'\(label)' maps to '\(name)', which is not a kind; kinds are: \(kindNames)")
            }
            map[label] = value
        }
        let defaultName = try kind.string("default")
        let defaultKind = try defaultName.map { name in
            guard let value = PlannedEventKind(rawValue: name) else {
                throw kind.error("default", "'\(name)' is not a kind; kinds are: \(kindNames)")
            }
            return value
        }
        let column = try kind.string("column")
        if column == nil && defaultKind == nil {
            throw kind.error("column", "is required unless default gives every item its kind")
        }
        if column == nil && !map.isEmpty {
            throw kind.error("column", "is required when map is given: the labels it maps are read from that column")
        }
        return (column, map, defaultKind)
    }

    private static func parseLocation(_ top: MappingNode, format: Mapping.Format, fileName: String) throws -> Location {
        guard let node = try top.child("location", allowed: ["latitude", "longitude", "x", "y", "crs", "geometry"])
        else {
            guard format == .geojson else {
                throw MappingError(
                    file: fileName, line: nil, key: "location",
                    message: "is required: give latitude and longitude columns, x and y (crs: EPSG:2154), or a "
                        + "geometry column holding GeoJSON or WKT")
            }
            return .featureGeometry(lambert93: false)
        }
        let crs = try node.string("crs")
        func isLambert93(default: Bool) throws -> Bool {
            switch crs?.uppercased() {
            case nil: return `default`
            case "EPSG:2154", "LAMBERT-93", "LAMBERT93": return true
            case "EPSG:4326", "WGS84": return false
            case let other?:
                throw node.error("crs", "'\(other)' is not supported; use EPSG:2154 (Lambert-93) or EPSG:4326")
            }
        }
        let given = ["latitude", "x", "geometry"].filter { node.node($0) != nil }
        guard given.count <= 1 else {
            throw node.error(given[1], "give one of latitude and longitude, x and y, or geometry, not \(given.joined(separator: " and "))")
        }
        if let latitude = try node.string("latitude") {
            if try isLambert93(default: false) {
                throw node.error("crs", "latitude and longitude are WGS84 degrees; give Lambert-93 metres as x and y")
            }
            return .latitudeLongitude(latitude: latitude, longitude: try node.requiredString("longitude"))
        }
        if let x = try node.string("x") {
            let y = try node.requiredString("y")
            return try isLambert93(default: true) ? .lambert93(x: x, y: y) : .latitudeLongitude(latitude: y, longitude: x)
        }
        if let column = try node.string("geometry") {
            return .geometryColumn(column, lambert93: try isLambert93(default: false))
        }
        guard format == .geojson else {
            throw node.error("latitude", "give latitude and longitude, x and y with crs, or geometry")
        }
        return .featureGeometry(lambert93: try isLambert93(default: false))
    }
}
