import Foundation
import Hummingbird
import VigieCore

/// Security headers on every response: a Content-Security-Policy allowing no inline script and nothing
/// from another origin, no sniffing, no framing, no referrer sent to another site (a same-origin referrer
/// keeps the Origin of this server's own forms, which the login checks).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The origin map tiles come from, allowed as images, if tiles are configured.
    var tileOrigin: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:\(tileOrigin.map { " " + $0 } ?? ""); object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        return response
    }
}

/// Every error becomes a JSON response here, so that the middleware outside it (the security headers)
/// sees it; an error that is not already an API error becomes a 500 with a stable code, its detail logged,
/// never sent: a stack trace or a path tells an attacker more than it helps a user.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let failure: APIError
        do {
            return try await next(request, context)
        } catch let error as APIError {
            failure = error
        } catch let error as HTTPError {
            if error.status == .notFound, let allowed = ServedRoutes.methods(of: request.uri.path) {
                var response = try APIError(
                    .methodNotAllowed, "method-not-allowed",
                    "\(request.uri.path) answers \(allowed.joined(separator: ", ")) only"
                ).response(from: request, context: context)
                response.headers[.allow] = allowed.joined(separator: ", ")
                return response
            }
            failure = APIError(error.status, Self.code(error.status), error.body ?? error.status.reasonPhrase)
        } catch {
            context.logger.error("\(request.method) \(request.uri.path): \(error)")
            failure = APIError(.internalServerError, "internal", "the server could not answer; the incident is logged")
        }
        return try failure.response(from: request, context: context)
    }

    static func code(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "bad-request"
        case 404: "not-found"
        case 405: "method-not-allowed"
        case 413: "too-large"
        default: "http-\(status.code)"
        }
    }
}

/// Reads the session cookie, or an API token (`Authorization: Bearer …`), into the context. An unsafe
/// request (POST, PUT, PATCH, DELETE) under a cookie session must carry the session's CSRF token in
/// `X-CSRF-Token`; a token is not sent by browsers on their own, so it needs none.
struct SessionMiddleware: RouterMiddleware {
    /// The paths of the pages' forms, each of which checks the CSRF token its form carries.
    static func isForm(_ path: String) -> Bool {
        if path == "/login" || path == "/logout" || path == "/users" || path == "/signaler" { return true }
        let parts = path.split(separator: "/")
        if parts.count == 2 && parts[0] == "triage" { return true }
        if parts.count == 3 && parts[0] == "suivi" && parts[2] == "reopen" { return true }
        if parts.count == 4 && parts[0] == "video" && parts[1] == "events" && parts[3] == "review" { return true }
        return parts.count == 3 && parts[0] == "alerts" && parts[2] == "acknowledge"
    }

    typealias Context = VigieRequestContext
    let sessions: SessionStore
    let store: any ServedStore
    let tokens = TokenCache()
    static let cookie = "vigie_session"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            let store = self.store
            let hash = SessionStore.key(String(authorization.dropFirst(7)))
            let account = authorization.hasPrefix("Bearer ")
                ? try await tokens.account(hash: hash) {
                    guard let token = try store.token(hash: hash), token.revokedAt == nil,
                        let account = try store.account(named: token.accountName), account.disabledAt == nil
                    else { return nil }
                    return account
                }
                : nil
            guard let account else {
                throw APIError(.unauthorized, "bad-token", "the API token is unknown, revoked, or its account disabled")
            }
            context.session = Session(account: account, csrfToken: "", expires: .distantFuture)
        } else if let token = request.cookies[Self.cookie]?.value, var session = await sessions.session(token: token) {
            // The account is read again: a role changed or an account disabled takes effect at once.
            guard let account = try store.account(named: session.account.name), account.disabledAt == nil else {
                await sessions.close(token: token)
                return try await next(request, context)
            }
            session.account = account
            context.session = session
            // The pages' forms check their own token, sent in the form since a form cannot set a header;
            // everything else carries it in X-CSRF-Token.
            if ![.get, .head, .options].contains(request.method), !Self.isForm(request.uri.path),
                request.headers[.init("X-CSRF-Token")!] != session.csrfToken
            {
                throw APIError(.forbidden, "csrf", "the request lacks the session's X-CSRF-Token header (GET /api/v1/me gives it)")
            }
        }
        return try await next(request, context)
    }
}

