import Foundation

/// A photo that passed every check, rewritten without location or other identifying metadata.
public struct SanitizedPhoto: Hashable, Sendable {
    /// The media type detected from the bytes: `image/jpeg` or `image/png`.
    public let contentType: String
    /// The cleaned file, ready to store and serve.
    public let bytes: Data
    /// Width in pixels, from the JPEG frame header or the PNG IHDR chunk.
    public let width: Int
    /// Height in pixels, from the JPEG frame header or the PNG IHDR chunk.
    public let height: Int
}

/// Why an uploaded photo is refused; `description` is a sentence that can be shown to the citizen.
public enum PhotoProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The upload has no bytes.
    case empty
    /// The upload is larger than the accepted maximum.
    case tooLarge(bytes: Int, limit: Int)
    /// The bytes are not JPEG or PNG; names what was detected ("GIF", "WebP", "HEIC", "HEIF", "AVIF", "PDF",
    /// or "unknown (first bytes 3c 68 74 6d)").
    case unsupported(String)
    /// The bytes claim to be JPEG or PNG but their structure is broken; says where and why.
    case malformed(String)
    /// The image has more pixels than the accepted maximum.
    case tooManyPixels(width: Int, height: Int, limit: Int)

    /// An English sentence naming the problem and, where there is one, the limit.
    public var description: String {
        switch self {
        case .empty:
            "the photo is empty (0 bytes)"
        case .tooLarge(let bytes, let limit):
            Self.sizes(bytes, limit).map { "the photo is \($0.0); at most \($0.1) is accepted" }
                ?? "the photo is \(bytes) bytes; at most \(limit) bytes are accepted"
        case .unsupported(let kind) where kind.hasPrefix("unknown"):
            "the file's type is \(kind); only JPEG and PNG photos are accepted"
        case .unsupported(let kind):
            "the file is in \(kind) format; only JPEG and PNG photos are accepted"
        case .malformed(let detail):
            "the photo is damaged or not a valid image: \(detail)"
        case .tooManyPixels(let width, let height, let limit):
            Self.megapixels(width.multipliedReportingOverflow(by: height).partialValue, limit).map {
                "the photo is \(width) × \(height) pixels (\($0.0) megapixels); at most \($0.1) megapixels are accepted"
            } ?? "the photo is \(width) × \(height) pixels; at most \(limit) pixels are accepted"
        }
    }

    /// The two byte counts in KB or MB with one decimal, or nil when rounding would make them look equal.
    private static func sizes(_ size: Int, _ limit: Int) -> (String, String)? {
        func format(_ count: Int) -> String {
            if count < 1024 { return count == 1 ? "1 byte" : "\(count) bytes" }
            let (unit, divisor) = count < 1024 * 1024 ? ("KB", 1024.0) : ("MB", 1024.0 * 1024.0)
            return "\(tenths(Double(count) / divisor)) \(unit)"
        }
        let pair = (format(size), format(limit))
        return pair.0 == pair.1 ? nil : pair
    }

    /// The two pixel counts in megapixels with one decimal, or nil when rounding would make them look equal.
    private static func megapixels(_ pixels: Int, _ limit: Int) -> (String, String)? {
        let pair = (tenths(Double(pixels) / 1_000_000), tenths(Double(limit) / 1_000_000))
        return pair.0 == pair.1 ? nil : pair
    }

    /// `value` rounded to one decimal, without a trailing ".0" ("6.2", "5").
    private static func tenths(_ value: Double) -> String {
        let scaled = (value * 10).rounded()
        guard scaled.isFinite, scaled < 1e15 else { return "\(value)" }
        let whole = Int(scaled)
        return whole % 10 == 0 ? "\(whole / 10)" : "\(whole / 10).\(whole % 10)"
    }
}

/// Checks uploaded photos and strips what could identify or locate the person who took them.
public enum PhotoSanitizer {
    /// The largest upload accepted by default: 8 MB.
    public static let defaultMaximumBytes = 8 * 1024 * 1024
    /// The most pixels accepted by default: 50 megapixels (a decoder needs 4 bytes per pixel).
    public static let defaultMaximumPixels = 50_000_000

