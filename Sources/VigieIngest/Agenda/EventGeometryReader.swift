import VigieCore

/// Reads the place of a planned item from a GeoJSON geometry (an object, or its text) or from WKT.
///
/// Coordinates come out as written, x as the longitude and y as the latitude; the caller projects and
/// checks them. A Point is a place, a LineString a route, a Polygon an area (its outer ring: holes are
/// dropped, and the ring is held open, its closing position dropped). Multi-geometries become one of those
/// only when nothing is lost: a single member is that member, and the parts of a MultiLineString that each
/// start where the previous one ends are joined into one route; anything else is refused, since one item
/// has one place.
enum EventGeometryReader {
    /// Coordinates as nested lists, the same for GeoJSON and WKT.
    indirect enum Coordinates {
        case position(x: Double, y: Double)
        case list([Coordinates])
    }

    /// The geometry a text holds: GeoJSON when it starts with `{`, WKT otherwise.
    static func geometry(text: String) -> Result<EventGeometry, FieldProblem> {
        let trimmed = text.trimmed
        if trimmed.hasPrefix("{") {
            var copy = trimmed
            return switch copy.withUTF8({ JSONValue.parse($0) }) {
            case .success(let value): geometry(json: value)
            case .failure(let problem): .failure(FieldProblem("GeoJSON text that \(problem.message)"))
            }
        }
        return wkt(trimmed).flatMap { type, coordinates in reduce(type: type, coordinates) }
    }

    /// The geometry of a GeoJSON geometry object, or of a Feature's geometry (as Opendatasoft writes
    /// `geo_shape`).
    static func geometry(json: JSONValue) -> Result<EventGeometry, FieldProblem> {
        guard case .object(let members) = json, case .string(let type)? = members["type"] else {
            return .failure(FieldProblem("is not a GeoJSON geometry (an object with a \"type\")"))
        }
        if type == "Feature" {
            guard let inner = members["geometry"], inner != .null else {
                return .failure(FieldProblem("is a GeoJSON Feature with no geometry"))
            }
            return geometry(json: inner)
        }
        if type == "GeometryCollection" {
            return .failure(FieldProblem("a GeometryCollection is not supported: give a Point, LineString or Polygon"))
        }
        guard let coordinates = members["coordinates"] else {
            return .failure(FieldProblem("the GeoJSON \(type) has no \"coordinates\""))
        }
        return nested(coordinates).flatMap { reduce(type: type, $0) }
    }

