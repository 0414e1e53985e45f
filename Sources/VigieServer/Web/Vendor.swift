import Foundation
import Hummingbird

/// The JavaScript libraries the pages use, served from Debian's packages (libjs-leaflet,
/// libjs-leaflet.markercluster, libjs-chart.js) under `/vendor/`: no CDN, nothing fetched from elsewhere.
struct VendorFiles: Sendable {
    /// URL prefix → folder.
    static let folders = ["leaflet": "/usr/share/javascript/leaflet", "chart.js": "/usr/share/javascript/chart.js"]
    static let types = ["js": "application/javascript", "css": "text/css", "png": "image/png"]

    @Sendable func serve(_ request: Request, context: VigieRequestContext) async throws -> Response {
        let parts = request.uri.path.split(separator: "/").map(String.init)
        guard parts.count >= 3, parts[0] == "vendor", let folder = Self.folders[parts[1]],
            parts[2...].allSatisfy({ !$0.hasPrefix(".") && !$0.isEmpty }),
            let type = Self.types[(parts.last! as NSString).pathExtension]
        else { throw APIError(.notFound, "not-found", "no such file") }
        let path = ([folder] + parts[2...]).joined(separator: "/")
        guard let data = FileManager.default.contents(atPath: path) else {
            context.logger.error("\(path) is missing: install Debian's libjs-leaflet, libjs-leaflet.markercluster and libjs-chart.js")
            throw APIError(.notFound, "not-found", "no such file")
        }
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "public, max-age=86400"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
