import Foundation
import Hummingbird
import Logging
import VigieCore
import VigieIngest
import VigieVideo

/// What the server reads and writes through: every storage port, the incident feed analytics follow, and
/// the alerts.
/// The embedded SQLite store provides it; so will a PostgreSQL store.
public typealias ServedStore = VigieStorage & IncidentFeed & AlertRepository & VideoIndexRepository

/// The observatory's HTTP server: the JSON API under `/api/v1`, behind sessions, permissions and the audit log.
public enum VigieServer {
    /// The router of every route, with its middleware.
    public static func router(
        store: any ServedStore, sessions: SessionStore = SessionStore(), limiter: LoginLimiter = LoginLimiter(),
        secureCookies: Bool = true, pseudonymiser: Pseudonymiser? = nil, tiles: String? = nil,
        citizens: CitizenSettings = CitizenSettings(), media: VideoMedia = VigieServer.defaultMedia
    ) -> Router<VigieRequestContext> {
        routes(store: store, sessions: sessions, limiter: limiter, secureCookies: secureCookies, pseudonymiser: pseudonymiser,
            tiles: tiles, citizens: citizens, media: media).router
    }

    /// Where thumbnails and clips go unless told: a folder of the temporary directory.
    public static let defaultMedia = VideoMedia(directory: FileManager.default.temporaryDirectory.appendingPathComponent("vigie-video"))

    static func routes(
        store: any ServedStore, sessions: SessionStore = SessionStore(), limiter: LoginLimiter = LoginLimiter(),
        secureCookies: Bool, pseudonymiser: Pseudonymiser?, tiles: String?, citizens: CitizenSettings, media: VideoMedia
    ) -> (router: Router<VigieRequestContext>, api: APIRoutes) {
        let router = Router(context: VigieRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware(tileOrigin: tiles.flatMap(Self.origin)))
        router.add(middleware: ErrorMiddleware())
        router.add(middleware: SessionMiddleware(sessions: sessions, store: store))
        router.get("health") { _, _ in HTTPResponse.Status.ok }
        router.get("api/openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
        let desk = CitizenDesk(store: store, settings: citizens, pseudonymiser: pseudonymiser)
        let api = APIRoutes(
            store: store, sessions: sessions, limiter: limiter, secureCookies: secureCookies,
            snapshots: SnapshotCache(store: store), audit: AuditTrail(store: store), pseudonymiser: pseudonymiser, desk: desk,
            media: media)
        api.add(to: router)
        Open311Routes(desk: desk).add(to: router)
        WebRoutes(api: api, tiles: tiles).add(to: router)
        return (router, api)
    }

    /// The application serving `store` on `host`:`port`; it stops gracefully on SIGINT or SIGTERM.
    public static func application(
        store: any ServedStore, host: String, port: Int, secureCookies: Bool = true, pseudonymiser: Pseudonymiser? = nil,
        tiles: String? = nil, citizens: CitizenSettings = CitizenSettings(), media: VideoMedia = VigieServer.defaultMedia,
        logger: Logger = Logger(label: "vigie")
    ) -> some ApplicationProtocol {
        let (router, api) = routes(
            store: store, secureCookies: secureCookies, pseudonymiser: pseudonymiser, tiles: tiles, citizens: citizens, media: media)
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "Vigie"),
            services: [
                ForecastWarmer(api: api, logger: logger), AlertScanner(api: api, logger: logger),
                ReporterDataPurger(store: store, logger: logger), VideoPurger(store: store, media: media, logger: logger),
            ],
            logger: logger)
    }

    /// The scheme, host and port of a tile URL template, for the Content-Security-Policy.
    static func origin(_ template: String) -> String? {
        guard let components = URLComponents(string: template.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")),
            let scheme = components.scheme, let host = components.host
        else { return nil }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }
}
