import Foundation
import Hummingbird
import Live
import Time

/// JSON answers of the live routes.
enum LiveAnswer {
    /// The document of a chart revision: `id`, `name`, `revision`, `author`, `at` (RFC 3339),
    /// `reason`, `deleted`, `definition` (as posted), `limits` and, when it is not evaluated, `problem`.
    static func chart(_ revision: ChartRevision, problem: String? = nil, history: [ChartRevision] = []) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": .integer(revision.chart), "name": .string(revision.definition.name), "revision": .integer(Int64(revision.revision)),
            "author": .string(revision.author), "at": .string(RFC3339.format(revision.at)), "reason": revision.reason.map { .string($0) } ?? .null,
            "deleted": .bool(revision.deleted), "definition": revision.definition.json, "limits": revision.limits.limits,
            "phase1_points": .integer(Int64(revision.limits.phaseOnePoints)),
            "warnings": .array(revision.limits.warnings.map { .object(["code": .string($0.code), "message": .string($0.message)]) }),
        ]
        if let problem { members["problem"] = .string(problem) }
        if !history.isEmpty {
            members["revisions"] = .array(
                history.map { item in
                    .object([
                        "revision": .integer(Int64(item.revision)), "author": .string(item.author), "at": .string(RFC3339.format(item.at)),
                        "reason": item.reason.map { .string($0) } ?? .null, "deleted": .bool(item.deleted),
                    ])
                })
        }
        return .object(members)
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