    /// Detects the type from the bytes (never trusts a declared type), checks size, structure and dimensions,
    /// and returns the photo without location or other identifying metadata.
    ///
    /// JPEG keeps only its frame, tables, scans, the JFIF header (without thumbnail), an ICC colour profile and,
    /// when the picture is rotated, a new minimal Exif block holding just the orientation. Anything after the
    /// end-of-image marker (multi-picture images, motion-photo video, vendor trailers) is dropped.
    /// PNG keeps only the chunks that affect how the image looks; text, Exif and time chunks are dropped.
    public static func sanitize(
        _ data: Data, maximumBytes: Int = defaultMaximumBytes, maximumPixels: Int = defaultMaximumPixels
    ) throws(PhotoProblem) -> SanitizedPhoto {
        guard data.count <= maximumBytes else { throw .tooLarge(bytes: data.count, limit: maximumBytes) }
        guard !data.isEmpty else { throw .empty }
        let bytes = [UInt8](data)
        switch detect(bytes) {
        case .jpeg: return try JPEGCleaner.clean(bytes, maximumPixels: maximumPixels)
        case .png: return try PNGCleaner.clean(bytes, maximumPixels: maximumPixels)
        case .refused(let name): throw .unsupported(name)
        }
    }

    /// What the first bytes of a file say it is.
    private enum Detected {
        case jpeg
        case png
        case refused(String)
    }

    /// Recognises JPEG and PNG, names the formats people commonly upload instead, and describes the rest.
    private static func detect(_ b: [UInt8]) -> Detected {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            b.count >= offset + prefix.count && b[offset..<offset + prefix.count].elementsEqual(prefix)
        }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(PNGCleaner.signature) { return .png }
        if starts(Array("GIF8".utf8)) { return .refused("GIF") }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .refused("WebP") }
        if starts(Array("%PDF".utf8)) { return .refused("PDF") }
        if starts(Array("ftyp".utf8), at: 4), let name = isoMediaImageName(b) { return .refused(name) }
        let shown = b.prefix(4).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }
        return .refused("unknown (first bytes \(shown.joined(separator: " ")))")
    }

    /// "AVIF", "HEIC" or "HEIF" when the `ftyp` box at offset 4 lists one of their brands, nil otherwise.
    private static func isoMediaImageName(_ b: [UInt8]) -> String? {
        guard b.count >= 12 else { return nil }
        let declared = Int(b[0]) << 24 | Int(b[1]) << 16 | Int(b[2]) << 8 | Int(b[3])
        let end = min(b.count, max(declared, 12))
        var brands: Set<String> = [String(decoding: b[8..<12], as: UTF8.self)]
        var offset = 16
        while offset + 4 <= end {
            brands.insert(String(decoding: b[offset..<offset + 4], as: UTF8.self))
            offset += 4
        }
        if !brands.isDisjoint(with: ["avif", "avis"]) { return "AVIF" }
        if !brands.isDisjoint(with: ["heic", "heix", "heim", "heis", "hevc", "hevx"]) { return "HEIC" }
        if !brands.isDisjoint(with: ["mif1", "msf1"]) { return "HEIF" }
        return nil
    }

    /// Refuses an image without area or with more pixels than allowed.
    fileprivate static func checkDimensions(
        width: Int, height: Int, maximumPixels: Int, where place: String
    ) throws(PhotoProblem) {
        guard width > 0, height > 0 else {
            throw .malformed("the \(place) gives a size of \(width) × \(height) pixels; an image needs both at least 1")
        }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels <= maximumPixels else {
            throw .tooManyPixels(width: width, height: height, limit: maximumPixels)
        }
    }
}

/// Two hex digits, upper case, as markers are written in the JPEG standard ("D9").
private func hexByte(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
}

/// Rewrites a JPEG file segment by segment, keeping what draws the picture and dropping metadata.
private enum JPEGCleaner {
    /// The name of a marker for messages: "SOF0 (FF C0)", "APP1 (FF E1)", "FF C4".
    static func name(_ marker: UInt8) -> String {
        let code = "FF \(hexByte(marker))"
        switch marker {
        case 0xC4: return "DHT (\(code))"
        case 0xC0...0xCF where marker != 0xC8 && marker != 0xCC: return "SOF\(marker - 0xC0) (\(code))"
        case 0xDA: return "SOS (\(code))"
        case 0xDB: return "DQT (\(code))"
        case 0xDD: return "DRI (\(code))"
        case 0xE0...0xEF: return "APP\(marker - 0xE0) (\(code))"
        case 0xFE: return "COM (\(code))"
        default: return code
        }
    }

