import Foundation
import Historian

/// The body of `PUT /api/v1/series/{id}`: a JSON object with the keys of a series' `metadata`
/// (`unit`, `description`, `engineering_range`, `lsl`, `usl`, `interpolation`). It replaces the
/// metadata: a key that is missing or null clears that item.
enum MetadataDocument {
    static let keys = ["unit", "description", "engineering_range", "lsl", "usl", "interpolation"]
    /// Longest unit or description accepted, in UTF-8 bytes.
    static let maximumTextBytes = 4_096

    /// One JSON value of the body.
    enum Value: Decodable {
        case null
        case boolean(Bool)
        case number(Double)
        case text(String)
        case numbers([Double])
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .boolean(flag)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else if let numbers = try? container.decode([Double].self) {
                self = .numbers(numbers)
            } else {
                self = .other
            }
        }
    }

    /// Parses and checks a body.
    /// - Throws: a 400 ``APIError`` naming the key: not a JSON object, an unknown key, a value of
    ///   the wrong type, a range or specification whose low end is not below its high end.
    static func parse(_ body: [UInt8]) throws -> SeriesMetadata {
        let object: [String: Value]
        do {
            object = try JSONDecoder().decode([String: Value].self, from: Data(body))
        } catch {
            throw APIError.badRequest("the body must be a JSON object with the keys \(keys.joined(separator: ", "))")
        }
        if let unknown = object.keys.sorted().first(where: { !keys.contains($0) }) {
            throw APIError.badRequest("unknown metadata key '\(unknown)' (expected \(keys.joined(separator: ", ")))")
        }
        var metadata = SeriesMetadata()
        metadata.unit = try text(object["unit"], key: "unit")
        metadata.description = try text(object["description"], key: "description")
        metadata.lowerSpecLimit = try number(object["lsl"], key: "lsl")
        metadata.upperSpecLimit = try number(object["usl"], key: "usl")
        if let lower = metadata.lowerSpecLimit, let upper = metadata.upperSpecLimit, lower >= upper {
            throw APIError.badRequest("lsl \(lower) must be below usl \(upper)")
        }
        switch object["engineering_range"] ?? .null {
        case .null:
            break
        case .numbers(let bounds) where bounds.count == 2 && bounds.allSatisfy(\.isFinite):
            guard bounds[0] < bounds[1] else {
                throw APIError.badRequest("engineering_range [\(bounds[0]), \(bounds[1])]: low must be below high")
            }
            metadata.engineeringRange = bounds[0]...bounds[1]
        default:
            throw APIError.badRequest("engineering_range must be [low, high] (two finite numbers) or null")
        }
        switch object["interpolation"] ?? .null {
        case .null: break
        case .text("step"): metadata.interpolation = .step
        case .text("linear"): metadata.interpolation = .linear
        default: throw APIError.badRequest("interpolation must be \"step\", \"linear\" or null")
        }
        return metadata
    }

    private static func text(_ value: Value?, key: String) throws -> String? {
        switch value ?? .null {
        case .null:
            return nil
        case .text(let text) where text.utf8.count <= maximumTextBytes:
            return text
        case .text:
            throw APIError.badRequest("\(key) is longer than \(maximumTextBytes) bytes")
        default:
            throw APIError.badRequest("\(key) must be a string or null")
        }
    }

    private static func number(_ value: Value?, key: String) throws -> Double? {
        switch value ?? .null {
        case .null: return nil
        case .number(let number) where number.isFinite: return number
        default: throw APIError.badRequest("\(key) must be a finite number or null")
        }
    }
}
