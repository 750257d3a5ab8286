import TestSupport
import Testing

@testable import Historian

@Suite struct DirectoryLockTests {
    @Test func aSecondOpenOfTheSameDirectoryFailsUntilTheFirstCloses() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var first: Historian? = try Historian(directory: directory.path)
        #expect(first != nil)
        #expect(throws: HistorianError.self) { try Historian(directory: directory.path) }
        first = nil
        let reopened = try Historian(directory: directory.path)
        #expect(reopened.recovery.tornTail == nil)
        // Opening does not pile up empty WAL segments.
        #expect(try WriteAheadLog.segments(in: directory.path + "/wal").count == 1)
    }
}
