import VigieCore

/// The features of a GeoJSON FeatureCollection, read one at a time without holding the whole file.
final class GeoJSONRecordSource: RecordSource {
    private let file: InputFile
    private let paths: [String]
    private var current: [String: JSONValue] = [:]
    private var featureStart = 0
    private var featureEnd = 0
    private var featureIndex = 0
    private var lineAtStart = 1
    private var inFeatures = false
    private var finished = false
    private(set) var line = 1
    private(set) var problem: String?
    let encoding = TextEncoding.utf8

    init(file: InputFile, columns: [(key: String, column: String)]) {
        self.file = file
        self.paths = columns.map(\.column)
    }

    var positionPrefix: String? { "feature \(featureIndex)" }

    var progress: (consumed: Int, total: Int) { (file.consumed, file.size) }

    func next() throws -> Bool {
        if featureEnd > 0 {
            countLines(upTo: featureEnd)
            file.consume(upTo: featureEnd)
            featureEnd = 0
        }
        if finished { return false }
        if !inFeatures { try findFeaturesArray() }
        while true {
            switch scanElement() {
            case .needMore:
                if file.end - file.start > InputFile.maximumRecordBytes {
                    throw IngestError.malformedFile(
                        path: file.path, line: lineAtStart, reason: "a feature runs over 64 MiB, or a string is never closed")
                }
                _ = try file.fill()
            case .end:
                finished = true
                return false
            case .element(let start, let end, let truncated):
                featureIndex += 1
                featureStart = start
                featureEnd = end
                line = lineAtStart
                readFeature()
                if truncated {
                    problem = "the file ends inside this feature: the export looks truncated"
                    finished = true
                }
                return true
            }
        }
    }

    private func readFeature() {
        let parsed = withRawBytes { bytes in
            !TextEncoding.isValidUTF8(bytes)
                ? .failure(FieldProblem("holds bytes that are not valid UTF-8 (GeoJSON must be UTF-8)"))
                : JSONValue.parse(bytes)
        }
        switch parsed {
        case .success(.object(let members)):
            if case .object(let properties)? = members["properties"] {
                current = properties
            } else {
                current = [:]
            }
            problem = members["type"] == .string("Feature") ? nil : "the element is not a GeoJSON Feature (its type is not \"Feature\")"
            geometryValue = members["geometry"]
        case .success:
            current = [:]
            geometryValue = nil
            problem = "the element is not a GeoJSON Feature object"
        case .failure(let failure):
            current = [:]
            geometryValue = nil
            problem = "the feature \(failure.message)"
        }
    }

    private var geometryValue: JSONValue?

    func geometry() -> Result<GeoPoint?, FieldProblem> {
        guard let geometryValue, geometryValue != .null else { return .success(nil) }
        guard case .object(let members) = geometryValue, case .string(let type)? = members["type"] else {
            return .failure(FieldProblem("the geometry is not a GeoJSON geometry object"))
        }
        guard type == "Point" else { return .failure(FieldProblem("the geometry is a \(type); a Point is expected")) }
        guard case .array(let coordinates)? = members["coordinates"], coordinates.count >= 2,
            case .number(let longitudeText) = coordinates[0], case .number(let latitudeText) = coordinates[1],
            let longitude = Double(longitudeText), let latitude = Double(latitudeText)
        else { return .failure(FieldProblem("the Point has no [longitude, latitude] coordinates")) }
        return .success(GeoPoint(latitude: latitude, longitude: longitude))
    }

    func featureGeometry() -> JSONValue? { geometryValue == .null ? nil : geometryValue }

    func value(_ slot: Int) -> FieldValue {
        JSONValue.object(current).lookup(paths[slot])?.fieldValue ?? .absent
    }

    func json(_ slot: Int) -> JSONValue? { JSONValue.object(current).lookup(paths[slot]) }

    func rawText() -> String { withRawBytes { TextEncoding.decodeLeniently($0) } }

    func withRawBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        file.buffer.withUnsafeBufferPointer { bytes in
            body(UnsafeBufferPointer(rebasing: bytes[featureStart..<featureEnd]))
        }
    }

    private enum ElementScan {
        case needMore
        case end
        case element(start: Int, end: Int, truncated: Bool)
    }

    /// Skips the collection's opening up to the `[` of its `features` member, tracking strings and depth.
    private func findFeaturesArray() throws {
        var depth = 0
        var lastKey: String?
        while true {
            var consumedTo: Int?
            let found: Bool = file.buffer.withUnsafeBufferPointer { bytes in
                var index = file.start
                while index < file.end {
                    let byte = bytes[index]
                    switch byte {
                    case UInt8(ascii: "\""):
                        guard let close = stringEnd(bytes, from: index + 1, to: file.end) else {
                            consumedTo = index
                            return false
                        }
                        if depth == 1 { lastKey = String(decoding: bytes[(index + 1)..<close], as: UTF8.self) }
                        index = close + 1
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        if byte == UInt8(ascii: "[") && depth == 1 && lastKey == "features" {
                            consumedTo = index + 1
                            return true
                        }
                        depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                    case UInt8(ascii: "\n"):
                        lineAtStart += 1
                    case UInt8(ascii: ","):
                        if depth == 1 { lastKey = nil }
                    default:
                        break
                    }
                    index += 1
                }
                consumedTo = file.end
                return false
            }
            file.consume(upTo: consumedTo ?? file.end)
            if found {
                inFeatures = true
                return
            }
            if try !file.fill() {
                throw IngestError.malformedFile(
                    path: file.path, line: lineAtStart,
                    reason: "no \"features\" array found: the file is not a GeoJSON FeatureCollection")
            }
        }
    }

    /// Finds the next element of the features array, whatever its type, so that nothing in it goes uncounted.
    private func scanElement() -> ElementScan {
        file.buffer.withUnsafeBufferPointer { bytes -> ElementScan in
            let atEnd = file.reachedEnd
            var index = file.start
            while index < file.end {
                let byte = bytes[index]
                guard byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A || byte == UInt8(ascii: ",") else {
                    break
                }
                if byte == 0x0A { lineAtStart += 1 }
                index += 1
            }
            file.consume(upTo: index)
            guard index < file.end else { return atEnd ? .end : .needMore }
            if bytes[index] == UInt8(ascii: "]") { return .end }
            var depth = 0
            var cursor = index
            while cursor < file.end {
                let byte = bytes[cursor]
                switch byte {
                case UInt8(ascii: "\""):
                    guard let close = stringEnd(bytes, from: cursor + 1, to: file.end) else {
                        return atEnd ? .element(start: index, end: file.end, truncated: true) : .needMore
                    }
                    cursor = close
                    if depth == 0 { return .element(start: index, end: cursor + 1, truncated: false) }
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return .element(start: index, end: max(cursor, index + 1), truncated: false) }
                    depth -= 1
                    if depth == 0 { return .element(start: index, end: cursor + 1, truncated: false) }
                case UInt8(ascii: ","), 0x20, 0x09, 0x0D, 0x0A:
                    if depth == 0 { return .element(start: index, end: cursor, truncated: false) }
                default:
                    break
                }
                cursor += 1
            }
            return atEnd ? .element(start: index, end: file.end, truncated: true) : .needMore
        }
    }

    private func countLines(upTo end: Int) {
        file.buffer.withUnsafeBufferPointer { bytes in
            for index in file.start..<end where bytes[index] == 0x0A { lineAtStart += 1 }
        }
    }

    private func stringEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var index = start
        while index < end {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == UInt8(ascii: "\"") { return index }
            index += 1
        }
        return nil
    }
}
