import Foundation

/// A multipart/form-data body (RFC 7578): the public report form sends its photo this way.
struct MultipartForm: Sendable {
    /// One part of the body: a text field, or a file when it has a file name.
    struct Part: Sendable, Hashable {
        /// The `name` parameter of the part's Content-Disposition.
        var name: String
        /// The `filename` parameter, when the part is a file (possibly empty when no file was chosen).
        var fileName: String?
        /// The part's Content-Type header, when given.
        var contentType: String?
        /// The part's bytes, exactly as sent.
        var body: Data
    }

    /// The parts in the order they were sent.
    var parts: [Part]

    /// The longest header block a part may have.
    static let maximumHeaderBytes = 16 * 1024

    /// Splits `body` into its parts. `contentType` is the request's Content-Type header value; it gives the
    /// boundary (quoted or not). Text parts (those without a file name) must be UTF-8.
    init(contentType: String, body: Data, maximumParts: Int = 64) throws(FormProblem) {
        let (mediaType, parameters) = HeaderValue.parse(contentType)
        guard mediaType.lowercased() == "multipart/form-data" else {
            throw FormProblem(field: "body", reason: "the Content-Type is \"\(mediaType)\", not multipart/form-data")
        }
        guard let boundary = parameters["boundary"], !boundary.isEmpty else {
            throw FormProblem(
                field: "body",
                reason: "the Content-Type header has no boundary parameter (expected multipart/form-data; boundary=...)")
        }
        let result = body.withUnsafeBytes { raw in
            Self.split(raw, boundary: boundary, maximumParts: maximumParts)
        }
        parts = try result.get()
        for part in parts where part.fileName == nil && FormFields.utf8String(part.body) == nil {
            throw FormProblem(
                field: part.name, reason: "its value is not valid UTF-8 text (a file must be sent with a filename)")
        }
    }

    /// The first non-empty value of the text field `name`; nil when absent or empty.
    func value(_ name: String) -> String? {
        parts.first { $0.name == name && $0.fileName == nil && !$0.body.isEmpty }
            .map { String(decoding: $0.body, as: UTF8.self) }
    }

    /// Every non-empty value of the text field `name`, in order.
    func values(_ name: String) -> [String] {
        parts.compactMap {
            $0.name == name && $0.fileName == nil && !$0.body.isEmpty ? String(decoding: $0.body, as: UTF8.self) : nil
        }
    }

    /// The first part named `name` that has a file name and a non-empty body (a browser sends an empty part
    /// when no file was chosen).
    func file(_ name: String) -> Part? {
        parts.first { $0.name == name && $0.fileName != nil && !$0.body.isEmpty }
    }

    /// The text fields as FormFields, so both encodings are read the same way (file parts left out).
    var textFields: FormFields {
        FormFields(
            parts.filter { $0.fileName == nil }.map {
                FormFields.Field(name: $0.name, value: String(decoding: $0.body, as: UTF8.self))
            })
    }

    /// The parts of `raw`, delimited by "--boundary" lines, up to the closing "--boundary--".
    private static func split(
        _ raw: UnsafeRawBufferPointer, boundary: String, maximumParts: Int
    ) -> Result<[Part], FormProblem> {
        func failure(_ field: String, _ reason: String) -> Result<[Part], FormProblem> {
            .failure(FormProblem(field: field, reason: reason))
        }
        let n = raw.count
        let dashBoundary = Array("--\(boundary)".utf8)
        let delimiter = ByteFinder([0x0D, 0x0A] + dashBoundary)  // CRLF--boundary
        let headersEnd = ByteFinder([0x0D, 0x0A, 0x0D, 0x0A])
        func has(_ bytes: [UInt8], at offset: Int) -> Bool {
            guard offset >= 0, offset + bytes.count <= n else { return false }
            for (index, byte) in bytes.enumerated() where raw[offset + index] != byte { return false }
            return true
        }
        let crlf: [UInt8] = [0x0D, 0x0A]

        // The first delimiter may open the body or follow a preamble, which is ignored.
        var pos: Int
        if has(dashBoundary, at: 0) {
            pos = dashBoundary.count
        } else if let found = delimiter.first(in: raw, from: 0) {
            pos = found + delimiter.pattern.count
        } else {
            return failure(
                "body", "the opening boundary \"--\(boundary)\" named in the Content-Type header is not in the body")
        }

        var parts: [Part] = []
        while true {
            // After a delimiter: "--" closes the body (the epilogue is ignored), otherwise CRLF opens a part.
            if has([0x2D, 0x2D], at: pos) { return .success(parts) }
            let delimiterEnd = pos
            while pos < n && (raw[pos] == 0x20 || raw[pos] == 0x09) { pos += 1 }  // transport padding
            guard has(crlf, at: pos) else {
                return failure(
                    "body",
                    pos >= n
                        ? "the body ends right after a boundary, without the closing \"--\(boundary)--\"; the upload is truncated"
                        : "the boundary ending at byte \(delimiterEnd) is followed by neither a line break nor \"--\"")
            }
            pos += 2
            guard parts.count < maximumParts else {
                return failure("body", "the form has more than \(maximumParts) parts")
            }
            let number = parts.count + 1

            // Headers, up to an empty line.
            let headerStart = pos
            let bodyStart: Int
            let headerBytes: UnsafeRawBufferPointer
            if has(crlf, at: pos) {
                headerBytes = UnsafeRawBufferPointer(rebasing: raw[pos..<pos])
                bodyStart = pos + 2
            } else {
                let limit = min(n, pos + maximumHeaderBytes + 4)
                guard let end = headersEnd.first(in: raw, from: pos, to: limit) else {
                    return failure(
                        "body",
                        limit == n
                            ? "the body ends inside the headers of part \(number) (byte \(headerStart)); the upload is truncated"
                            : "the headers of part \(number) (byte \(headerStart)) are longer than \(maximumHeaderBytes) bytes")
                }
                headerBytes = UnsafeRawBufferPointer(rebasing: raw[pos..<end])
                bodyStart = end + 4
            }
            let headers = PartHeaders(headerBytes)
            let disposition = headers.contentDisposition.map { HeaderValue.parse($0).parameters } ?? [:]
            guard let name = disposition["name"], !name.isEmpty else {
                return failure(
                    "body", "part \(number) (byte \(headerStart)) has no Content-Disposition header with a name")
            }
            let fileName = disposition["filename"]  // `filename*` (RFC 5987) is not used by browsers; ignored

            // The body, up to the next CRLF--boundary.
            guard let end = delimiter.first(in: raw, from: bodyStart) else {
                return failure(
                    name,
                    "the body ends inside this part without the closing boundary \"--\(boundary)--\"; the upload is truncated")
            }
            var body = Data()
            if end > bodyStart, let base = raw.baseAddress { body = Data(bytes: base + bodyStart, count: end - bodyStart) }
            parts.append(Part(name: name, fileName: fileName, contentType: headers.contentType, body: body))
            pos = end + delimiter.pattern.count
        }
    }
}

