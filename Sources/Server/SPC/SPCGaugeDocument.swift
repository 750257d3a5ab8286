import Foundation
import SPC

/// The body of `POST /api/v1/spc/gauge` as JSON: `{"rows": [{"part", "operator", "value"}], "tolerance",
/// "study_var"}`; a part or operator may be a string or a number.
struct SPCGaugeDocument: Decodable {
    var rows: [Row]
    var tolerance: Double?
    var studyVariation: Double?

    enum CodingKeys: String, CodingKey {
        case rows, tolerance
        case studyVariation = "study_var"
    }

    struct Row: Decodable {
        var part: String
        var `operator`: String
        var value: Double

        enum CodingKeys: String, CodingKey {
            case part, `operator`, value
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            part = try Self.label(container, .part)
            self.operator = try Self.label(container, .operator)
            value = try container.decode(Double.self, forKey: .value)
        }

        /// A label given as a string, or as a number written without a needless ".0".
        private static func label(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> String {
            if let text = try? container.decode(String.self, forKey: key) { return text }
            let number = try container.decode(Double.self, forKey: key)
            if let integer = Int(exactly: number) { return String(integer) }
            return String(number)
        }
    }

    /// - Throws: a 400 ``APIError`` saying what is wrong with the document.
    static func parse(_ body: [UInt8]) throws -> SPCGaugeDocument {
        do {
            return try JSONDecoder().decode(SPCGaugeDocument.self, from: Data(body))
        } catch let DecodingError.keyNotFound(key, context) {
            throw APIError.badRequest("gauge body: \(Self.path(context.codingPath + [key])) is missing")
        } catch let DecodingError.typeMismatch(_, context) {
            throw APIError.badRequest("gauge body: \(Self.path(context.codingPath)) has the wrong type")
        } catch let DecodingError.valueNotFound(_, context) {
            throw APIError.badRequest("gauge body: \(Self.path(context.codingPath)) is null")
        } catch {
            throw APIError.badRequest("gauge body is not JSON of the form {\"rows\": [{\"part\", \"operator\", \"value\"}]}")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix(".").description
    }

    var measurements: [GaugeMeasurement] {
        rows.map { GaugeMeasurement(part: $0.part, operator: $0.operator, value: $0.value) }
    }
}
