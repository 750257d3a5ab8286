#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `strerror` text of an errno value.
func errnoDescription(_ code: Int32) -> String {
    String(cString: strerror(code))
}

/// POSIX file operations that throw ``HistorianError/io`` naming the path and the operation. The
/// write-side ones consult `faults` first (see ``FileFaults``; nil in production).
enum FileIO {
    /// Throws the failure `faults` injects for `operation` on `path`, if any.
    static func check(_ faults: (any FileFaults)?, _ operation: FileOperation, _ path: String) throws(HistorianError) {
        if let code = faults?.failure(of: operation, path: path) { throw .io(path: path, operation: operation.rawValue, code: code) }
    }

    /// Opens `path` for writing with `flags` (O_CREAT, O_TRUNC, O_APPEND...), mode 0644.
    static func create(_ path: String, flags: Int32, faults: (any FileFaults)? = nil) throws(HistorianError) -> Int32 {
        try check(faults, .create, path)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0o644)
        guard descriptor >= 0 else { throw .io(path: path, operation: "create", code: errno) }
        return descriptor
    }

    static func makeDirectory(_ path: String) throws(HistorianError) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw .io(path: path, operation: "mkdir", code: errno) }
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// The names of the entries of a directory, sorted.
    static func list(_ path: String) throws(HistorianError) -> [String] {
        guard let directory = opendir(path) else { throw .io(path: path, operation: "opendir", code: errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Reads a whole file.
    static func readFile(_ path: String) throws(HistorianError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path: path, operation: "open", code: errno) }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "read", code: errno)
            }
            if count == 0 { break }
            result.append(contentsOf: chunk[0..<count])
        }
        return result
    }

    /// Reads `count` bytes at `offset` of an open file; fewer only at the end of the file.
    static func readAt(descriptor: Int32, path: String, offset: Int, count: Int) throws(HistorianError) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let read = result.withUnsafeMutableBytes { raw in
                raw.baseAddress.map { pread(descriptor, $0 + done, count - done, off_t(offset + done)) } ?? 0
            }
            if read < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "pread", code: errno)
            }
            if read == 0 { break }
            done += read
        }
        if done < count { result.removeLast(count - done) }
        return result
    }

    /// Writes all of `bytes` to an open descriptor at its current position.
    static func writeAll(descriptor: Int32, path: String, _ bytes: [UInt8], faults: (any FileFaults)? = nil) throws(HistorianError) {
        try check(faults, .write, path)
        let failure: Int32 = bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return 0 }
            var done = 0
            while done < raw.count {
                let written = write(descriptor, base + done, raw.count - done)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += written
            }
            return 0
        }
        if failure != 0 { throw .io(path: path, operation: "write", code: failure) }
    }

    /// The bytes a large file (a partition file) is written in before its writeback is started and
    /// waited for, so that dirty pages never pile up: the WAL's fsyncs on the same disk then wait
    /// behind a few megabytes at most, not behind a burst of a hundred (RocksDB's `bytes_per_sync`
    /// paces the same way).
    static let writebackPiece = 4 << 20

    static func sync(descriptor: Int32, path: String, faults: (any FileFaults)? = nil) throws(HistorianError) {
        try check(faults, .sync, path)
        if fsync(descriptor) != 0 { throw .io(path: path, operation: "fsync", code: errno) }
    }

    /// Makes the creation, rename or removal of entries in `path` durable.
    static func syncDirectory(_ path: String, faults: (any FileFaults)? = nil) throws(HistorianError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path: path, operation: "open directory", code: errno) }
        defer { close(descriptor) }
        try sync(descriptor: descriptor, path: path, faults: faults)
    }

    /// Writes a small whole file atomically and durably: a temporary file, fsync, rename, fsync of the directory.
    /// A failure leaves no temporary file behind.
    static func writeAtomically(_ bytes: [UInt8], to path: String, directory: String, faults: (any FileFaults)? = nil) throws(HistorianError) {
        let temporary = path + ".tmp"
        let descriptor = try create(temporary, flags: O_TRUNC, faults: faults)
        do throws(HistorianError) {
            defer { close(descriptor) }
            try writeAll(descriptor: descriptor, path: temporary, bytes, faults: faults)
            try sync(descriptor: descriptor, path: temporary, faults: faults)
        } catch {
            unlink(temporary)
            throw error
        }
        do throws(HistorianError) {
            try check(faults, .rename, path)
            if rename(temporary, path) != 0 { throw .io(path: path, operation: "rename", code: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
        try syncDirectory(directory, faults: faults)
    }

    /// Opens (creating) `path` and takes an exclusive advisory lock on it; returns the descriptor
    /// that holds the lock until it is closed.
    static func lockExclusively(_ path: String) throws(HistorianError) -> Int32 {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .io(path: path, operation: "open lock file", code: errno) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            throw .io(path: path, operation: "lock (is another histd process using this data directory?)", code: code)
        }
        return descriptor
    }

    static func remove(_ path: String, faults: (any FileFaults)? = nil) throws(HistorianError) {
        try check(faults, .remove, path)
        if unlink(path) != 0 && errno != ENOENT { throw .io(path: path, operation: "unlink", code: errno) }
    }

    static func truncateFile(_ path: String, to length: Int) throws(HistorianError) {
        if truncate(path, off_t(length)) != 0 { throw .io(path: path, operation: "truncate", code: errno) }
    }
}
