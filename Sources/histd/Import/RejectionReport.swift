import Foundation

/// The file that receives every rejected line of an import (`--report`), created at the first one.
struct RejectionReport {
    let path: String
    private var handle: FileHandle?
    private var failure: Error?

    init(path: String) {
        self.path = path
    }

    /// Appends `file:line[:column]: reason`.
    mutating func add(file: String, _ line: String) {
        guard failure == nil else { return }
        do {
            if handle == nil {
                guard FileManager.default.createFile(atPath: path, contents: nil) else {
                    throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
                }
                handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            }
            try handle?.write(contentsOf: Array((file + ":" + line + "\n").utf8))
        } catch {
            failure = error
        }
    }

    /// Closes the file.
    /// - Throws: the first error writing it met, naming the path.
    mutating func close() throws {
        try handle?.close()
        handle = nil
        if let failure { throw ImportReportError(path: path, reason: "\(failure)") }
    }
}

/// The rejection report could not be written.
struct ImportReportError: Error, CustomStringConvertible {
    var path: String
    var reason: String

    var description: String { "cannot write the report of rejected lines to \(path): \(reason)" }
}
