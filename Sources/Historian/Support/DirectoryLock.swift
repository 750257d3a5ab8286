import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exclusive lock on `DIR/lock` that keeps a data directory to one ``Historian`` at a time.
///
/// Across processes it is `flock`, refused at once while another process holds it. Within this
/// process an instance may be closing: its last reference went away while its background flush
/// was running, and it closes when the flush ends. Opening the directory again then waits for
/// that (up to ``closingWait``) instead of failing; an instance that is simply open is refused at once.
final class DirectoryLock: Sendable {
    private struct Holder {
        var backgroundWork = 0
        var lastWorkEnded: ContinuousClock.Instant?

        /// Whether the holder may be closing: background work runs or has just ended.
        var mayBeClosing: Bool {
            backgroundWork > 0 || lastWorkEnded.map { ContinuousClock.now - $0 < .seconds(1) } ?? false
        }
    }

    /// Directories held by instances in this process, by resolved path.
    private static let held = Mutex<[String: Holder]>([:])
    /// How long an open waits for a closing instance of this process to let go of the directory.
    static let closingWait = Duration.seconds(60)

    private let descriptor: Int32
    private let key: String

    /// - Throws: ``HistorianError/io`` when another process holds the directory, or an instance of
    ///   this process holds it and is not closing (or still holds it after ``closingWait``).
    init(directory: String) throws(HistorianError) {
        let path = directory + "/lock"
        let key = Self.resolved(directory)
        let deadline = ContinuousClock.now + Self.closingWait
        while true {
            let taken = Self.held.withLock { held -> Bool? in
                guard let holder = held[key] else {
                    held[key] = Holder()
                    return true
                }
                return holder.mayBeClosing ? nil : false
            }
            if taken == true { break }
            guard taken == nil, ContinuousClock.now < deadline else {
                throw .io(path: path, operation: "lock (the directory is open in this process)", code: EWOULDBLOCK)
            }
            usleep(1_000)
        }
        do throws(HistorianError) {
            descriptor = try FileIO.lockExclusively(path)
        } catch {
            _ = Self.held.withLock { $0.removeValue(forKey: key) }
            throw error
        }
        self.key = key
    }

    deinit {
        close(descriptor)
        _ = Self.held.withLock { $0.removeValue(forKey: key) }
    }

    /// Runs `work` (a background flush) marked as work during which the holder may close.
    func whileWorking<Result>(_ work: () -> Result) -> Result {
        Self.held.withLock { $0[key]?.backgroundWork += 1 }
        defer {
            Self.held.withLock { held in
                held[key]?.backgroundWork -= 1
                held[key]?.lastWorkEnded = .now
            }
        }
        return work()
    }

    private static func resolved(_ directory: String) -> String {
        guard let pointer = realpath(directory, nil) else { return directory }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