    private static func nested(_ value: JSONValue) -> Result<Coordinates, FieldProblem> {
        guard case .array(let items) = value else {
            return .failure(FieldProblem("the GeoJSON coordinates are not lists of [longitude, latitude]"))
        }
        if case .number = items.first {
            guard items.count >= 2, case .number(let x) = items[0], case .number(let y) = items[1],
                let longitude = Double(x), let latitude = Double(y)
            else { return .failure(FieldProblem("a GeoJSON position is not [longitude, latitude]")) }
            return .success(.position(x: longitude, y: latitude))
        }
        var list: [Coordinates] = []
        for item in items {
            switch nested(item) {
            case .success(let child): list.append(child)
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(.list(list))
    }

    // MARK: Reduction to one place

    private static func reduce(type: String, _ coordinates: Coordinates) -> Result<EventGeometry, FieldProblem> {
        switch type.uppercased() {
        case "POINT":
            guard case .position(let x, let y) = coordinates else { return .failure(shape(type, "a position")) }
            return .success(.point(GeoPoint(latitude: y, longitude: x)))
        case "LINESTRING":
            return line(coordinates, type).map(EventGeometry.line)
        case "POLYGON":
            return ring(coordinates, type).map(EventGeometry.polygon)
        case "MULTIPOINT":
            guard case .list(let members) = coordinates else { return .failure(shape(type, "a list of positions")) }
            // WKT may write each point in its own parentheses: MULTIPOINT ((1 2), (3 4)).
            let points = members.map { member in
                if case .list(let inner) = member, inner.count == 1 { return inner[0] }
                return member
            }
            guard points.count == 1 else {
                return .failure(FieldProblem("a MultiPoint of \(points.count) points is not one place: give one row per place"))
            }
            return reduce(type: "Point", points[0])
        case "MULTILINESTRING":
            guard case .list(let members) = coordinates, !members.isEmpty else {
                return .failure(shape(type, "a list of lines"))
            }
            var joined: [GeoPoint] = []
            for member in members {
                switch line(member, type) {
                case .failure(let problem): return .failure(problem)
                case .success(let part):
                    if let last = joined.last, last != part[0] {
                        return .failure(FieldProblem(
                            "a MultiLineString of \(members.count) parts that do not each start where the previous "
                                + "one ends is not one route: give one row per part"))
                    }
                    joined += joined.isEmpty ? part : Array(part.dropFirst())
                }
            }
            return .success(.line(joined))
        case "MULTIPOLYGON":
            guard case .list(let members) = coordinates, !members.isEmpty else {
                return .failure(shape(type, "a list of polygons"))
            }
            guard members.count == 1 else {
                return .failure(FieldProblem("a MultiPolygon of \(members.count) separate areas is not one area: give one row per area"))
            }
            return ring(members[0], type).map(EventGeometry.polygon)
        default:
            return .failure(FieldProblem("a \(type) is not supported: give a Point, LineString or Polygon"))
        }
    }

    private static func shape(_ type: String, _ expected: String) -> FieldProblem {
        FieldProblem("the \(type)'s coordinates are not \(expected)")
    }

    private static func positions(_ coordinates: Coordinates) -> [GeoPoint]? {
        guard case .list(let items) = coordinates else { return nil }
        var points: [GeoPoint] = []
        for item in items {
            guard case .position(let x, let y) = item else { return nil }
            points.append(GeoPoint(latitude: y, longitude: x))
        }
        return points
    }

    private static func line(_ coordinates: Coordinates, _ type: String) -> Result<[GeoPoint], FieldProblem> {
        guard let points = positions(coordinates) else { return .failure(shape(type, "a list of positions")) }
        guard points.count >= 2 else {
            return .failure(FieldProblem("a route needs at least two positions; the \(type) has \(points.count)"))
        }
        return .success(points)
    }

    /// The outer ring of a polygon's rings, open (its first position is not repeated at its end), as
    /// `EventGeometry.polygon` holds it.
    private static func ring(_ coordinates: Coordinates, _ type: String) -> Result<[GeoPoint], FieldProblem> {
        guard case .list(let rings) = coordinates, let outer = rings.first, var points = positions(outer) else {
            return .failure(shape(type, "a list of rings of positions"))
        }
        if points.count > 1, points.first == points.last { points.removeLast() }
        guard points.count >= 3 else {
            return .failure(FieldProblem("an area needs at least three corners; the \(type)'s outer ring has \(points.count)"))
        }
        return .success(points)
    }

    // MARK: WKT

    /// `TYPE [Z|M|ZM] (…)`, after an optional `SRID=n;`, as nested coordinates; `POINT (x y)` gives the
    /// position itself, as GeoJSON does.
    private static func wkt(_ text: String) -> Result<(String, Coordinates), FieldProblem> {
        var scanner = WKTScanner(Array(text.utf8))
        if scanner.peekWord().uppercased().hasPrefix("SRID=") {
            guard scanner.skip(past: UInt8(ascii: ";")) else { return .failure(notGeometry(text)) }
        }
        let type = scanner.word().uppercased()
        guard ["POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON",
            "GEOMETRYCOLLECTION"].contains(type)
        else { return .failure(notGeometry(text)) }
        if ["Z", "M", "ZM"].contains(scanner.peekWord().uppercased()) { _ = scanner.word() }
        if scanner.peekWord().uppercased() == "EMPTY" { return .failure(FieldProblem("the \(type) is empty")) }
        guard type != "GEOMETRYCOLLECTION" else {
            return .failure(FieldProblem("a GEOMETRYCOLLECTION is not supported: give a POINT, LINESTRING or POLYGON"))
        }
        guard let coordinates = scanner.list(), scanner.atEnd else {
            return .failure(FieldProblem("'\(text.prefix(80))' is not well-formed WKT: \(scanner.stopReason)"))
        }
        if type == "POINT" {
            guard case .list(let items) = coordinates, items.count == 1 else {
                return .failure(FieldProblem("a POINT holds one position, as in POINT (5.3794 43.2966)"))
            }
            return .success((type, items[0]))
        }
        return .success((type, coordinates))
    }

    private static func notGeometry(_ text: String) -> FieldProblem {
        FieldProblem("'\(text.prefix(80))' is neither GeoJSON ({\"type\": \"Point\", …}) nor WKT (POINT, LINESTRING, POLYGON)")
    }
}

/// Reads the parts of WKT: words, and parenthesised lists of positions or of further lists.
private struct WKTScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool {
        mutating get {
            skipSpaces()
            return index == bytes.count
        }
    }

    /// Where reading stopped, for messages.
    var stopReason: String { index < bytes.count ? "unexpected '\(Character(Unicode.Scalar(bytes[index])))' at character \(index + 1)" : "it ends too soon" }

    mutating func skipSpaces() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    func peekWord() -> String {
        var copy = self
        return copy.word()
    }

    mutating func word() -> String {
        skipSpaces()
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "("), bytes[index] != UInt8(ascii: ";"),
            ![0x20, 0x09, 0x0A, 0x0D].contains(bytes[index])
        {
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func skip(past byte: UInt8) -> Bool {
        guard let found = bytes[index...].firstIndex(of: byte) else { return false }
        index = found + 1
        return true
    }

    mutating func take(_ byte: UInt8) -> Bool {
        skipSpaces()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// `( item, item, … )` where an item is a list or a position `x y [z [m]]`.
    mutating func list() -> EventGeometryReader.Coordinates? {
        guard take(UInt8(ascii: "(")) else { return nil }
        var items: [EventGeometryReader.Coordinates] = []
        repeat {
            skipSpaces()
            if index < bytes.count, bytes[index] == UInt8(ascii: "(") {
                guard let inner = list() else { return nil }
                items.append(inner)
            } else {
                guard let position = position() else { return nil }
                items.append(position)
            }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: ")")) ? .list(items) : nil
    }

    private mutating func position() -> EventGeometryReader.Coordinates? {
        var numbers: [Double] = []
        while true {
            skipSpaces()
            let start = index
            while index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")
                || bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "e")
                || bytes[index] == UInt8(ascii: "E") || (48...57).contains(bytes[index])
            {
                index += 1
            }
            guard index > start else { break }
            guard let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)), number.isFinite else {
                index = start
                return nil
            }
            numbers.append(number)
        }
        guard (2...4).contains(numbers.count) else { return nil }
        return .position(x: numbers[0], y: numbers[1])
    }
}