/// The routes the server answers, with their methods: a known path asked with another method is a 405.
enum ServedRoutes {
    /// The methods a path is served with, when it is a route of the server (`{name}` matches one segment).
    static func methods(of path: String) -> [String]? {
        let segments = path.split(separator: "/")
        for (pattern, methods) in routes {
            let parts = pattern.split(separator: "/")
            guard parts.count == segments.count else { continue }
            if zip(parts, segments).allSatisfy({ $0.hasPrefix("{") || $0 == $1 }) { return methods }
        }
        return nil
    }

    /// Every route and its methods.
    static let routes: [(String, [String])] = [
        ("/health", ["GET"]), ("/api/openapi.yaml", ["GET"]), ("/api/v1/session", ["POST", "DELETE"]),
        ("/api/v1/me", ["GET"]), ("/api/v1/sources", ["GET", "POST"]), ("/api/v1/sources/{name}", ["PATCH"]), ("/api/v1/sources/{name}/records", ["POST"]),
        ("/api/v1/agenda", ["GET"]), ("/api/v1/stats", ["GET"]), ("/api/v1/density", ["GET"]),
        ("/api/v1/districts", ["GET"]), ("/api/v1/alerts", ["GET"]), ("/api/v1/alerts/{id}/acknowledge", ["POST"]), ("/api/v1/alerts/scan", ["POST"]),
        ("/api/v1/hotspots", ["GET"]), ("/api/v1/trends", ["GET"]), ("/api/v1/forecast", ["GET"]),
        ("/api/v1/patrol", ["GET"]), ("/api/v1/incidents", ["GET"]), ("/api/v1/live", ["GET"]),
        ("/api/v1/points", ["GET"]), ("/api/v1/quarantine", ["GET"]), ("/api/v1/users", ["GET", "POST"]), ("/api/v1/users/{name}", ["PATCH"]),
        ("/api/v1/audit", ["GET"]), ("/api/v1/audit/verify", ["GET"]), ("/login", ["GET", "POST"]),
        ("/logout", ["POST"]), ("/", ["GET"]), ("/map", ["GET"]), ("/agenda", ["GET"]), ("/trends", ["GET"]),
        ("/patrol", ["GET"]), ("/patrol/briefing", ["GET"]), ("/report", ["GET"]), ("/quarantine", ["GET"]),
        ("/sources", ["GET"]), ("/users", ["GET", "POST"]), ("/audit", ["GET"]), ("/alerts/{id}/acknowledge", ["POST"]),
        ("/api/v1/citizen-requests", ["GET"]), ("/api/v1/citizen-requests/{id}/updates", ["POST"]),
        ("/open311/v2/{file}", ["GET", "POST"]), ("/open311/v2/services/{file}", ["GET"]),
        ("/open311/v2/requests/{file}", ["GET"]), ("/open311/v2/tokens/{file}", ["GET"]),
        ("/signaler", ["GET", "POST"]), ("/suivi/{token}", ["GET"]), ("/suivi/{token}/photo", ["GET"]), ("/suivi/{token}/reopen", ["POST"]),
        ("/triage", ["GET"]), ("/triage/{id}", ["GET", "POST"]), ("/triage/{id}/photo", ["GET"]),
        ("/chiffres", ["GET"]), ("/opendata/incidents.csv", ["GET"]), ("/opendata/incidents.geojson", ["GET"]),
        ("/opendata/districts.geojson", ["GET"]),
        ("/api/v1/cameras", ["GET"]), ("/api/v1/video/search", ["GET"]), ("/api/v1/video/thumbnail", ["GET"]), ("/api/v1/video/clip", ["GET"]),
        ("/api/v1/video/attention", ["GET"]), ("/api/v1/video/events", ["GET"]), ("/api/v1/video/events/{id}/review", ["POST"]),
        ("/video", ["GET"]), ("/video/search", ["GET"]), ("/video/play", ["GET"]), ("/video/events", ["GET"]), ("/video/events/{id}/review", ["POST"]),
    ]
}
