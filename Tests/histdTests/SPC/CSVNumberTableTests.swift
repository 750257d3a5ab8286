import Foundation
import Testing

@testable import histd

@Suite("histd spc input tables")
struct CSVNumberTableTests {
    static func table(_ text: String) throws -> CSVNumberTable {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("spc-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try CSVNumberTable(contentsOf: path)
    }

    @Test("subgroups, single values and pairs")
    func shapes() throws {
        let subgroups = try Self.table("74.030,74.002,74.019\n73.995,73.992,74.001\n")
        #expect(subgroups.rows == [[74.030, 74.002, 74.019], [73.995, 73.992, 74.001]])
        #expect(try Self.table("1\n2\n\n").singleColumn() == [1, 2])
        let pairs = try Self.table("12,50\n15,50\n").pairs("defectives", "size")
        #expect(pairs.first == [12, 15] && pairs.second == [50, 50])
    }

    @Test("a non-numeric cell names its row, line and column")
    func badCell() throws {
        do {
            _ = try Self.table("1,2\n3,4\n5,x\n")
            Issue.record("a non-numeric cell must be an error")
        } catch let error as SPCInputError {
            #expect(error.item.hasSuffix("row 2 (line 3)"))
            #expect(error.message.hasPrefix("column 2:"))
        }
    }

    @Test("empty rows, infinities and wrong shapes are refused")
    func refused() throws {
        #expect(throws: SPCInputError.self) { try Self.table("1\n\n2\n") }
        #expect(throws: SPCInputError.self) { try Self.table("inf\n") }
        #expect(throws: SPCInputError.self) { try Self.table("") }
        #expect(throws: SPCInputError.self) { try Self.table("1,2\n").singleColumn() }
        #expect(throws: SPCInputError.self) { try Self.table("1\n").pairs("defects", "units") }
    }
}
