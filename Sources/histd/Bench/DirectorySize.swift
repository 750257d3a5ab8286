import Foundation

/// Bytes a directory tree takes, counted as `du -sb` does: the apparent size of every file,
/// directory and link in it, the directory itself included, each inode once.
enum DirectorySize {
    /// - Returns: 0 for a path that does not exist.
    static func apparentBytes(_ path: String) -> Int {
        var seen: Set<[UInt64]> = []
        return apparentBytes(path, seen: &seen)
    }

    private static func apparentBytes(_ path: String, seen: inout Set<[UInt64]>) -> Int {
        var information = stat()
        guard lstat(path, &information) == 0 else { return 0 }
        guard seen.insert([UInt64(information.st_dev), UInt64(information.st_ino)]).inserted else { return 0 }
        var total = Int(information.st_size)
        if (information.st_mode & S_IFMT) == S_IFDIR, let entries = try? FileManager.default.contentsOfDirectory(atPath: path) {
            for entry in entries { total += apparentBytes(path + "/" + entry, seen: &seen) }
        }
        return total
    }
}
