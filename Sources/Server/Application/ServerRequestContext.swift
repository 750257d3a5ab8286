import Historian
import Hummingbird
import Query

/// The per-request context: Hummingbird's core storage plus the token that authenticated the request.
public struct ServerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The token the request presented; nil when the server has no tokens or the route is public.
    var token: AccessToken?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
    }

    /// The databases the request's token is limited to; nil for all.
    var databases: Set<String>? { token?.databases }

    /// `selection` kept to the token's databases (tag `databaseTag`); unchanged for a token of all.
    func limited(_ selection: SeriesSelection, tag databaseTag: String) -> SeriesSelection {
        guard let databases else { return selection }
        var limited = selection
        let scope = SeriesPredicate.any(databases.sorted().map { .tag(databaseTag, .equals($0)) })
        limited.predicate = selection.predicate.map { .all([scope, $0]) } ?? scope
        return limited
    }

    /// Whether the token may see `series` (a series of another database does not exist for it).
    func maySee(_ series: Series, tag databaseTag: String) -> Bool {
        guard let databases else { return true }
        return series.key.tag(databaseTag).map(databases.contains) ?? false
    }

    /// Refuses with 403 when the token is limited and `database` is not one of its databases
    /// (nil: the request names none, which a limited token must).
    func requireDatabase(_ database: String?) throws {
        guard let databases else { return }
        guard let database, !database.isEmpty else {
            throw APIError(
                .forbidden, "token '\(token?.name ?? "")' is limited to databases \(databases.sorted().joined(separator: ", ")): name one (db=)")
        }
        guard databases.contains(database) else {
            throw APIError(
                .forbidden,
                "token '\(token?.name ?? "")' may not use database '\(database)' (its databases: \(databases.sorted().joined(separator: ", ")))")
        }
    }
}
