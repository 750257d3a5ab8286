/// A failure of the storage engine; every case says which file and, for corruption, which offset.
public enum HistorianError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The series catalog failed.
    case catalog(CatalogError)
    /// A system call on a file failed; `code` is the `errno` value.
    case io(path: String, operation: String, code: Int32)
    /// A file holds bytes the engine never writes (bad magic, checksum mismatch, impossible length).
    case corrupt(path: String, offset: Int, reason: String)
    /// A file was written by a format version this build does not read.
    case unsupportedVersion(path: String, version: UInt32)
    /// A query was malformed.
    case query(QueryError)
    /// A value does not fit its series (for example a string field, which this version does not store).
    case unsupportedValue(series: String, reason: String)

    public var description: String {
        switch self {
        case .catalog(let error): error.description
        case .io(let path, let operation, let code): "\(path): \(operation) failed: \(errnoDescription(code)) (errno \(code))"
        case .corrupt(let path, let offset, let reason): "\(path): corrupt at byte offset \(offset): \(reason)"
        case .unsupportedVersion(let path, let version): "\(path): unsupported format version \(version)"
        case .query(let error): error.description
        case .unsupportedValue(let series, let reason): "series \(series): \(reason)"
        }
    }
}