/// The headers of one part that matter here.
private struct PartHeaders {
    /// The Content-Disposition value, when present.
    var contentDisposition: String?
    /// The Content-Type value, when present.
    var contentType: String?

    /// Reads CRLF-separated "Name: value" lines (UTF-8, or Latin-1 when not valid UTF-8); the first of each wins.
    init(_ bytes: UnsafeRawBufferPointer) {
        let text = FormFields.utf8String(bytes) ?? String(bytes.map { Character(Unicode.Scalar($0)) })
        var lines: [String] = []
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: true) {
            if let first = line.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)  // obsolete folding
            } else {
                lines.append(String(line))
            }
        }
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "content-disposition" where contentDisposition == nil: contentDisposition = value
            case "content-type" where contentType == nil: contentType = value.isEmpty ? nil : value
            default: break
            }
        }
    }
}

/// A header value of the form `value; name=token; name="quoted \"string\""`.
private enum HeaderValue {
    /// The leading value and the parameters, names lower-cased; the first of a repeated parameter wins.
    /// In a quoted string, `\"` and `\\` are escapes; any other backslash is kept (old browsers send Windows paths).
    static func parse(_ text: String) -> (value: String, parameters: [String: String]) {
        let characters = Array(text)
        var index = 0
        func skipSpaces() {
            while index < characters.count && (characters[index] == " " || characters[index] == "\t") { index += 1 }
        }
        var value = ""
        while index < characters.count && characters[index] != ";" {
            value.append(characters[index])
            index += 1
        }
        var parameters: [String: String] = [:]
        while index < characters.count {
            index += 1  // the ";"
            skipSpaces()
            var name = ""
            while index < characters.count && characters[index] != "=" && characters[index] != ";" {
                name.append(characters[index])
                index += 1
            }
            var parameter = ""
            if index < characters.count && characters[index] == "=" {
                index += 1
                skipSpaces()
                if index < characters.count && characters[index] == "\"" {
                    index += 1
                    while index < characters.count && characters[index] != "\"" {
                        if characters[index] == "\\", index + 1 < characters.count,
                            characters[index + 1] == "\"" || characters[index + 1] == "\\"
                        {
                            index += 1
                        }
                        parameter.append(characters[index])
                        index += 1
                    }
                    index += 1  // the closing quote
                    while index < characters.count && characters[index] != ";" { index += 1 }
                } else {
                    while index < characters.count && characters[index] != ";" {
                        parameter.append(characters[index])
                        index += 1
                    }
                    parameter = parameter.trimmingCharacters(in: .whitespaces)
                }
            }
            let key = name.trimmingCharacters(in: .whitespaces).lowercased()
            if !key.isEmpty && parameters[key] == nil { parameters[key] = parameter }
        }
        return (value.trimmingCharacters(in: .whitespaces), parameters)
    }
}

/// Finds a fixed byte pattern in a buffer with Boyer–Moore–Horspool: it skips up to the pattern's length at a time,
/// so a boundary of 40 bytes is found in a multi-megabyte photo without looking at most bytes.
private struct ByteFinder {
    /// What is searched for; never empty.
    let pattern: [UInt8]
    /// How far the window may move when its last byte is a given value.
    private let shifts: [Int]

    /// Prepares the search for `pattern`, which must not be empty.
    init(_ pattern: [UInt8]) {
        self.pattern = pattern
        var shifts = [Int](repeating: pattern.count, count: 256)
        for (index, byte) in pattern.dropLast().enumerated() { shifts[Int(byte)] = pattern.count - 1 - index }
        self.shifts = shifts
    }

    /// The offset of the first occurrence of the pattern lying entirely in `start..<end`, nil when there is none.
    func first(in buffer: UnsafeRawBufferPointer, from start: Int, to end: Int? = nil) -> Int? {
        let limit = min(end ?? buffer.count, buffer.count)
        let m = pattern.count
        guard m > 0, start >= 0, limit - start >= m else { return nil }
        return pattern.withUnsafeBufferPointer { needle in
            shifts.withUnsafeBufferPointer { shift in
                let last = m - 1
                let lastByte = needle[last]
                var window = start
                while window + m <= limit {
                    let byte = buffer[window + last]
                    if byte == lastByte {
                        var index = 0
                        while index < last && buffer[window + index] == needle[index] { index += 1 }
                        if index == last { return window }
                    }
                    window += shift[Int(byte)]
                }
                return nil
            }
        }
    }
}
