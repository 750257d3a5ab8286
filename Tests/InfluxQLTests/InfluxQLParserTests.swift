import TestSupport
import Testing

@testable import InfluxQL

@Suite struct InfluxQLParserTests {
    private static let now: Int64 = 1_704_070_800_000_000_000

    private static func select(_ query: String) throws -> InfluxQLSelect {
        let statements = try InfluxQLParser.parse(query, now: now)
        guard statements.count == 1, case .select(let select) = statements[0] else {
            throw InfluxQLError.syntax("not one SELECT: \(statements)")
        }
        return select
    }

    /// What Grafana's InfluxDB data source sends for a graph panel.
    @Test func grafanaPanelQuery() throws {
        let select = try Self.select(
            """
            SELECT mean("v") AS "average", max(v) FROM "plant"."autogen"."m" WHERE ("machine" = 'a') AND "line" =~ /^L(1|2)$/ \
            AND time >= 1704067200000ms and time <= 1704067800000ms GROUP BY time(1m), "machine" fill(null) ORDER BY time DESC LIMIT 5
            """)
        #expect(select.columns == [.init(aggregate: .mean, field: "v", name: "average"), .init(aggregate: .max, field: "v", name: "max")])
        #expect(select.measurement == "m")
        #expect(
            select.tagPredicate
                == .all([
                    .condition(.init(key: "machine", operator: .equals, value: "a")),
                    .condition(.init(key: "line", operator: .matches, value: "^L(1|2)$")),
                ]))
        #expect(select.from == 1_704_067_200_000_000_000)
        #expect(select.to == 1_704_067_800_000_000_001)
        #expect(select.interval == 60_000_000_000)
        #expect(select.groupByTags == ["machine"])
        #expect(select.fill == .null)
        #expect(select.descending)
        #expect(select.limit == 5)
    }

    /// Grafana's query builder writes type casts.
    @Test func typeCasts() throws {
        let select = try Self.select("SELECT mean(\"v\"::field) FROM m WHERE \"machine\"::tag = 'a' AND time > 0 GROUP BY time(1m), \"machine\"::tag")
        #expect(select.columns == [.init(aggregate: .mean, field: "v", name: "mean")])
        #expect(select.tagPredicate == .condition(.init(key: "machine", operator: .equals, value: "a")))
        #expect(select.groupByTags == ["machine"])
        #expect(try Self.select("SELECT \"v\"::float AS x FROM m").columns == [.init(aggregate: nil, field: "v", name: "x")])
        #expect(throws: InfluxQLError.syntax("unknown type colour after '::'")) { try InfluxQLParser.parse("SELECT v::colour FROM m", now: Self.now) }
    }

    @Test func transformsOfAggregates() throws {
        let select = try Self.select(
            """
            SELECT derivative(mean("v"), 1s), non_negative_derivative(max(v)) AS rate, difference(last(v)), non_negative_difference(count(v)) \
            FROM m WHERE time > 0 GROUP BY time(1m)
            """)
        #expect(
            select.columns == [
                .init(aggregate: .mean, field: "v", name: "derivative", transform: .derivative(unit: 1_000_000_000, nonNegative: false)),
                .init(aggregate: .max, field: "v", name: "rate", transform: .derivative(unit: nil, nonNegative: true)),
                .init(aggregate: .last, field: "v", name: "difference", transform: .difference(nonNegative: false)),
                .init(aggregate: .count, field: "v", name: "non_negative_difference", transform: .difference(nonNegative: true)),
            ])
        #expect(throws: InfluxQLError.invalid("derivative() needs GROUP BY time()")) {
            try InfluxQLParser.parse("SELECT derivative(mean(v)) FROM m", now: Self.now)
        }
        #expect(throws: InfluxQLError.invalid("aggregate function required inside the call to derivative")) {
            try InfluxQLParser.parse("SELECT derivative(v) FROM m WHERE time > 0 GROUP BY time(1m)", now: Self.now)
        }
    }

    /// Random token soup and valid statements cut and mutated at random: the parser answers or
    /// throws, and never traps.
    @Test func randomAndMutatedQueriesNeverTrap() {
        var generator = SplitMix64(seed: 11)
        let valid = [
            "SELECT mean(\"v\"), derivative(max(v), 1s) AS d FROM \"db\".\"rp\".\"m\" WHERE \"machine\"::tag =~ /^a$/ AND time >= now() - 1h GROUP BY time(1m), * fill(previous) ORDER BY time DESC LIMIT 5",
            "SHOW TAG VALUES FROM m WITH KEY IN (\"a\", \"b\") WHERE x != 'y'; CREATE DATABASE \"t\"; SHOW MEASUREMENTS WITH MEASUREMENT =~ /p/ LIMIT 1",
            "SELECT * FROM m WHERE time > '2024-01-01T00:00:00Z' AND time < 1704067800000ms",
            "SELECT mean(v) * 1.8 + 32, \"a\" / \"b\", top(v, machine, 2) FROM m WHERE v > 3 OR machine = 'a' GROUP BY time(1m, 10s) fill(linear) LIMIT 1 OFFSET 2 SLIMIT 3 SOFFSET 4",
            "SHOW SERIES ON db FROM m WHERE a = 'b' LIMIT 1; DROP SERIES FROM m WHERE x = 'y'; DELETE FROM m WHERE time < 5; SHOW TAG VALUES CARDINALITY WITH KEY = k",
        ]
        let pieces = [
            "SELECT", "FROM", "WHERE", "GROUP", "BY", "time", "(", ")", ",", ";", "'x'", "\"y\"", "/r/", "=~", "!=", "<=", "1m", "5",
            "now()", "-", "+", "*", "::", "fill", "mean", "derivative", "AND", "OR", "SHOW", "TAG", "KEY", "=", ".", "\\", "'", "\"", "/", "µ", "é",
            "top", "distinct", "SLIMIT", "OFFSET", "SERIES", "DROP", "DELETE", "3.5", ">", "integral",
        ]
        var parsed = 0
        for round in 0..<3_000 {
            var query: String
            if round % 2 == 0 {
                query = (0..<Int(generator.next() % 12)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined(separator: " ")
            } else {
                var characters = Array(valid[Int(generator.next() % UInt64(valid.count))])
                for _ in 0..<(1 + Int(generator.next() % 4)) where !characters.isEmpty {
                    let index = Int(generator.next() % UInt64(characters.count))
                    switch generator.next() % 3 {
                    case 0: characters.remove(at: index)
                    case 1: characters.insert(contentsOf: Array(pieces[Int(generator.next() % UInt64(pieces.count))]), at: index)
                    default: characters.removeSubrange(index...)
                    }
                }
                query = String(characters)
            }
            if (try? InfluxQLParser.parse(query, now: Self.now)) != nil { parsed += 1 }
        }
        #expect(parsed > 20)
    }

    @Test func timeBounds() throws {
        let relative = try Self.select("select v from m where time > now() - 1h and time < now() + 90s")
        #expect(relative.from == Self.now - 3_600_000_000_000 + 1)
        #expect(relative.to == Self.now + 90_000_000_000)
        let absolute = try Self.select("SELECT v FROM m WHERE time >= '2024-01-01T00:00:00Z' AND time <= '2024-01-01T00:10:00.5Z'")
        #expect(absolute.from == 1_704_067_200_000_000_000)
        #expect(absolute.to == 1_704_067_800_500_000_001)
        let nanoseconds = try Self.select("SELECT v FROM m WHERE time >= 1704067200000000000 AND (machine != 'b' AND machine !~ /c/)")
        #expect(nanoseconds.from == 1_704_067_200_000_000_000)
        #expect(nanoseconds.to == nil)
        #expect(
            nanoseconds.tagPredicate
                == .all([
                    .condition(.init(key: "machine", operator: .notEquals, value: "b")),
                    .condition(.init(key: "machine", operator: .notMatches, value: "c")),
                ]))
    }

    @Test func durations() {
        #expect(InfluxQLParser.nanoseconds("1704067200000ms") == 1_704_067_200_000_000_000)
        #expect(InfluxQLParser.nanoseconds("5u") == 5_000)
        #expect(InfluxQLParser.nanoseconds("5µ") == 5_000)
        #expect(InfluxQLParser.nanoseconds("2w") == 1_209_600_000_000_000)
        #expect(InfluxQLParser.nanoseconds("0s") == 0)
        #expect(InfluxQLParser.nanoseconds("9223372036854775807s") == nil)
        #expect(InfluxQLParser.nanoseconds("10x") == nil)
    }

    /// AND binds tighter than OR; time bounds join the rest with AND at the top.
    @Test func orOfTagConditions() throws {
        let select = try Self.select("SELECT v FROM m WHERE (machine = 'a' OR machine = 'b' AND line = 'L2') AND time > 5 AND line !~ /x/")
        let machineA = InfluxQLTagPredicate.condition(.init(key: "machine", operator: .equals, value: "a"))
        let machineB = InfluxQLTagPredicate.condition(.init(key: "machine", operator: .equals, value: "b"))
        let lineL2 = InfluxQLTagPredicate.condition(.init(key: "line", operator: .equals, value: "L2"))
        let notX = InfluxQLTagPredicate.condition(.init(key: "line", operator: .notMatches, value: "x"))
        #expect(select.tagPredicate == .all([.any([machineA, .all([machineB, lineL2])]), notX]))
        #expect(select.from == 6)
    }

    /// Nesting is refused past 100 levels instead of recursing until the stack overflows.
    @Test func deepNestingIsRefused() throws {
        func nested(_ depth: Int) -> String {
            "SELECT v FROM m WHERE " + String(repeating: "(", count: depth) + "k = 'a'" + String(repeating: ")", count: depth)
        }
        let allowed = try Self.select(nested(InfluxQLParser.maximumNesting))
        #expect(allowed.tagPredicate == .condition(.init(key: "k", operator: .equals, value: "a")))
        #expect(throws: InfluxQLError.syntax("parentheses nested deeper than 100 levels at offset 122")) {
            try InfluxQLParser.parse(nested(101), now: Self.now)
        }
        #expect(throws: InfluxQLError.self) { try InfluxQLParser.parse(nested(70_000), now: Self.now) }
    }

    @Test func rankedFunctions() throws {
        let select = try Self.select(
            "SELECT spread(v), median(v) AS m, percentile(\"v\", 99.5), derivative(percentile(v, 5), 1m) FROM m WHERE time > 0 GROUP BY time(1h)")
        #expect(
            select.columns == [
                .init(function: .spread, field: "v", name: "spread"), .init(function: .median, field: "v", name: "m"),
                .init(function: .percentile(99.5), field: "v", name: "percentile"),
                .init(function: .percentile(5), field: "v", name: "derivative", transform: .derivative(unit: 60_000_000_000, nonNegative: false)),
            ])
        #expect(throws: InfluxQLError.syntax("found 101, expected a percentage from 0 to 100 at offset 21")) {
            try InfluxQLParser.parse("SELECT percentile(v, 101) FROM m", now: Self.now)
        }
    }

    @Test func fillsAndWildcards() throws {
        #expect(try Self.select("SELECT count(v) FROM m WHERE time > 0 GROUP BY time(10s) fill(none)").fill == .none)
        #expect(try Self.select("SELECT count(v) FROM m WHERE time > 0 GROUP BY time(10s) fill(previous)").fill == .previous)
        #expect(try Self.select("SELECT count(v) FROM m WHERE time > 0 GROUP BY time(10s) fill(-1.5)").fill == .number(-1.5))
        let star = try Self.select("SELECT * FROM m GROUP BY *")
        #expect(star.columns == [.init(aggregate: nil, field: "*", name: "*")])
        #expect(star.groupByTags == ["*"])
    }

    @Test func showAndCreateStatements() throws {
        let statements = try InfluxQLParser.parse(
            """
            CREATE DATABASE "telegraf"; SHOW DATABASES; show retention policies on telegraf;
            SHOW MEASUREMENTS WITH MEASUREMENT =~ /pl.*/ LIMIT 10; SHOW TAG KEYS FROM "m";
            SHOW TAG VALUES FROM m WITH KEY IN ("machine", "line"); SHOW FIELD KEYS;
            SHOW TAG VALUES FROM "m" WITH KEY = "line" WHERE "machine" = 'a' AND time > now() - 1h
            """, now: Self.now)
        #expect(
            statements == [
                .createDatabase("telegraf"), .showDatabases, .onDatabase("telegraf", .showRetentionPolicies),
                .showMeasurements(.matches("pl.*"), limit: 10, offset: 0),
                .showTagKeys(measurement: "m"), .showTagValues(measurement: "m", keys: .equals(["machine", "line"]), where: nil),
                .showFieldKeys(measurement: nil),
                .showTagValues(measurement: "m", keys: .equals(["line"]), where: .condition(.init(key: "machine", operator: .equals, value: "a"))),
            ])
    }

    /// Conditions on field values are tested per row; the tag conjuncts still select series, and
    /// time bounds are intersected wherever they stand, also inside OR, as InfluxDB 1.6 does.
    @Test func fieldConditionsAndTimeInsideOr() throws {
        let select = try Self.select("SELECT v FROM m WHERE machine = 'a' AND (v > 70 OR line = 'L2' OR ok = true) AND n != -3 AND time > 5")
        #expect(select.tagPredicate == .condition(.init(key: "machine", operator: .equals, value: "a")))
        #expect(
            select.rowCondition
                == .all([
                    .any([
                        .field("v", .greater, .number(70)), .tag(.init(key: "line", operator: .equals, value: "L2")),
                        .field("ok", .equals, .boolean(true)),
                    ]),
                    .field("n", .notEquals, .number(-3)),
                ]))
        #expect(select.rowCondition?.fields == ["v", "ok", "n"])
        #expect(select.from == 6)
        let either = try Self.select("SELECT v FROM m WHERE machine = 'a' OR time > 10 OR time < 100")
        #expect(either.tagPredicate == .condition(.init(key: "machine", operator: .equals, value: "a")))
        #expect(either.from == 11)
        #expect(either.to == 100)
        #expect(either.rowCondition == nil)
    }

    /// Conditions written like a tag's on names that turn out to be string fields become row tests.
    @Test func tagConditionsReadAsStringFields() throws {
        let select = try Self.select("SELECT v FROM m WHERE (state = 'on' OR v > 1) AND machine =~ /a/")
        let state = InfluxQLSelect.TagCondition(key: "state", operator: .equals, value: "on")
        let machine = InfluxQLSelect.TagCondition(key: "machine", operator: .matches, value: "a")
        #expect(select.tagPredicate == .condition(machine))
        #expect(select.rowCondition?.tagKeys == ["state"])
        #expect(select.rowCondition?.reading(textOf: ["state"]) == .any([.text(state), .field("v", .greater, .number(1))]))
        #expect(select.rowCondition?.reading(textOf: ["state"]).fields == ["state", "v"])
        #expect(InfluxQLRowCondition(.any([.condition(state), .condition(machine)])) == .any([.tag(state), .tag(machine)]))
    }

    @Test func arithmeticOnColumns() throws {
        let aggregates = try Self.select("SELECT mean(\"t\") * 1.8 + 32, (max(v) - -2) AS range FROM m")
        #expect(aggregates.columns == [.init(aggregate: .mean, field: "t", name: "mean"), .init(aggregate: .max, field: "v", name: "max")])
        #expect(
            aggregates.outputs == [
                .init(
                    name: "mean",
                    expression: .binary(.add, .binary(.multiply, .column(0), .number(1.8, isInteger: false)), .number(32, isInteger: true))),
                .init(name: "range", expression: .binary(.subtract, .column(1), .number(-2, isInteger: true))),
            ])
        #expect(aggregates.outputNames == ["mean", "range"])
        let fields = try Self.select("SELECT \"a\" / \"b\", a + b * 2 FROM m")
        #expect(fields.outputNames == ["a_b", "a_b"])
        #expect(fields.outputs?.last?.expression == .binary(.add, .column(2), .binary(.multiply, .column(3), .number(2, isInteger: true))))
        // A `/` after an operand divides; elsewhere it opens a regular expression.
        #expect(try Self.select("SELECT v / 2 FROM m WHERE k =~ /x/").tagPredicate == .condition(.init(key: "k", operator: .matches, value: "x")))
    }

    @Test func severalMeasurements() throws {
        #expect(try Self.select("SELECT v FROM m").sources == [])
        let select = try Self.select("SELECT v FROM \"db\".\"rp\".a, /^b/ WHERE time > 0")
        #expect(select.sources == [.name("a"), .pattern("^b")])
        #expect(throws: InfluxQLError.unsupported("a regular expression after FROM here; name one measurement")) {
            try InfluxQLParser.parse("DELETE FROM /m/", now: Self.now)
        }
    }

    @Test func clausesAfterGroupBy() throws {
        let select = try Self.select(
            "SELECT mean(v) FROM m WHERE time > 0 GROUP BY time(10m, -3m), machine fill(linear) ORDER BY time DESC LIMIT 5 OFFSET 2 SLIMIT 3 SOFFSET 1"
        )
        #expect(select.interval == 600_000_000_000)
        #expect(select.intervalOffset == 420_000_000_000)
        #expect(select.fill == .linear)
        #expect(select.limit == 5)
        #expect(select.offset == 2)
        #expect(select.seriesLimit == 3)
        #expect(select.seriesOffset == 1)
    }

    /// `tz()` names a zone of the system's database; its windows follow daylight-saving changes.
    @Test func timeZones() throws {
        let select = try Self.select("SELECT mean(v) FROM m WHERE time > 0 GROUP BY time(1d) SOFFSET 1 tz('Europe/Berlin')")
        let zone = try #require(select.timeZone)
        #expect(zone.identifier == "Europe/Berlin")
        #expect(zone.utcOffset(at: 1_704_067_200_000_000_000) == 3_600)
        #expect(zone.utcOffset(at: 1_719_792_000_000_000_000) == 7_200)
        let day: Int64 = 86_400_000_000_000
        // 2024-03-31 local has 23 hours: from 2024-03-30T23:00:00Z to 2024-03-31T22:00:00Z.
        let spring = zone.window(of: 1_711_846_800_000_000_000, width: day, offset: 0)
        #expect(spring.start == 1_711_839_600_000_000_000)
        #expect(spring.end == 1_711_922_400_000_000_000)
        // 2024-10-27 local has 25 hours.
        let autumn = zone.window(of: 1_729_994_400_000_000_000, width: day, offset: 0)
        #expect(autumn.end - autumn.start == 25 * 3_600_000_000_000)
    }

    @Test func functionsOfSamples() throws {
        let select = try Self.select(
            """
            SELECT mode(v), count(distinct(v)), integral(v, 1m), integral(w), cumulative_sum(mean(v)), moving_average(max(v), 3), elapsed(min(v), 1s)             FROM m WHERE time > 0 GROUP BY time(1h)
            """)
        #expect(
            select.columns == [
                .init(function: .mode, field: "v", name: "mode"), .init(function: .countDistinct, field: "v", name: "count"),
                .init(function: .integral(unit: 60_000_000_000), field: "v", name: "integral"),
                .init(function: .integral(unit: 1_000_000_000), field: "w", name: "integral"),
                .init(aggregate: .mean, field: "v", name: "cumulative_sum", transform: .cumulativeSum),
                .init(aggregate: .max, field: "v", name: "moving_average", transform: .movingAverage(count: 3)),
                .init(aggregate: .min, field: "v", name: "elapsed", transform: .elapsed(unit: 1_000_000_000)),
            ])
        #expect(
            try Self.select("SELECT top(v, machine, line, 3) FROM m").columns == [
                .init(function: .top(largest: true, count: 3, tags: ["machine", "line"]), field: "v", name: "top")
            ])
        #expect(
            try Self.select("SELECT bottom(v, 2) FROM m").columns == [
                .init(function: .top(largest: false, count: 2, tags: []), field: "v", name: "bottom")
            ])
        #expect(try Self.select("SELECT distinct(v) FROM m").columns == [.init(function: .distinct, field: "v", name: "distinct")])
        #expect(try Self.select("SELECT DISTINCT \"v\" FROM m").columns == [.init(function: .distinct, field: "v", name: "distinct")])
        #expect(
            try InfluxQLParser.parse(
                "SHOW TAG KEYS WHERE a = 'b' LIMIT 1 OFFSET 2; SHOW FIELD KEYS FROM m LIMIT 3; SHOW MEASUREMENTS WHERE a = 'b'", now: Self.now) == [
                    .showTagKeys(measurement: nil, where: .condition(.init(key: "a", operator: .equals, value: "b")), limit: 1, offset: 2),
                    .showFieldKeys(measurement: "m", limit: 3, offset: 0),
                    .showMeasurements(nil, where: .condition(.init(key: "a", operator: .equals, value: "b")), limit: nil, offset: 0),
                ])
        #expect(
            try Self.select("SELECT derivative(v) FROM m").columns == [
                .init(aggregate: nil, field: "v", name: "derivative", transform: .derivative(unit: 1_000_000_000, nonNegative: false))
            ])
        #expect(
            try Self.select("SELECT elapsed(v) FROM m").columns == [.init(aggregate: nil, field: "v", name: "elapsed", transform: .elapsed(unit: 1))])
    }

    @Test func seriesStatementsAndDeletes() throws {
        let statements = try InfluxQLParser.parse(
            """
            SHOW SERIES ON plant FROM m WHERE machine = 'a' LIMIT 2 OFFSET 1; SHOW MEASUREMENTS ON plant;
            SHOW TAG VALUES EXACT CARDINALITY FROM m WITH KEY = "machine"; DROP SERIES FROM m WHERE machine = 'b';
            DELETE FROM m WHERE line = 'L1' AND time < '2024-01-01T00:00:00Z'; DELETE WHERE time >= 5
            """, now: Self.now)
        let machineA = InfluxQLTagPredicate.condition(.init(key: "machine", operator: .equals, value: "a"))
        #expect(
            statements == [
                .onDatabase("plant", .showSeries(measurement: "m", where: machineA, limit: 2, offset: 1)),
                .onDatabase("plant", .showMeasurements(nil, limit: nil, offset: 0)),
                .showTagValuesCardinality(measurement: "m", keys: .equals(["machine"]), where: nil),
                .delete(measurement: "m", where: .condition(.init(key: "machine", operator: .equals, value: "b")), from: nil, to: nil),
                .delete(
                    measurement: "m", where: .condition(.init(key: "line", operator: .equals, value: "L1")), from: nil, to: 1_704_067_200_000_000_000),
                .delete(measurement: nil, where: nil, from: 5, to: nil),
            ])
        #expect(statements.map(\.deletesData) == [false, false, false, true, true, true])
    }

    @Test(arguments: [
        ("SELEKT v FROM m", "error parsing query: found SELEKT, expected SELECT, SHOW, CREATE DATABASE, DROP SERIES or DELETE at offset 0"),
        ("SELECT v FROM m WHERE machine = 'a", "error parsing query: unterminated string starting at offset 32"),
        ("SELECT v FROM", "error parsing query: found end of query, expected an identifier at offset 13"),
        ("SELECT v FROM m LIMIT x", "error parsing query: found x, expected a whole number at offset 22"),
        (
            "SELECT holt_winters(v) FROM m",
            "not supported by histd: the function holt_winters(); histd runs bottom, count, cumulative_sum, derivative, difference, distinct, elapsed, first, integral, last, max, mean, median, min, mode, moving_average, non_negative_derivative, non_negative_difference, percentile, spread, stddev, sum, top"
        ),
        ("SELECT mean(v), w FROM m", "mixing aggregate and non-aggregate queries is not supported"),
        ("SELECT cumulative_sum(v), v FROM m", "mixing aggregate and non-aggregate queries is not supported"),
        (
            "SELECT v FROM m WHERE v > w",
            "not supported by histd: the condition v > w: histd compares tags with 'value' or /regex/, fields with numbers and booleans"
        ),
        ("SELECT v FROM m WHERE v =~ 3", "not supported by histd: the condition v =~ 3: regular expressions compare tags"),
        ("SELECT distinct(v), mean(v) FROM m", "aggregate function distinct() cannot be combined with other functions or fields"),
        (
            "SELECT top(v, 2), mean(w) FROM m",
            "not supported by histd: top() together with other functions, * or arithmetic; name the fields and tags to show beside it"
        ),
        ("SELECT top(v, 0) FROM m", "limit (0) in top function must be at least 1"),
        ("SELECT moving_average(v, 1) FROM m", "moving_average window must be greater than 1"),
        ("SELECT integral(v, 0s) FROM m", "error parsing query: found 0s, expected a duration such as 1s at offset 19"),
        ("SELECT mean(v) FROM m WHERE time > 0 GROUP BY time(1h) tz('Nowhere/City')", "error parsing query: unable to find time zone Nowhere/City"),
        ("SELECT v FROM m INTO n", "not supported by histd: INTO"),
        ("SELECT v FROM m SLIMIT 1 LIMIT 2", "error parsing query: found LIMIT, expected ';' or the end of the query at offset 25"),
        ("DROP MEASUREMENT m", "not supported by histd: DROP statements other than DROP SERIES; histd's admin API is /api/v1/admin"),
        ("DROP SERIES", "error parsing query: found end of query, expected FROM or WHERE at offset 11"),
        ("DROP SERIES FROM m WHERE time > 0", "DROP SERIES doesn't support time in WHERE clause"),
        ("DELETE FROM m WHERE v > 3", "fields not supported in WHERE clause during deletion"),
        ("SELECT v * (2 + FROM m", "error parsing query: found FROM, expected an identifier at offset 16"),
        ("  ;  ", "error parsing query: empty query"),
    ])
    func refusals(query: String, message: String) {
        #expect(throws: InfluxQLError.self) { try InfluxQLParser.parse(query, now: Self.now) }
        do {
            _ = try InfluxQLParser.parse(query, now: Self.now)
        } catch {
            #expect(error.message == message)
        }
    }
}
