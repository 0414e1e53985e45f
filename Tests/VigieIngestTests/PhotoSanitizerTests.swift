import Foundation
import Testing
import VigieIngest

/// Hand-built JPEG and PNG files, and readers for what the sanitizer writes.
enum PhotoFixtures {
    /// A JPEG segment: FF, marker, big-endian length counting itself, payload.
    static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    static let jfif = segment(0xE0, Array("JFIF\0".utf8) + [1, 1, 0, 0, 1, 0, 1, 0, 0])
    static let comment = segment(0xFE, Array("Taken at 12 rue de la Paix by Jean".utf8))
    static let quantisation = segment(0xDB, [0x00] + [UInt8](repeating: 1, count: 64))
    static let scanHeader = segment(0xDA, [1, 1, 0x00, 0, 63, 0])
    /// Entropy-coded bytes with a stuffed FF 00 and a restart marker.
    static let entropy: [UInt8] = [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]

    /// A baseline frame header (SOF0) for an 8-bit greyscale image.
    static func frame(width: Int, height: Int) -> [UInt8] {
        segment(0xC0, [8, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 1, 1, 0x11, 0])
    }

    /// An APP1 Exif segment: IFD0 with Orientation and a GPS IFD pointer, and a GPS IFD with a latitude.
    static func exif(orientation: UInt16, bigEndian: Bool) -> [UInt8] {
        func u16(_ value: UInt16) -> [UInt8] {
            bigEndian ? [UInt8(value >> 8), UInt8(value & 0xFF)] : [UInt8(value & 0xFF), UInt8(value >> 8)]
        }
        func u32(_ value: UInt32) -> [UInt8] {
            let bytes = [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
            return bigEndian ? bytes : bytes.reversed()
        }
        var tiff: [UInt8] = bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]
        tiff += u16(42) + u32(8)
        tiff += u16(2)  // IFD0 at 8: 2 + 2 × 12 + 4 = 30 bytes, so the GPS IFD is at 38
        tiff += u16(0x0112) + u16(3) + u32(1) + u16(orientation) + u16(0)
        tiff += u16(0x8825) + u16(4) + u32(1) + u32(38)
        tiff += u32(0)
        tiff += u16(2)  // GPS IFD at 38: 30 bytes, so the latitude rationals are at 68
        tiff += u16(0x0001) + u16(2) + u32(2) + Array("N\0".utf8) + [0, 0]
        tiff += u16(0x0002) + u16(5) + u32(3) + u32(68)
        tiff += u32(0)
        tiff += u32(43) + u32(1) + u32(17) + u32(1) + u32(4213) + u32(100)  // 43° 17' 42.13"
        return segment(0xE1, Array("Exif\0\0".utf8) + tiff)
    }

    /// A 640×480 JPEG with JFIF, Exif (orientation and GPS), a comment, tables, one scan and EOI.
    static func jpeg(orientation: UInt16 = 6, bigEndian: Bool = false) -> [UInt8] {
        [0xFF, 0xD8] + jfif + exif(orientation: orientation, bigEndian: bigEndian) + comment + quantisation
            + frame(width: 640, height: 480) + scanHeader + entropy + [0xFF, 0xD9]
    }

    /// The segments before the first scan: (marker, payload).
    static func headerSegments(_ bytes: [UInt8]) -> [(marker: UInt8, payload: [UInt8])] {
        var result: [(marker: UInt8, payload: [UInt8])] = []
        var pos = 2
        while pos + 4 <= bytes.count, bytes[pos] == 0xFF {
            let marker = bytes[pos + 1]
            let length = Int(bytes[pos + 2]) << 8 | Int(bytes[pos + 3])
            guard pos + 2 + length <= bytes.count else { break }
            result.append((marker, Array(bytes[pos + 4..<pos + 2 + length])))
            if marker == 0xDA { break }
            pos += 2 + length
        }
        return result
    }

