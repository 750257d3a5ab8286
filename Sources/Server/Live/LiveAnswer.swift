import Foundation
import Hummingbird
import Live
import Time

/// JSON answers of the live routes.
enum LiveAnswer {
    /// The document of a chart revision (``ChartRevision/document(problem:history:)``).
    static func chart(_ revision: ChartRevision, problem: String? = nil, history: [ChartRevision] = [], webhook: JSONValue? = nil) -> JSONValue {
        revision.document(problem: problem, history: history, webhook: webhook)
    }

    /// `value` as a JSON response.
    static func response(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.bytes)))
    }

    /// Events as `{"events": [...]}`, each in the JSON of ``LiveEvent``.
    static func events(_ events: [LiveEvent]) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes = Array("{\"events\":[".utf8)
        for (index, event) in events.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += try encoder.encode(event)
        }
        bytes += Array("]}".utf8)
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// One event as the answer.
    static func event(_ event: LiveEvent) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: Array(try encoder.encode(event)))))
    }
}
