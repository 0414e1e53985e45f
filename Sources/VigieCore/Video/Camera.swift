import Foundation

/// A point on a camera's image, as a share of its width and height (0–1 from the top left), so that zones
/// and masks hold whatever size frames are read at.
public struct ImagePoint: Hashable, Sendable, Codable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A polygon drawn on a camera's image: a zone rules and searches look at, or a privacy mask.
public struct ImageZone: Hashable, Sendable, Codable {
    public var name: String
    public var points: [ImagePoint]

    public init(name: String, points: [ImagePoint]) {
        self.name = name
        self.points = points
    }

    /// A zone typed as text, x,y points as shares separated by ';' (`0.1,0.5;0.4,0.5;0.4,0.9`); the error
    /// names the pair that is not x,y.
    public init(name: String, text: String) throws {
        let points = try text.split(separator: ";").map { pair -> ImagePoint in
            let values = pair.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard values.count == 2, values.allSatisfy(\.isFinite) else { throw ZoneTextError(pair: String(pair.prefix(40))) }
            return ImagePoint(x: values[0], y: values[1])
        }
        self.init(name: name, points: points)
    }

    /// Whether an image point lies inside (even-odd rule).
    public func contains(_ point: ImagePoint) -> Bool {
        var inside = false
        var j = points.count - 1
        for i in points.indices {
            let (a, b) = (points[i], points[j])
            if (a.y > point.y) != (b.y > point.y), point.x < (b.x - a.x) * (point.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }

    /// The pixels of a `width` × `height` frame inside the polygon (their centres), 1 inside and 0 outside.
    public func raster(width: Int, height: Int) -> [UInt8] {
        var cells = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width where contains(ImagePoint(x: (Double(x) + 0.5) / Double(width), y: (Double(y) + 0.5) / Double(height))) {
                cells[y * width + x] = 1
            }
        }
        return cells
    }
}

/// Why a zone typed as text could not be read.
public struct ZoneTextError: Error, CustomStringConvertible, Sendable {
    public let pair: String
    public var description: String { "'\(pair)' is not x,y (shares of the image, 0 to 1)" }
}

/// A camera in the register: where it is, what it looks at, the zones drawn on its image, the privacy
/// masks no analysis ever reads (dwellings' windows and entrances), and how long its recordings and their
/// index are kept (30 days at most in France, CSI L252-5).
public struct Camera: Hashable, Sendable {
    public static let maximumRetentionDays = 30

    public var id: Int64?
    /// Stable machine name (`vieux-port-01`).
    public var name: String
    public var title: String
    public var location: GeoPoint?
    /// The direction it looks, degrees clockwise from north.
    public var heading: Double?
    /// The prefectoral authorisation it runs under.
    public var authorisation: String
    public var retentionDays: Int
    public var zones: [ImageZone]
    public var privacyMasks: [ImageZone]

    public init(
        id: Int64? = nil, name: String, title: String, location: GeoPoint?, heading: Double?, authorisation: String,
        retentionDays: Int = Camera.maximumRetentionDays, zones: [ImageZone] = [], privacyMasks: [ImageZone] = []
    ) {
        self.id = id
        self.name = name
        self.title = title
        self.location = location
        self.heading = heading
        self.authorisation = authorisation
        self.retentionDays = retentionDays
        self.zones = zones
        self.privacyMasks = privacyMasks
    }

    /// One message per problem with the entry.
    public func problems() -> [String] {
        var problems: [String] = []
        if !Source.isValidName(name) { problems.append("name '\(name)' must be 1-64 characters of lowercase letters, digits and '-'") }
        if title.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("title is empty") }
        if authorisation.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append("authorisation is empty: give the prefectoral authorisation the camera runs under")
        }
        if !(1...Self.maximumRetentionDays).contains(retentionDays) {
            problems.append("retention must be 1 to \(Self.maximumRetentionDays) days, got \(retentionDays)")
        }
        if let location, !location.isValid { problems.append("position \(location.latitude), \(location.longitude) is not a WGS84 position") }
        if let heading, !(0..<360).contains(heading) { problems.append("heading \(heading) is not 0 to 360 degrees") }
        for zone in zones + privacyMasks {
            if zone.points.count < 3 { problems.append("zone '\(zone.name)' needs at least 3 points") }
            if zone.points.contains(where: { !(0...1).contains($0.x) || !(0...1).contains($0.y) }) {
                problems.append("zone '\(zone.name)' has a point outside the image (x and y are shares, 0 to 1)")
            }
        }
        return problems
    }

    /// The pixels no analysis reads at `width` × `height`: the union of the privacy masks.
    public func maskRaster(width: Int, height: Int) -> [UInt8]? {
        guard !privacyMasks.isEmpty else { return nil }
        var cells = [UInt8](repeating: 0, count: width * height)
        for mask in privacyMasks {
            for (i, value) in mask.raster(width: width, height: height).enumerated() where value != 0 { cells[i] = 1 }
        }
        return cells
    }
}

/// The register of cameras.
public protocol CameraRegistry: Sendable {
    func register(_ camera: Camera) throws -> Camera
    func cameras() throws -> [Camera]
    func camera(named name: String) throws -> Camera?
}

extension CameraRegistry {
    /// Every registered camera by its id, for naming what the index holds by camera id.
    public func camerasByID() throws -> [Int64: Camera] {
        Dictionary(try cameras().compactMap { camera in camera.id.map { ($0, camera) } }, uniquingKeysWith: { first, _ in first })
    }
}
