import Foundation
import Synchronization

/// The OEE machine definitions stored in the data directory (`live.sqlite`, beside the live chart
/// definitions), with every revision: who changed what, when and why.
///
/// The registry stores documents its caller has checked; it keeps the names unique and the
/// revisions numbered. All revisions are read once when it opens and kept in memory.
public final class MachineRegistry: Sendable {
    private let store: LiveStore
    /// Every revision by machine name, oldest first.
    private let history: Mutex<[String: [MachineRevision]]>

    /// Opens (or creates) the live store of data directory `directory` and reads the machines.
    /// - Throws: ``LiveError/storage(_:)`` when the store cannot be opened or read.
    public init(directory: String) throws(LiveError) {
        store = try LiveStore(path: directory + "/live.sqlite")
        var loaded: [String: [MachineRevision]] = [:]
        for revision in try store.machineRevisions() { loaded[revision.name, default: []].append(revision) }
        history = Mutex(loaded)
    }

    /// The latest revision of every machine that is not deleted, by name.
    public func machines() -> [MachineRevision] {
        history.withLock { history in history.keys.sorted().compactMap { history[$0]?.last }.filter { !$0.deleted } }
    }

    /// Every revision of machine `name`, oldest first (deleted machines included).
    /// - Throws: ``LiveError/notFound(_:)`` for a name that was never stored.
    public func revisions(of name: String) throws(LiveError) -> [MachineRevision] {
        let found = history.withLock { $0[name] ?? [] }
        guard !found.isEmpty else { throw .notFound("no machine named '\(name)'") }
        return found
    }

    /// Stores a new machine as revision 1 (or the next revision of a deleted one of that name).
    /// - Throws: ``LiveError/conflict(_:)`` when a machine of that name exists; storage errors.
    public func create(name: String, definition: JSONValue, author: String, reason: String?, now: Int64) throws(LiveError) -> MachineRevision {
        try history.withLock { (history) throws(LiveError) -> MachineRevision in
            let previous = history[name]?.last
            if let previous, !previous.deleted { throw .conflict("a machine named '\(name)' exists already (revision \(previous.revision))") }
            let revision = MachineRevision(
                name: name, revision: (previous?.revision ?? 0) + 1, definition: definition, author: author, at: now, reason: reason, deleted: false)
            try store.add(revision)
            history[name, default: []].append(revision)
            return revision
        }
    }

    /// Stores a new revision of machine `name`.
    /// - Throws: ``LiveError/notFound(_:)`` for an unknown or deleted machine; storage errors.
    public func update(name: String, definition: JSONValue, author: String, reason: String?, now: Int64) throws(LiveError) -> MachineRevision {
        try history.withLock { (history) throws(LiveError) -> MachineRevision in
            guard let previous = history[name]?.last, !previous.deleted else { throw .notFound("no machine named '\(name)'") }
            let revision = MachineRevision(
                name: name, revision: previous.revision + 1, definition: definition, author: author, at: now, reason: reason, deleted: false)
            try store.add(revision)
            history[name, default: []].append(revision)
            return revision
        }
    }

    /// Deletes machine `name`: a last revision marked deleted; earlier revisions stay readable.
    /// - Throws: ``LiveError/notFound(_:)`` for an unknown or deleted machine; storage errors.
    public func delete(name: String, author: String, reason: String?, now: Int64) throws(LiveError) -> MachineRevision {
        try history.withLock { (history) throws(LiveError) -> MachineRevision in
            guard var revision = history[name]?.last, !revision.deleted else { throw .notFound("no machine named '\(name)'") }
            revision.revision += 1
            revision.author = author
            revision.at = now
            revision.reason = reason
            revision.deleted = true
            try store.add(revision)
            history[name, default: []].append(revision)
            return revision
        }
    }
}