    /// Cleans `b`, which starts with FF D8 FF.
    static func clean(_ b: [UInt8], maximumPixels: Int) throws(PhotoProblem) -> SanitizedPhoto {
        let n = b.count
        var out: [UInt8] = [0xFF, 0xD8]
        out.reserveCapacity(n)
        var pos = 2
        var size: (width: Int, height: Int)?
        var orientation: (value: UInt8, bigEndian: Bool)?
        var exifRead = false
        var insertionPoint = 2  // after SOI, or after a JFIF APP0 that directly follows it
        var scans = 0

        while true {
            guard pos < n else {
                throw .malformed(
                    scans == 0
                        ? "the JPEG file ends at byte \(n) before its image data (no start-of-scan marker FF DA)"
                        : "the JPEG file ends at byte \(n) without an end-of-image marker (FF D9); it is truncated")
            }
            guard b[pos] == 0xFF else {
                throw .malformed("a JPEG marker (FF) was expected at byte \(pos) but the byte is \(hexByte(b[pos]))")
            }
            let markerStart = pos
            while pos < n && b[pos] == 0xFF { pos += 1 }  // fill bytes
            guard pos < n else {
                throw .malformed("the JPEG file ends at byte \(n) inside the marker starting at byte \(markerStart); it is truncated")
            }
            let marker = b[pos]
            pos += 1

            // Markers without a length.
            switch marker {
            case 0x00:
                throw .malformed("FF 00 at byte \(markerStart) is not a valid JPEG marker outside image data")
            case 0x01, 0xD0...0xD7:
                out.append(0xFF)
                out.append(marker)
                continue
            case 0xD8:
                throw .malformed("a second start-of-image marker (FF D8) appears at byte \(markerStart)")
            case 0xD9:
                guard scans > 0 else {
                    throw .malformed("the JPEG image ends (FF D9) at byte \(markerStart) before any image data (FF DA)")
                }
                out.append(0xFF)
                out.append(0xD9)
                guard let (width, height) = size else { throw .malformed("the JPEG file has no frame header") }
                return SanitizedPhoto(contentType: "image/jpeg", bytes: Data(out), width: width, height: height)
            default:
                break
            }

            // Markers followed by a two-byte length that counts itself.
            guard pos + 2 <= n else {
                throw .malformed("JPEG segment \(name(marker)) at byte \(markerStart) is cut off before its length; the file is truncated")
            }
            let length = Int(b[pos]) << 8 | Int(b[pos + 1])
            guard length >= 2 else {
                throw .malformed("JPEG segment \(name(marker)) at byte \(markerStart) declares a length of \(length); the minimum is 2")
            }
            let end = pos + length
            guard end <= n else {
                throw .malformed("JPEG segment \(name(marker)) at byte \(markerStart) runs past the end of the file (it declares \(length) bytes, \(n - pos) remain)")
            }
            let payload = pos + 2..<end

            switch marker {
            case 0xE0:  // APP0: keep the JFIF header, without its thumbnail; drop JFXX and others.
                if payload.count >= 14, b[payload.prefix(5)].elementsEqual(Array("JFIF\0".utf8)) {
                    let isFirst = out.count == 2
                    out += [0xFF, 0xE0, 0x00, 0x10]
                    out += b[payload.lowerBound..<payload.lowerBound + 12]
                    out += [0x00, 0x00]  // no thumbnail
                    if isFirst { insertionPoint = out.count }
                }
            case 0xE1:  // APP1: Exif or XMP. Only the orientation survives, rewritten before the first scan.
                if !exifRead && scans == 0 && b[payload.prefix(6)].elementsEqual(Array("Exif\0\0".utf8)) {
                    exifRead = true
                    orientation = readOrientation(b, tiff: payload.lowerBound + 6..<payload.upperBound)
                }
            case 0xE2:  // APP2: keep the ICC colour profile only (not MPF or FlashPix).
                if b[payload.prefix(12)].elementsEqual(Array("ICC_PROFILE\0".utf8)) {
                    out += b[pos - 2..<end]
                }
            case 0xE3...0xEF, 0xFE:  // other APPn (IPTC, Photoshop, vendor data) and comments
                break
            case 0xC0...0xCF where marker != 0xC4 && marker != 0xC8 && marker != 0xCC:
                guard payload.count >= 6 else {
                    throw .malformed("the JPEG frame header \(name(marker)) at byte \(markerStart) is \(payload.count) bytes long; at least 6 are needed")
                }
                if size == nil {
                    let height = Int(b[payload.lowerBound + 1]) << 8 | Int(b[payload.lowerBound + 2])
                    let width = Int(b[payload.lowerBound + 3]) << 8 | Int(b[payload.lowerBound + 4])
                    try PhotoSanitizer.checkDimensions(
                        width: width, height: height, maximumPixels: maximumPixels,
                        where: "JPEG frame header \(name(marker)) at byte \(markerStart)")
                    size = (width, height)
                }
                out += b[pos - 2..<end]
            case 0xDA:
                guard size != nil else {
                    throw .malformed("the JPEG image data (FF DA) at byte \(markerStart) comes before any frame header (SOF marker), so the image has no size")
                }
                if scans == 0, let orientation, orientation.value != 1 {
                    out.insert(
                        contentsOf: orientationSegment(orientation.value, bigEndian: orientation.bigEndian),
                        at: insertionPoint)
                }
                scans += 1
                out += b[pos - 2..<end]
                guard let next = nextMarker(b, from: end) else {
                    throw .malformed("the JPEG image data starting at byte \(end) ends at byte \(n) without an end-of-image marker (FF D9); the file is truncated")
                }
                out += b[end..<next]
                pos = next
                continue
            default:  // DQT, DHT, DRI, DAC, DNL, EXP, JPGn: tables and the like
                out += b[pos - 2..<end]
            }
            pos = end
        }
    }

