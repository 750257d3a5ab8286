import HTTPTypes
import Hummingbird

/// Adds `X-Histd-Version` and `X-Influxdb-Version` to every answer, errors included (InfluxDB sends
/// its version on every answer; its clients parse it).
struct VersionHeaderMiddleware: RouterMiddleware {
    static let histdVersionHeader = HTTPField.Name("X-Histd-Version")!
    static let influxDBVersionHeader = HTTPField.Name("X-Influxdb-Version")!

    func handle(_ request: Request, context: ServerRequestContext, next: (Request, ServerRequestContext) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[Self.histdVersionHeader] = HistdVersion.number
        response.headers[Self.influxDBVersionHeader] = HistdVersion.influxDBCompatibility
        return response
    }
}
