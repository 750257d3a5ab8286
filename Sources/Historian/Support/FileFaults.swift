import Synchronization

/// A write-side file operation of the engine (WAL segments, partition files, the checkpoint).
package enum FileOperation: String, Sendable {
    case create, write, sync, rename, remove, truncate
}

/// The seam where tests make the engine's file operations fail as a full or failing disk would:
/// consulted before each write-side operation, it names the errno the operation fails with.
package protocol FileFaults: Sendable {
    /// The errno that `operation` on `path` fails with, or nil to let it run.
    func failure(of operation: FileOperation, path: String) -> Int32?
}

/// Faults switched on and off while the engine runs: an operation on a path containing a given
/// text fails with a given errno until the rule is removed.
package final class FaultSwitch: FileFaults, Equatable {
    private struct Rule {
        let operation: FileOperation
        let pathContaining: String
        let code: Int32
    }

    private let rules = Mutex<[Rule]>([])

    package init() {}

    /// The same switch.
    package static func == (lhs: FaultSwitch, rhs: FaultSwitch) -> Bool {
        lhs === rhs
    }

    /// From now on `operation` on paths containing `pathContaining` fails with `code` (ENOSPC, EIO...).
    package func fail(_ operation: FileOperation, pathContaining: String, with code: Int32) {
        rules.withLock { $0.append(Rule(operation: operation, pathContaining: pathContaining, code: code)) }
    }

    /// Every operation succeeds again.
    package func clear() {
        rules.withLock { $0.removeAll() }
    }

    package func failure(of operation: FileOperation, path: String) -> Int32? {
        rules.withLock { rules in
            rules.first { $0.operation == operation && path.contains($0.pathContaining) }?.code
        }
    }
}
