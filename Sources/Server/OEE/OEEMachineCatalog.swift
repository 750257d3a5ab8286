import Historian
import Live
import Query

/// The machines `/api/v1/oee` reports on: those of `[[machines]]` in the configuration file and
/// those stored over HTTP (``MachineRegistry``). A name may be defined in only one of the two.
struct OEEMachineCatalog: Sendable {
    /// The machines of the configuration file.
    let configured: [OEEMachineDefinition]
    /// The machines stored over HTTP.
    let registry: MachineRegistry

    /// - Throws: ``ConfigurationError/invalid(key:message:)`` naming a machine defined both in the
    ///   configuration file and over HTTP.
    init(configured: [OEEMachineDefinition], registry: MachineRegistry) throws(ConfigurationError) {
        self.configured = configured
        self.registry = registry
        let names = Set(configured.map(\.name))
        if let both = registry.machines().first(where: { names.contains($0.name) }) {
            throw .invalid(
                key: "machines",
                message:
                    "machine '\(both.name)' is defined in the configuration file and over HTTP (revision \(both.revision) in live.sqlite); "
                    + "remove it from one of them (DELETE /api/v1/oee/machines/\(both.name))")
        }
    }

    /// Every machine: the configured ones first, then the stored ones by name. A stored document
    /// that no longer reads (it was checked when saved) is left out.
    func all() -> [OEEMachineDefinition] {
        configured + registry.machines().compactMap { try? OEEMachineDefinition(json: $0.definition) }
    }

    /// Whether `name` is a machine of the configuration file.
    func isConfigured(_ name: String) -> Bool {
        configured.contains { $0.name == name }
    }

    /// The series selectors of `machine` that match no series, by key path, with a hint at series
    /// that match when extra tags are allowed (the `db` tag that `/write?db=` adds, for example).
    static func unmatchedSelectors(of machine: OEEMachineDefinition, historian: Historian) -> [(key: String, message: String)] {
        var unmatched: [(key: String, message: String)] = []
        for (key, reference) in machine.seriesReferences where historian.series(for: reference.key) == nil {
            let predicate: SeriesPredicate? =
                reference.tags.isEmpty ? nil : .all(reference.tags.sorted { $0.key < $1.key }.map { .tag($0.key, .equals($0.value)) })
            let near = SeriesSelection(measurement: reference.measurement, predicate: predicate, fields: [reference.field]).series(in: historian)
            let hint =
                near.isEmpty
                ? ""
                : "; series with more tags exist, e.g. \(near.prefix(2).map(\.key.description).joined(separator: "; ")): list every tag of the series"
            unmatched.append((key, "\(key): no series is \(reference.key)\(hint)"))
        }
        return unmatched
    }
}