    /// The Orientation value in an APP1 Exif payload whose IFD0 has exactly one entry, read independently of the
    /// sanitizer: (entry count, tag, value).
    static func soleEntry(ofExif payload: [UInt8]) -> (count: Int, tag: Int, value: Int)? {
        guard payload.count >= 6 + 8 + 2 + 12, payload.starts(with: Array("Exif\0\0".utf8)) else { return nil }
        let tiff = Array(payload.dropFirst(6))
        let big = tiff[0] == 0x4D
        func u16(_ at: Int) -> Int { big ? Int(tiff[at]) << 8 | Int(tiff[at + 1]) : Int(tiff[at + 1]) << 8 | Int(tiff[at]) }
        let ifd = u16(big ? 6 : 4)  // IFD0 offset (< 65536 here)
        return (u16(ifd), u16(ifd + 2), u16(ifd + 2 + 8))
    }

    /// CRC-32 computed bit by bit, independently of the sanitizer's table.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// A PNG chunk with its length and CRC.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeAndData = Array(type.utf8) + data
        return be32(UInt32(data.count)) + typeAndData + be32(crc32(typeAndData))
    }

    /// Four big-endian bytes.
    static func be32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    static let ihdr = chunk("IHDR", be32(3) + be32(2) + [8, 2, 0, 0, 0])
    static let text = chunk("tEXt", Array("Location\0GPS 43.2950 5.3750".utf8))
    static let exifChunk = chunk("eXIf", Array("MM\0*\0\0\0\u{8}GPS".utf8))
    static let idat = chunk("IDAT", [0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01])
    static let iend = chunk("IEND", [])

    /// A 3×2 PNG with a text chunk and an Exif chunk.
    static let png = pngSignature + ihdr + text + exifChunk + idat + iend

    /// The chunk types of a PNG file, in order.
    static func chunkTypes(_ bytes: [UInt8]) -> [String] {
        var types: [String] = []
        var pos = 8
        while pos + 8 <= bytes.count {
            let length = Int(bytes[pos]) << 24 | Int(bytes[pos + 1]) << 16 | Int(bytes[pos + 2]) << 8 | Int(bytes[pos + 3])
            types.append(String(decoding: bytes[pos + 4..<pos + 8], as: UTF8.self))
            pos += 12 + length
        }
        return types
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...haystack.count - needle.count).contains { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
    }

    /// The problem `sanitize` reports, or nil when it accepts the bytes.
    static func problem(_ bytes: [UInt8], maximumBytes: Int = PhotoSanitizer.defaultMaximumBytes,
                        maximumPixels: Int = PhotoSanitizer.defaultMaximumPixels) -> PhotoProblem? {
        do {
            _ = try PhotoSanitizer.sanitize(Data(bytes), maximumBytes: maximumBytes, maximumPixels: maximumPixels)
            return nil
        } catch {
            return error
        }
    }
}

@Suite("Photo sanitizing")
struct PhotoSanitizerTests {
    typealias F = PhotoFixtures

    @Test("a JPEG loses its Exif, GPS and comment but keeps its orientation, little- and big-endian", arguments: [false, true])
    func jpegMetadataStripped(bigEndian: Bool) throws {
        let original = F.jpeg(orientation: 6, bigEndian: bigEndian)
        let photo = try PhotoSanitizer.sanitize(Data(original))
        #expect(photo.contentType == "image/jpeg")
        #expect(photo.width == 640 && photo.height == 480)
        let bytes = [UInt8](photo.bytes)

        #expect(!F.contains(bytes, bigEndian ? [0x88, 0x25] : [0x25, 0x88]))  // GPS IFD pointer tag
        #expect(!F.contains(bytes, Array("Taken at".utf8)))
        #expect(!F.contains(bytes, F.exif(orientation: 6, bigEndian: bigEndian)))
        #expect(!F.contains(bytes, F.comment))
        #expect(bytes.starts(with: [0xFF, 0xD8] + F.jfif))
        #expect(Array(bytes.suffix(F.scanHeader.count + F.entropy.count + 2)) == F.scanHeader + F.entropy + [0xFF, 0xD9])

        let segments = F.headerSegments(bytes)
        #expect(segments.map(\.marker) == [0xE0, 0xE1, 0xDB, 0xC0, 0xDA])
        let app1 = try #require(segments.first { $0.marker == 0xE1 })
        #expect(app1.payload.count == 32)
        let entry = try #require(F.soleEntry(ofExif: app1.payload))
        #expect(entry.count == 1 && entry.tag == 0x0112 && entry.value == 6)

        let again = try PhotoSanitizer.sanitize(photo.bytes)
        #expect(again == photo)
    }

