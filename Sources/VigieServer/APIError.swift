import Foundation
import Hummingbird
import VigieCore

/// An error the API answers with: an HTTP status, a stable code programs can test, and a message a person
/// can act on, as `{"error": {"code": "…", "message": "…"}}`.
public struct APIError: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONEncoder().encode(["error": ["code": code, "message": message]])
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static let unauthenticated = APIError(
        .unauthorized, "unauthenticated", "log in first: POST /api/v1/session with your name and password")
    static func forbidden(_ permission: Permission, _ role: Role) -> APIError {
        APIError(.forbidden, "forbidden", "the role \(role.rawValue) may not \(permission.words)")
    }
}