    /// The index of the FF that starts the next marker after entropy-coded data beginning at `start`, skipping
    /// stuffed bytes (FF 00) and restart markers (FF D0–D7); nil when the file ends first.
    static func nextMarker(_ b: [UInt8], from start: Int) -> Int? {
        b.withUnsafeBufferPointer { p -> Int? in
            let n = p.count
            var i = start
            while i < n {
                if p[i] != 0xFF {
                    i += 1
                    continue
                }
                var j = i + 1
                while j < n && p[j] == 0xFF { j += 1 }
                guard j < n else { return nil }
                let code = p[j]
                if code == 0x00 || (0xD0...0xD7).contains(code) {
                    i = j + 1
                } else {
                    return i
                }
            }
            return nil
        }
    }

    /// The Orientation tag (0x0112) of IFD0 in the TIFF structure of an Exif block, when present and valid (1–8),
    /// with the block's byte order. Anything unreadable counts as no orientation: the block is dropped anyway.
    static func readOrientation(_ b: [UInt8], tiff: Range<Int>) -> (value: UInt8, bigEndian: Bool)? {
        let t = tiff.lowerBound
        guard tiff.count >= 8 else { return nil }
        let bigEndian: Bool
        switch (b[t], b[t + 1]) {
        case (0x4D, 0x4D): bigEndian = true  // "MM"
        case (0x49, 0x49): bigEndian = false  // "II"
        default: return nil
        }
        func u16(_ offset: Int) -> Int? {
            let i = t + offset
            guard offset >= 0, i + 2 <= tiff.upperBound else { return nil }
            return bigEndian ? Int(b[i]) << 8 | Int(b[i + 1]) : Int(b[i + 1]) << 8 | Int(b[i])
        }
        func u32(_ offset: Int) -> Int? {
            guard let first = u16(offset), let second = u16(offset + 2) else { return nil }
            return bigEndian ? first << 16 | second : second << 16 | first
        }
        guard u16(2) == 42, let ifd = u32(4), ifd >= 8, let count = u16(ifd) else { return nil }
        for index in 0..<count {
            let entry = ifd + 2 + 12 * index
            guard let tag = u16(entry) else { return nil }
            guard tag == 0x0112 else { continue }
            guard u16(entry + 2) == 3, u32(entry + 4) == 1, let value = u16(entry + 8), (1...8).contains(value) else {
                return nil
            }
            return (UInt8(value), bigEndian)
        }
        return nil
    }

    /// A complete APP1 segment holding an Exif block whose IFD0 has only the Orientation entry.
    static func orientationSegment(_ value: UInt8, bigEndian: Bool) -> [UInt8] {
        var segment: [UInt8] = [0xFF, 0xE1, 0x00, 0x22] + Array("Exif\0\0".utf8)  // 2 + 6 + 26 = 34 bytes
        if bigEndian {
            segment += [0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08]  // "MM", 42, IFD0 at 8
            segment += [0x00, 0x01]  // one entry
            segment += [0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, value, 0x00, 0x00]  // SHORT ×1
        } else {
            segment += [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00]  // "II", 42, IFD0 at 8
            segment += [0x01, 0x00]
            segment += [0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, value, 0x00, 0x00, 0x00]
        }
        segment += [0x00, 0x00, 0x00, 0x00]  // no next IFD
        return segment
    }
}

/// Rewrites a PNG file chunk by chunk, keeping only chunks that affect how the image looks.
private enum PNGCleaner {
    /// The eight bytes every PNG file starts with.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Chunk types copied to the result; every other chunk (eXIf, tEXt, zTXt, iTXt, tIME, unknown) is dropped.
    static let kept: Set<String> = [
        "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "pHYs", "bKGD",
    ]

