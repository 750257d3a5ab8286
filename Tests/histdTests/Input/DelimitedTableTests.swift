import Testing

@testable import histd

@Suite("Delimited table")
struct DelimitedTableTests {
    static func parse(_ text: String, timestampColumn: Bool = true) throws -> DelimitedTable {
        try DelimitedTable.parse(Array(text.utf8), file: "input.csv", timestampColumn: timestampColumn)
    }

    @Test("semicolons, a header, a text column and missing values")
    func semicolons() throws {
        let table = try Self.parse(
            """
            datetime;Pressure;Phase;Temperature
            2020-02-08 13:30:47;0.38;Prep;90.6
            2020-02-08 13:30:48;;Prep;""
            2020-02-08 13:30:49;0.05;Run;90.8\r

            """)
        #expect(table.hasTimestamps)
        #expect(table.series.map(\.name) == ["Pressure", "Temperature"])
        #expect(table.series[0].values == [0.38, 0.05])
        #expect(table.series[1].values == [90.6, 90.8])
        #expect(table.series[1].timestamps.count == 2)
        #expect(table.skippedTextColumns == ["Phase"])
    }

    @Test("one value per line, and whitespace tables without a header")
    func shapes() throws {
        let single = try Self.parse("1.5\n2.5\n\n3.5\n")
        #expect(!single.hasTimestamps)
        #expect(single.series.map(\.values) == [[1.5, 2.5, 3.5]])
        let whitespace = try Self.parse("0 1.0  2.0\n60\t1.5 2.5\n")
        #expect(whitespace.series.map(\.name) == ["column2", "column3"])
        #expect(whitespace.series[0].timestamps == [0, 60_000_000_000])
        let quoted = try Self.parse("time,\"a,b\"\n1,\"4.5\"\n")
        #expect(quoted.series.map(\.name) == ["a,b"])
        #expect(quoted.series[0].values == [4.5])
    }

    @Test("bad input names the line and column")
    func errors() throws {
        #expect(throws: InputError.self) { try Self.parse("") }
        do {
            _ = try Self.parse("time,a,b\n2020-01-01,1,2\n2020-01-01T00:00:01,1,x\n")
            Issue.record("a text cell in a numeric column must be an error")
        } catch let error as InputError {
            #expect(error.line == 3 && error.column == 3)
            #expect(error.description.hasPrefix("input.csv:3:3:"))
        }
        do {
            _ = try Self.parse("time,a\nyesterday,1\n")
            Issue.record("a bad timestamp must be an error")
        } catch let error as InputError {
            #expect(error.line == 2 && error.column == 1)
        }
        do {
            _ = try Self.parse("time,a\n2020-01-01,1,2\n")
            Issue.record("a row with too many fields must be an error")
        } catch let error as InputError {
            #expect(error.line == 2)
        }
        #expect(throws: InputError.self) { try Self.parse("time,a\n2020-01-01,\"1\n") }
    }
}
