import Foundation
import Hummingbird
import VigieCore
import VigieIngest

extension APIRoutes {
    /// The largest file a program may send in one request.
    static let maximumUpload = 512 << 20

    /// `POST /api/v1/sources/{name}/records`: the body is a file in the source's format (CSV, NDJSON,
    /// GeoJSON), read with the mapping kept for the source (`vigie sources set-mapping`), exactly as
    /// `vigie ingest` reads it; the answer is the ingest summary. The file goes to a temporary file first,
    /// so that memory stays flat whatever its size.
    func ingestRecords(_ request: Request, _ context: VigieRequestContext, _ account: Account) async throws -> JSONBody<IngestSummary> {
        let name = context.parameters.get("name") ?? ""
        guard let source = try store.source(named: name), let sourceID = source.id else {
            throw APIError(.notFound, "not-found", "there is no source named '\(name)'")
        }
        guard let kept = try store.mapping(sourceID: sourceID) else {
            throw APIError(.conflict, "no-mapping", "source '\(name)' has no mapping yet: set one with `vigie sources set-mapping \(name) FILE.yml`")
        }
        let mapping: Mapping
        do {
            mapping = try Mapping.parse(yaml: kept.text, fileName: kept.fileName)
        } catch let error as MappingError {
            throw APIError(.conflict, "bad-mapping", "the mapping kept for '\(name)' cannot be read: \(error)")
        }
        // The file keeps the name the client gives (`file=`): quarantine entries are keyed by file and record,
        // so sending the same file again replaces its entries rather than adding to them.
        let fileName = String(request.uri.queryParameters["file"] ?? "upload.\(mapping.format.rawValue)")
        guard !fileName.isEmpty, fileName.count <= 200, !fileName.contains("/"), !fileName.hasPrefix(".") else {
            throw APIError(.badRequest, "bad-parameter", "file: '\(fileName)' is not a file name (no '/', not starting with '.')")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-upload-\(UUID().uuidString)")
        // Only this process may read the upload: it holds personal data before pseudonymisation.
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(fileName)
        guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw APIError(.internalServerError, "internal", "the upload could not be stored for reading")
        }
        let handle = try FileHandle(forWritingTo: file)
        var received = 0
        do {
            for try await buffer in request.body {
                received += buffer.readableBytes
                guard received <= Self.maximumUpload else {
                    throw APIError(.contentTooLarge, "too-large", "a file may hold at most \(Self.maximumUpload >> 20) MiB per request; send it in parts")
                }
                try handle.write(contentsOf: Data(buffer: buffer))
            }
            try handle.close()
        } catch {
            try? handle.close()
            throw error
        }
        guard received > 0 else { throw APIError(.badRequest, "bad-request", "the request has no body: send the file's content") }
        let summary: IngestSummary
        do {
            summary = try await Ingestor(store: store, pseudonymiser: pseudonymiser).ingest(
                file: file, mapping: mapping, sourceName: name)
        } catch let error as IngestError {
            throw APIError(.badRequest, "bad-file", "\(error)".replacingOccurrences(of: file.path, with: fileName))
        } catch let error as MappingError {
            throw APIError(.conflict, "bad-mapping", "\(error)")
        }
        try await audit.record(
            actor: account.name, action: "ingest", target: "source:\(name)",
            detail: #"{"read":\#(summary.read),"accepted":\#(summary.accepted),"updated":\#(summary.updated),"duplicates":\#(summary.duplicates),"quarantined":\#(summary.quarantined)}"#)
        var reported = summary
        reported.file = fileName
        return JSONBody(reported)
    }
}
