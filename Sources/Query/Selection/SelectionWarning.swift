import Historian

/// Why a selection matched no series, with what it could have named: the `warnings` of
/// `/api/v1` answers (the answer stays 200 with no series).
public struct SelectionWarning: Sendable, Equatable {
    /// `unknown_measurement`, `unknown_field` or `no_matching_tags`.
    public var code: String
    /// For people: what matched nothing, and the measurement's fields or tag keys.
    public var message: String

    /// Creates a warning.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// Why `selection`, which matched no series of `historian`, matched none; nil when it names no
    /// measurement, field or tag (an empty database). Only series `visible` passes are named.
    public static func explain(_ selection: SeriesSelection, in historian: Historian, visible: (Series) -> Bool = { _ in true })
        -> SelectionWarning?
    {
        guard let measurement = selection.measurement else {
            guard let fields = selection.fields else { return nil }
            return SelectionWarning(code: "unknown_field", message: "no series has the field \(list(fields.sorted()))")
        }
        let series = historian.series(measurement: measurement).filter(visible)
        guard !series.isEmpty else {
            return SelectionWarning(code: "unknown_measurement", message: "measurement '\(measurement)' has no series")
        }
        var kinds: [String: Set<ValueKind>] = [:]
        for item in series { kinds[item.key.field, default: []].insert(item.kind) }
        let known = kinds.keys.sorted().map { field in
            "\(field) (\(ValueKind.allCases.filter { kinds[field]?.contains($0) == true }.map(\.description).joined(separator: ", ")))"
        }
        if let fields = selection.fields, !fields.contains(where: { kinds[$0] != nil }) {
            return SelectionWarning(
                code: "unknown_field",
                message: "measurement '\(measurement)' has no field \(list(fields.sorted())); its fields: \(known.joined(separator: ", "))")
        }
        let tagKeys = Set(series.flatMap { $0.key.tags.map(\.key) }).sorted()
        return SelectionWarning(
            code: "no_matching_tags",
            message: "no series of measurement '\(measurement)' matches the tag condition; its tag keys: "
                + (tagKeys.isEmpty ? "none" : tagKeys.joined(separator: ", ")) + "; its fields: \(known.joined(separator: ", "))")
    }

    private static func list(_ names: [String]) -> String {
        names.map { "'\($0)'" }.joined(separator: " or ")
    }
}
