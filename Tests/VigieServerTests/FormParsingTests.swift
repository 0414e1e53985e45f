import Foundation
import Testing

@testable import VigieServer

@Suite("Citizen form parsing")
struct FormParsingTests {
    /// The problem `body` raises, or nil when it succeeds.
    static func problem(_ body: () throws(FormProblem) -> Void) -> FormProblem? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    // MARK: application/x-www-form-urlencoded

    @Test("url-encoded: '+' is a space, %XX is UTF-8, names repeat in order, empty values count as absent")
    func urlEncoded() throws {
        let form = try FormFields(parsing: "description=Tapage+nocturne+%C3%A9t%C3%A9&tag=a&tag=b&email=&flag&&x=1%2B1%3D2")
        #expect(form.first("description") == "Tapage nocturne été")
        #expect(form.all("tag") == ["a", "b"])
        #expect(form.first("tag") == "a")
        #expect(form.first("email") == nil)
        #expect(form.first("flag") == nil)
        #expect(form.first("missing") == nil)
        #expect(form.first("x") == "1+1=2")
        #expect(form.fields.map(\.name) == ["description", "tag", "tag", "email", "flag", "x"])
        #expect(try FormFields(parsing: "a=&a=second").first("a") == "second")
        #expect(try FormFields(parsing: "").fields.isEmpty)
    }

    @Test("a bad escape or invalid UTF-8 names the field, or its position when the name is bad")
    func badEscapes() {
        let value = Self.problem { () throws(FormProblem) in _ = try FormFields(parsing: "name=ok&description=50%zz") }
        #expect(value?.field == "description")
        #expect(value?.reason.contains("%zz") == true)
        #expect(value?.description.hasPrefix("form field 'description': ") == true)

        let name = Self.problem { () throws(FormProblem) in _ = try FormFields(parsing: "a=1&b%zz=2") }
        #expect(name?.field == "field 2")

        let cut = Self.problem { () throws(FormProblem) in _ = try FormFields(parsing: "x=%4") }
        #expect(cut?.field == "x")

        let utf8 = Self.problem { () throws(FormProblem) in _ = try FormFields(parsing: "x=%C3%28") }
        #expect(utf8?.field == "x")
        #expect(utf8?.reason.contains("UTF-8") == true)
    }

    @Test("Open311 attributes, single and multi-valued, encoded or not")
    func attributes() throws {
        let form = try FormFields(
            parsing: "attribute%5Bwaste%5D%5B%5D=a&attribute[waste][]=b&attribute[noise]=loud&attribute[empty]="
                + "&attributes=x&attribute[]=y&attribute[bad=z")
        #expect(form.attributes == ["waste": ["a", "b"], "noise": ["loud"]])
    }

    // MARK: multipart/form-data

    static let boundary = "----VigieBoundary7MA4YWxkTrZu0gW"

    /// Binary bytes full of line breaks, dashes and near-boundaries.
    static let binary: [UInt8] = [0xFF, 0xD8, 0x0D, 0x0A, 0x2D, 0x2D, 0x0D, 0x0A, 0x00, 0xFF]
        + Array("\r\n--\(boundary.dropLast())X\r\n----\r\n--".utf8) + [0x0D, 0x0D, 0x0A, 0xFF, 0xD9]

    /// A body with a text field, a file and an empty file input, closed unless `closed` is false.
    static func body(boundary: String = boundary, closed: Bool = true) -> Data {
        var bytes = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n".utf8)
        bytes += Array("Bruit rue Saint-Ferréol\r\n".utf8)
        bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a \\\"b\\\".jpg\"\r\n".utf8)
        bytes += Array("Content-Type: image/jpeg\r\n\r\n".utf8) + binary
        if closed {
            bytes += Array("\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"other\"; filename=\"\"\r\n".utf8)
            bytes += Array("Content-Type: application/octet-stream\r\n\r\n\r\n--\(boundary)--\r\n".utf8)
        }
        return Data(bytes)
    }

    @Test("multipart: a text field and a binary file with CR LF and dashes inside")
    func multipart() throws {
        let form = try MultipartForm(contentType: "multipart/form-data; boundary=\(Self.boundary)", body: Self.body())
        #expect(form.parts.map(\.name) == ["description", "photo", "other"])
        #expect(form.value("description") == "Bruit rue Saint-Ferréol")
        #expect(form.values("description") == ["Bruit rue Saint-Ferréol"])
        #expect(form.value("photo") == nil)
        let photo = try #require(form.file("photo"))
        #expect(photo.body == Data(Self.binary))
        #expect(photo.fileName == "a \"b\".jpg")
        #expect(photo.contentType == "image/jpeg")
        #expect(form.file("other") == nil)  // no file chosen
        #expect(form.file("description") == nil)
        #expect(form.textFields.fields.map(\.name) == ["description"])
        #expect(form.textFields.first("description") == "Bruit rue Saint-Ferréol")
    }

    @Test("multipart: a quoted boundary, a preamble and a large binary part")
    func quotedBoundary() throws {
        let boundary = "simple boundary"
        var generator: UInt64 = 0x9E37_79B9_7F4A_7C15
        let large = (0..<3_000_000).map { _ -> UInt8 in
            generator = generator &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: generator >> 56)
        }
        var bytes = Array("preamble to ignore\r\n--\(boundary)\r\n".utf8)
        bytes += Array("Content-Disposition: form-data; name=\"photo\"; filename=\"big.png\"\r\n\r\n".utf8) + large
        bytes += Array("\r\n--\(boundary)--".utf8)
        let form = try MultipartForm(
            contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"\(boundary)\"", body: Data(bytes))
        #expect(form.parts.count == 1)
        #expect(form.file("photo")?.body == Data(large))
    }

    @Test("multipart errors: no boundary, no opening boundary, no closing boundary, no name, too many parts")
    func multipartErrors() {
        let type = "multipart/form-data; boundary=\(Self.boundary)"

        let noBoundary = Self.problem { () throws(FormProblem) in _ = try MultipartForm(contentType: "multipart/form-data", body: Self.body()) }
        #expect(noBoundary?.field == "body")
        #expect(noBoundary?.reason.contains("boundary") == true)

        let notOpened = Self.problem { () throws(FormProblem) in _ = try MultipartForm(contentType: type, body: Data("hello".utf8)) }
        #expect(notOpened?.field == "body")
        #expect(notOpened?.reason.contains("opening boundary") == true)

        let truncated = Self.problem { () throws(FormProblem) in _ = try MultipartForm(contentType: type, body: Self.body(closed: false)) }
        #expect(truncated?.field == "photo")
        #expect(truncated?.reason.contains("truncated") == true)

        let unnamed = Data("--\(Self.boundary)\r\nContent-Type: text/plain\r\n\r\nx\r\n--\(Self.boundary)--\r\n".utf8)
        let noName = Self.problem { () throws(FormProblem) in _ = try MultipartForm(contentType: type, body: unnamed) }
        #expect(noName?.field == "body")
        #expect(noName?.reason.contains("Content-Disposition") == true)

        let tooMany = Self.problem { () throws(FormProblem) in _ = try MultipartForm(contentType: type, body: Self.body(), maximumParts: 2) }
        #expect(tooMany?.field == "body")
        #expect(tooMany?.reason.contains("more than 2 parts") == true)

        let invalidText = Data("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\n".utf8)
            + Data([0xC3, 0x28]) + Data("\r\n--\(Self.boundary)--".utf8)
        let notUTF8 = Self.problem { () throws(FormProblem) in _ = try MultipartForm(contentType: type, body: invalidText) }
        #expect(notUTF8?.field == "t")
    }
}
