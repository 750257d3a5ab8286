import TOML
import Testing

/// The fuzz test's seed documents, parsed whole, with every value written out.
@Suite struct SampleDocumentTests {
    @Test func configurationDocument() throws {
        let table = try parsed(SampleDocuments.configuration)
        #expect(
            table == [
                "data": "./histd-data",
                "http": "127.0.0.1:8086",
                // 0x7FFF_FFFF = 2^31 - 1 = 2147483647.
                "limits": ["max_body_bytes": 10_000_000, "max_points": 2_147_483_647, "query_timeout_seconds": 30.5, "gzip": true],
                "retention": [
                    "raw": ["days": 90, "downsample": ["after_days": 7, "every": "1m"]],
                    "tagged series": ["press", "oven", "kiln"],
                ],
                "tokens": [
                    ["name": "collector", "scopes": ["write"], "hash": "sha256:9f86d081884c7d659a2feaa0c55ad015"],
                    ["name": "dashboard", "scopes": ["read"]],
                ],
            ])
        #expect(table.keys == ["data", "http", "limits", "retention", "tokens"])
    }

    @Test func tablesDocument() throws {
        let table = try parsed(SampleDocuments.tables)
        #expect(
            table == [
                "a": ["b": ["c": ["z": 1], "y": 2]],
                "fruit": ["apple": ["color": "red", "taste": ["sweet": true], "texture": ["smooth": true]]],
                "lines": [
                    ["name": "L1", "calendar": ["timezone": "Europe/Berlin"], "shifts": [["name": "early"]]],
                    ["shifts": [["name": "night"]]],
                ],
                "dog": ["tater.man": ["type": ["name": "pug"]]],
            ])
    }

    @Test func valuesDocument() throws {
        let table = try parsed(SampleDocuments.values)
        let strings = try #require(try table.table("strings"))
        #expect(
            strings == [
                "basic": "tab\t quote\" unicode\u{E9} \u{1F525}",
                "literal": "C:\\histd\\data",
                "multiline": "first line folded\ntwo quotes \"\" end",
                "raw": "raw 'quoted' text\n",
            ])
        let numbers = try #require(try table.array("numbers"))
        // 0xdead_beef = 3735928559, 0o755 = 493, 0b1101 = 13; the last element is nan, compared apart.
        #expect(
            Array(numbers.dropLast()) == [
                99, -17, 0, 1000, 3_735_928_559, 493, 13, 3.1415, -0.01, 5e22, 6.626e-34, .float(.infinity), .float(-.infinity),
            ])
        guard case .float(let last) = try #require(numbers.last) else {
            Issue.record("the last number is not a float")
            return
        }
        #expect(last.isNaN)
        #expect(
            try table.array("dates")?.map(\.description) == [
                "1979-05-27T07:32:00Z", "1979-05-27T00:32:00.999999-07:00", "1979-05-27T07:32:00", "1979-05-27", "00:32:00.5",
            ])
        #expect(try table.array("mixed") == [[1, 2], ["a", "b"], [["x": 1], [:]], true, false])
    }

    @Test func deepDocument() throws {
        let table = try parsed(SampleDocuments.deep)
        var innermost = try #require(table["b"])
        for _ in 0..<30 {
            guard case .table(let inner) = innermost, let next = inner["c"] else {
                Issue.record("expected 30 nested tables")
                return
            }
            innermost = next
        }
        #expect(innermost == 1)
    }
}
