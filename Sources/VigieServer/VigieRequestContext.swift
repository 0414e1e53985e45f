import Hummingbird
import VigieCore

/// What a request carries through the middleware to its route: who it comes from, once authenticated.
public struct VigieRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The session, when the request carried a valid session cookie.
    public var session: Session?
    /// The client's address, for the login limiter.
    public var remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    public var account: Account? { session?.account }
}