    @Test("orientation 1 leaves no APP1 segment at all")
    func uprightHasNoExif() throws {
        let photo = try PhotoSanitizer.sanitize(Data(F.jpeg(orientation: 1)))
        let markers = F.headerSegments([UInt8](photo.bytes)).map(\.marker)
        #expect(markers == [0xE0, 0xDB, 0xC0, 0xDA])
    }

    @Test("fill bytes, an ICC profile and data after EOI: profile kept, trailer dropped, other APP2 dropped")
    func jpegDetails() throws {
        let icc = F.segment(0xE2, Array("ICC_PROFILE\0".utf8) + [1, 1, 0xAA, 0xBB])
        let mpf = F.segment(0xE2, Array("MPF\0".utf8) + [0, 0])
        let xmp = F.segment(0xE1, Array("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>".utf8))
        let trailer = Array("second image with its own Exif".utf8)
        let original = [0xFF, 0xD8, 0xFF, 0xFF] + icc + mpf + xmp + F.quantisation + F.frame(width: 2, height: 3)
            + F.scanHeader + F.entropy + [0xFF, 0xD9] + trailer
        let photo = try PhotoSanitizer.sanitize(Data(original))
        #expect(photo.width == 2 && photo.height == 3)
        #expect([UInt8](photo.bytes) == [0xFF, 0xD8] + icc + F.quantisation + F.frame(width: 2, height: 3)
            + F.scanHeader + F.entropy + [0xFF, 0xD9])
    }

    @Test("broken JPEGs are refused with the place and the reason")
    func malformedJPEG() {
        let good = F.jpeg()
        guard case .malformed(let noEnd)? = F.problem(Array(good.dropLast(2))) else {
            Issue.record("a JPEG without EOI was accepted")
            return
        }
        #expect(noEnd.contains("truncated"))

        let cutInTables = Array(good.prefix(2 + F.jfif.count + F.exif(orientation: 6, bigEndian: false).count + F.comment.count + 10))
        guard case .malformed(let pastEnd)? = F.problem(cutInTables) else {
            Issue.record("a JPEG cut inside a segment was accepted")
            return
        }
        #expect(pastEnd.contains("runs past the end of the file"))
        #expect(pastEnd.contains("byte \(2 + F.jfif.count + F.exif(orientation: 6, bigEndian: false).count + F.comment.count)"))

        let shortLength = [0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x01] + F.frame(width: 1, height: 1)
        guard case .malformed(let short)? = F.problem(shortLength) else {
            Issue.record("a segment length of 1 was accepted")
            return
        }
        #expect(short.contains("byte 2"))

        let scanFirst = [0xFF, 0xD8] + F.scanHeader + F.entropy + [0xFF, 0xD9]
        guard case .malformed(let noFrame)? = F.problem(scanFirst) else {
            Issue.record("a JPEG without a frame header was accepted")
            return
        }
        #expect(noFrame.contains("frame header"))

        let zeroHeight = [0xFF, 0xD8] + F.frame(width: 10, height: 0) + F.scanHeader + F.entropy + [0xFF, 0xD9]
        guard case .malformed? = F.problem(zeroHeight) else {
            Issue.record("a JPEG of height 0 was accepted")
            return
        }
    }

    @Test("a PNG keeps only IHDR, IDAT and IEND; data after IEND is dropped")
    func pngStripped() throws {
        #expect(F.crc32(Array("IEND".utf8)) == 0xAE42_6082)
        let photo = try PhotoSanitizer.sanitize(Data(F.png + Array("trailing GPS".utf8)))
        #expect(photo.contentType == "image/png")
        #expect(photo.width == 3 && photo.height == 2)
        #expect(F.chunkTypes([UInt8](photo.bytes)) == ["IHDR", "IDAT", "IEND"])
        #expect([UInt8](photo.bytes) == F.pngSignature + F.ihdr + F.idat + F.iend)
    }

    @Test("a PNG chunk with a wrong CRC is refused naming the chunk and its offset")
    func pngBadCRC() {
        var bytes = F.png
        let textStart = F.pngSignature.count + F.ihdr.count
        bytes[textStart + 8] ^= 0x01  // first data byte of tEXt
        guard case .malformed(let message)? = F.problem(bytes) else {
            Issue.record("a PNG with a wrong CRC was accepted")
            return
        }
        #expect(message.contains("tEXt"))
        #expect(message.contains("byte \(textStart)"))
        #expect(message.contains("CRC"))

        guard case .malformed(let noEnd)? = F.problem(F.pngSignature + F.ihdr + F.idat) else {
            Issue.record("a PNG without IEND was accepted")
            return
        }
        #expect(noEnd.contains("IEND"))

        guard case .malformed(let notFirst)? = F.problem(F.pngSignature + F.idat + F.ihdr + F.iend) else {
            Issue.record("a PNG not starting with IHDR was accepted")
            return
        }
        #expect(notFirst.contains("IHDR"))
    }

    @Test("other formats are refused by name")
    func refusedFormats() {
        #expect(F.problem(Array("GIF89a".utf8) + [1, 0, 1, 0]) == .unsupported("GIF"))
        #expect(F.problem(Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8 ".utf8)) == .unsupported("WebP"))
        #expect(F.problem(Array("%PDF-1.7\n".utf8)) == .unsupported("PDF"))
        let heic = F.be32(24) + Array("ftypheic".utf8) + F.be32(0) + Array("mif1heic".utf8)
        #expect(F.problem(heic) == .unsupported("HEIC"))
        let avif = F.be32(28) + Array("ftypavif".utf8) + F.be32(0) + Array("avifmif1miaf".utf8)
        #expect(F.problem(avif) == .unsupported("AVIF"))
        #expect(F.problem(Array("<html>".utf8)) == .unsupported("unknown (first bytes 3c 68 74 6d)"))
        #expect(PhotoProblem.unsupported("GIF").description == "the file is in GIF format; only JPEG and PNG photos are accepted")
    }

    @Test("size and pixel limits, and empty uploads")
    func limits() {
        let jpeg = F.jpeg()
        #expect(F.problem(jpeg, maximumBytes: 100) == .tooLarge(bytes: jpeg.count, limit: 100))
        #expect(F.problem(jpeg, maximumPixels: 640 * 480 - 1) == .tooManyPixels(width: 640, height: 480, limit: 640 * 480 - 1))
        #expect(F.problem(jpeg, maximumPixels: 640 * 480) == nil)
        #expect(F.problem([]) == .empty)
        #expect(PhotoProblem.tooLarge(bytes: 6_500_000, limit: 5 * 1024 * 1024).description
            == "the photo is 6.2 MB; at most 5 MB is accepted")
        #expect(PhotoProblem.tooManyPixels(width: 10_000, height: 8_000, limit: 50_000_000).description
            == "the photo is 10000 × 8000 pixels (80 megapixels); at most 50 megapixels are accepted")
    }
}