    /// Cleans `b`, which starts with the PNG signature.
    static func clean(_ b: [UInt8], maximumPixels: Int) throws(PhotoProblem) -> SanitizedPhoto {
        let n = b.count
        var out = signature
        out.reserveCapacity(n)
        var pos = signature.count
        var size: (width: Int, height: Int)?
        var sawImageData = false

        while true {
            guard pos + 8 <= n else {
                throw .malformed("the PNG file ends at byte \(n) before its IEND chunk; it is truncated")
            }
            let length = Int(readBE32(b, pos))
            let typeBytes = b[pos + 4..<pos + 8]
            guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
                let shown = typeBytes.map(hexByte).joined(separator: " ")
                throw .malformed("the PNG chunk at byte \(pos) has an invalid type (bytes \(shown))")
            }
            let type = String(decoding: typeBytes, as: UTF8.self)
            guard length <= Int(Int32.max) else {
                throw .malformed("PNG chunk \(type) at byte \(pos) declares a length of \(length) bytes, above the PNG maximum of 2^31 - 1")
            }
            let dataStart = pos + 8
            let dataEnd = dataStart + length
            guard dataEnd + 4 <= n else {
                throw .malformed("PNG chunk \(type) at byte \(pos) runs past the end of the file (it declares \(length) bytes of data, \(n - dataStart) bytes remain)")
            }
            let stored = readBE32(b, dataEnd)
            let computed = CRC32.checksum(b, pos + 4..<dataEnd)
            guard stored == computed else {
                throw .malformed("PNG chunk \(type) at byte \(pos) has a wrong CRC (stored \(hex32(stored)), computed \(hex32(computed))); the file is damaged")
            }

            if size == nil {
                guard type == "IHDR" else {
                    throw .malformed("the first PNG chunk (at byte \(pos)) is \(type); it must be IHDR")
                }
                guard length == 13 else {
                    throw .malformed("PNG chunk IHDR at byte \(pos) has \(length) bytes of data; it must have 13")
                }
                let width = Int(readBE32(b, dataStart))
                let height = Int(readBE32(b, dataStart + 4))
                guard width <= Int(Int32.max), height <= Int(Int32.max) else {
                    throw .malformed("PNG chunk IHDR at byte \(pos) gives a size of \(width) × \(height), above the PNG maximum of 2^31 - 1")
                }
                try PhotoSanitizer.checkDimensions(
                    width: width, height: height, maximumPixels: maximumPixels, where: "PNG chunk IHDR at byte \(pos)")
                size = (width, height)
            } else if type == "IHDR" {
                throw .malformed("a second PNG chunk IHDR appears at byte \(pos)")
            }
            if type == "IDAT" { sawImageData = true }
            if kept.contains(type) { out += b[pos..<dataEnd + 4] }

            if type == "IEND" {  // anything after IEND is dropped
                guard sawImageData else {
                    throw .malformed("the PNG file reaches IEND at byte \(pos) without any image data (IDAT chunk)")
                }
                guard let (width, height) = size else { throw .malformed("the PNG file has no IHDR chunk") }
                return SanitizedPhoto(contentType: "image/png", bytes: Data(out), width: width, height: height)
            }
            pos = dataEnd + 4
        }
    }

    /// The big-endian 32-bit number at `offset`; the caller has checked the bounds.
    static func readBE32(_ b: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(b[offset]) << 24 | UInt32(b[offset + 1]) << 16 | UInt32(b[offset + 2]) << 8 | UInt32(b[offset + 3])
    }

    /// Eight hex digits for a CRC in messages.
    static func hex32(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}

/// The CRC-32 of PNG chunks (ISO 3309, polynomial 0xEDB88320, reflected), table-driven.
private enum CRC32 {
    /// One entry per byte value.
    static let table: [UInt32] = (0..<256).map { (index: UInt32) -> UInt32 in
        var c = index
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The CRC-32 of `bytes[range]`.
    static func checksum(_ bytes: [UInt8], _ range: Range<Int>) -> UInt32 {
        table.withUnsafeBufferPointer { t in
            bytes.withUnsafeBufferPointer { p in
                var c: UInt32 = 0xFFFF_FFFF
                for i in range { c = t[Int((c ^ UInt32(p[i])) & 0xFF)] ^ (c >> 8) }
                return c ^ 0xFFFF_FFFF
            }
        }
    }
}
