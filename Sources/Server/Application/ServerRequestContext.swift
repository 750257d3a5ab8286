import Hummingbird

/// The per-request context: Hummingbird's core storage plus the token that authenticated the request.
public struct ServerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The token the request presented; nil when the server has no tokens or the route is public.
    var token: AccessToken?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
    }
}
