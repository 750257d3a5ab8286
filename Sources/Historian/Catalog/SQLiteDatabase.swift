import CSQLite

/// A thin owner of one SQLite connection (the catalog, the live store); errors name the file and the operation.
package final class SQLiteDatabase {
    package let path: String
    private let handle: OpaquePointer

    package init(path: String) throws(CatalogError) {
        self.path = path
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(opened)
            throw .sqlite(path: path, operation: "open", code: code, message: message)
        }
        handle = opened
    }

    deinit {
        sqlite3_close(handle)
    }

    package func execute(_ sql: String) throws(CatalogError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code, sql) }
    }

    package func prepare(_ sql: String) throws(CatalogError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code, sql) }
        return SQLiteStatement(database: self, handle: statement, sql: sql)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    package func transaction<Result>(_ body: () throws(CatalogError) -> Result) throws(CatalogError) -> Result {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    func error(_ code: Int32, _ operation: String) -> CatalogError {
        .sqlite(path: path, operation: operation, code: code, message: String(cString: sqlite3_errmsg(handle)))
    }
}

/// A prepared statement; parameters and columns are 1-based and 0-based as in SQLite.
package final class SQLiteStatement {
    private let database: SQLiteDatabase
    private let handle: OpaquePointer
    private let sql: String
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(database: SQLiteDatabase, handle: OpaquePointer, sql: String) {
        self.database = database
        self.handle = handle
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    package func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    package func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    package func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// Binds text with its exact UTF-8 length, so that names with NUL bytes are stored whole.
    package func bind(_ index: Int32, _ value: String?) {
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        let bytes = Array(value.utf8)
        _ = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { text in
                // An empty string still needs a non-NULL pointer, or SQLite stores NULL.
                if let base = text.baseAddress {
                    sqlite3_bind_text(handle, index, base, Int32(text.count), Self.transient)
                } else {
                    sqlite3_bind_text(handle, index, "", 0, Self.transient)
                }
            }
        }
    }

    /// Advances; true when a row is available.
    package func step() throws(CatalogError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(code, sql)
        }
    }

    package func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    package func double(_ column: Int32) -> Double? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_double(handle, column)
    }

    /// The column's text, all its bytes (NUL included).
    package func string(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }
}
