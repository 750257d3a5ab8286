import Foundation
import TestSupport
import Testing

@testable import Server

/// `/query` over real HTTP against the real server, on data written through `/write`.
@Suite struct InfluxQLRoutesTests {
    /// Database plant: machines a and b, v = second (a) and 1000 + second (b) for 10 minutes from
    /// 2024-01-01T00:00:00Z, and w = 2 x second on machine a every other second. Database other: one series.
    static func load(_ client: HTTPTestClient) async throws {
        var text = ""
        for second in 0..<600 {
            text += "m,machine=a,line=L1 v=\(second) \(1_704_067_200 + second)\n"
            text += "m,machine=b,line=L1 v=\(1_000 + second) \(1_704_067_200 + second)\n"
            if second % 2 == 0 { text += "m,machine=a,line=L1 w=\(2 * second)i \(1_704_067_200 + second)\n" }
        }
        let written = try await client.post("/write?db=plant&precision=s", text: text)
        #expect(written.status == 204, "\(written.text)")
        let other = try await client.post("/write?db=other&precision=s", text: "elsewhere,site=x temp=1 1704067200\n")
        #expect(other.status == 204, "\(other.text)")
    }

    static func query(_ client: HTTPTestClient, _ query: String, database: String? = "plant", epoch: String? = "s") async throws -> [[String: Any]] {
        var target = "/query?q=" + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        if let database { target += "&db=\(database)" }
        if let epoch { target += "&epoch=\(epoch)" }
        let response = try await client.get(target)
        #expect(response.status == 200, "\(response.text)")
        return try response.json()["results"] as? [[String: Any]] ?? []
    }

    /// The series of the only statement.
    static func series(_ client: HTTPTestClient, _ text: String, epoch: String? = "s") async throws -> [[String: Any]] {
        let results = try await query(client, text, epoch: epoch)
        #expect(results.count == 1)
        #expect(results.first?["error"] == nil, "\(results)")
        return results.first?["series"] as? [[String: Any]] ?? []
    }

    static func rows(_ series: [String: Any]?) -> [[Any]] { series?["values"] as? [[Any]] ?? [] }

    static let range = "time >= '2024-01-01T00:00:00Z' AND time < '2024-01-01T00:10:00Z'"
    static let start = 1_704_067_200

    @Test func schemaExploration() async throws {
        try await TestServer.with { client, _ in
            try await Self.load(client)
            let created = try await client.post("/query?q=CREATE+DATABASE+%22telegraf%22", text: "")
            #expect(created.status == 200)
            #expect(created.text == #"{"results":[{"statement_id":0}]}"#)
            let databases = try await Self.series(client, "SHOW DATABASES")
            #expect(Self.rows(databases.first) as? [[String]] == [["other"], ["plant"]])
            let measurements = try await Self.series(client, "SHOW MEASUREMENTS")
            #expect(Self.rows(measurements.first) as? [[String]] == [["m"]])
            let tagKeys = try await Self.series(client, "SHOW TAG KEYS FROM \"m\"")
            #expect(tagKeys.first?["name"] as? String == "m")
            #expect(Self.rows(tagKeys.first) as? [[String]] == [["line"], ["machine"]])
            let tagValues = try await Self.series(client, "SHOW TAG VALUES FROM m WITH KEY = \"machine\"")
            #expect(Self.rows(tagValues.first) as? [[String]] == [["machine", "a"], ["machine", "b"]])
            let narrowed = try await Self.series(client, "SHOW TAG VALUES FROM m WITH KEY =~ /mach/ WHERE \"machine\" != 'a'")
            #expect(Self.rows(narrowed.first) as? [[String]] == [["machine", "b"]])
            let fields = try await Self.series(client, "SHOW FIELD KEYS FROM m")
            #expect(Self.rows(fields.first) as? [[String]] == [["v", "float"], ["w", "integer"]])
            let policies = try await Self.series(client, "SHOW RETENTION POLICIES ON plant")
            #expect((Self.rows(policies.first).first?[0] as? String) == "autogen")
        }
    }

    @Test func aggregatesPerIntervalAndTag() async throws {
        try await TestServer.with { client, _ in
            try await Self.load(client)
            let series = try await Self.series(
                client, "SELECT mean(\"v\"), count(v), max(v) AS top FROM m WHERE \(Self.range) GROUP BY time(1m), \"machine\" fill(null)")
            #expect(series.count == 2)
            #expect(series.map { ($0["tags"] as? [String: String]) ?? [:] } == [["machine": "a"], ["machine": "b"]])
            #expect(series.first?["columns"] as? [String] == ["time", "mean", "count", "top"])
            let rowsB = Self.rows(series.last)
            #expect(rowsB.count == 10)
            for (minute, row) in rowsB.enumerated() {
                #expect(row[0] as? Int == Self.start + 60 * minute)
                #expect(row[1] as? Double == Double(1_000 + 60 * minute) + 29.5)
                #expect(row[2] as? Int == 60)
                #expect(row[3] as? Double == Double(1_000 + 60 * minute + 59))
            }
            // Without GROUP BY machine the two machines answer as one series; RFC 3339 times without epoch.
            let merged = try await Self.series(client, "SELECT mean(v) FROM m WHERE \(Self.range) GROUP BY time(5m)", epoch: nil)
            #expect(merged.count == 1)
            #expect(merged.first?["tags"] == nil)
            let rows = Self.rows(merged.first)
            #expect(rows.map { $0[0] as? String } == ["2024-01-01T00:00:00Z", "2024-01-01T00:05:00Z"])
            #expect(rows.first?[1] as? Double == (149.5 + 1_149.5) / 2)
        }
    }

    /// Intervals start at multiples of the interval; the first holds only samples from the lower bound on.
    @Test func intervalsAlignToTheEpochAndFill() async throws {
        try await TestServer.with { client, _ in
            try await Self.load(client)
            let bounded = "machine = 'a' AND time >= '2024-01-01T00:00:30Z' AND time < '2024-01-01T00:12:00Z'"
            let null = Self.rows(try await Self.series(client, "SELECT mean(v), count(v) FROM m WHERE \(bounded) GROUP BY time(1m)").first)
            #expect(null.count == 12)
            #expect(null[0][0] as? Int == Self.start)
            #expect(null[0][1] as? Double == 44.5)
            #expect(null[0][2] as? Int == 30)
            #expect(null[10][1] is NSNull)
            #expect(null[10][2] as? Int == 0)
            let none = Self.rows(try await Self.series(client, "SELECT mean(v) FROM m WHERE \(bounded) GROUP BY time(1m) fill(none)").first)
            #expect(none.count == 10)
            let previous = Self.rows(try await Self.series(client, "SELECT mean(v) FROM m WHERE \(bounded) GROUP BY time(1m) fill(previous)").first)
            #expect(previous[11][1] as? Double == 569.5)
            let number = Self.rows(
                try await Self.series(client, "SELECT mean(v) FROM m WHERE \(bounded) GROUP BY time(1m) fill(-1) ORDER BY time DESC LIMIT 3").first)
            #expect(number.map { $0[1] as? Double } == [-1, -1, 569.5])
            #expect(number.first?[0] as? Int == Self.start + 660)
        }
    }

    /// first and last across series pick by time, the larger value of equal times; a lone selector
    /// without GROUP BY time() answers with its sample's time.
    @Test func selectorsAcrossSeries() async throws {
        try await TestServer.with { client, _ in
            try await Self.load(client)
            let first = Self.rows(try await Self.series(client, "SELECT first(v) FROM m WHERE \(Self.range)").first)
            #expect(first.first?[0] as? Int == Self.start)
            #expect(first.first?[1] as? Double == 1_000)
            let max = Self.rows(try await Self.series(client, "SELECT max(v) FROM m WHERE machine = 'a'").first)
            #expect(max.first?[0] as? Int == Self.start + 599)
            #expect(max.first?[1] as? Double == 599)
            let perInterval = Self.rows(
                try await Self.series(
                    client, "SELECT first(v), last(v) FROM m WHERE time >= '2024-01-01T00:00:30Z' AND \(Self.range) GROUP BY time(5m)"
                ).first)
            #expect(perInterval.count == 2)
            #expect(perInterval[0][0] as? Int == Self.start)
            #expect(perInterval[0][1] as? Double == 1_030)
            #expect(perInterval[0][2] as? Double == 1_299)
            #expect(perInterval[1][2] as? Double == 1_599)
        }
    }

    /// derivative() and difference() of an aggregate: machine a's v rises by 60 a minute; the
    /// interval before the lower bound is the first one's predecessor, and gaps are spanned.
    @Test func derivativesAndDifferences() async throws {
        try await TestServer.with { client, _ in
            try await Self.load(client)
            let bounded = "machine = 'a' AND time >= '2024-01-01T00:01:00Z' AND time < '2024-01-01T00:12:00Z'"
            let rate = Self.rows(
                try await Self.series(client, "SELECT derivative(mean(v), 1s), difference(max(v)) FROM m WHERE \(bounded) GROUP BY time(1m)").first)
            // Transformations alone answer only the intervals where they are defined.
            #expect(rate.count == 9)
            #expect(rate.first?[0] as? Int == Self.start + 60)
            #expect(rate.first?[1] as? Double == 1)
            #expect(rate.first?[2] as? Double == 60)
            let mixed = Self.rows(
                try await Self.series(client, "SELECT derivative(mean(v), 1s), count(v) FROM m WHERE \(bounded) GROUP BY time(1m)").first)
            #expect(mixed.count == 11)
            #expect(mixed[9][1] is NSNull)
            #expect(mixed[9][2] as? Int == 0)
            let alone = Self.rows(
                try await Self.series(client, "SELECT non_negative_difference(last(v)) FROM m WHERE \(bounded) GROUP BY time(1m) fill(0)").first)
            // fill(0) makes the empty minutes 0: 599 -> 0 is negative and dropped, 0 -> 0 is kept.
            #expect(alone.map { $0[1] as? Double } == Array(repeating: 60, count: 9) + [0])
            let descending = Self.rows(
                try await Self.series(client, "SELECT derivative(mean(v)) FROM m WHERE \(bounded) GROUP BY time(1m) ORDER BY time DESC LIMIT 2").first
            )
            #expect(descending.map { $0[1] as? Double } == [-60, -60])
        }
    }

    /// spread, median and percentile per interval; a lone percentile answers with its sample's time.
    @Test func rankedStatistics() async throws {
        try await TestServer.with { client, _ in
            try await Self.load(client)
            let rows = Self.rows(
                try await Self.series(
                    client,
                    "SELECT spread(v), median(v), percentile(v, 90), percentile(w, 50) FROM m WHERE machine = 'a' AND \(Self.range) GROUP BY time(1m)"
                ).first)
            #expect(rows.count == 10)
            for (minute, row) in rows.enumerated() {
                #expect(row[1] as? Double == 59)
                #expect(row[2] as? Double == Double(60 * minute) + 29.5)
                // Nearest rank of 60 values: index floor(60 x 0.9 + 0.5) - 1 = 53; of w's 30 even seconds: 14.
                #expect(row[3] as? Double == Double(60 * minute + 53))
                #expect(row[4] as? Double == Double(2 * (60 * minute + 28)))
            }
            let columns = try await Self.series(client, "SELECT percentile(v, 10), percentile(v, 20) FROM m WHERE \(Self.range) GROUP BY time(10m)")
            #expect(columns.first?["columns"] as? [String] == ["time", "percentile", "percentile_1"])
            let lone = Self.rows(try await Self.series(client, "SELECT percentile(v, 100) FROM m WHERE machine = 'b'").first)
            #expect(lone.first?[0] as? Int == Self.start + 599)
            #expect(lone.first?[1] as? Double == 1_599)
        }
    }

    @Test func rawRowsJoinFieldsOnTime() async throws {
        try await TestServer.with { client, _ in
            try await Self.load(client)
            let rows = Self.rows(try await Self.series(client, "SELECT v, w FROM m WHERE machine = 'a' AND \(Self.range) LIMIT 3").first)
            #expect(rows.count == 3)
            #expect(rows[0][0] as? Int == Self.start)
            #expect(rows[0][1] as? Double == 0)
            #expect(rows[0][2] as? Int == 0)
            #expect(rows[1][1] as? Double == 1)
            #expect(rows[1][2] is NSNull)
            #expect(rows[2][2] as? Int == 4)
            let either = try await Self.series(
                client, "SELECT count(v) FROM m WHERE (machine = 'a' OR machine = 'b') AND line = 'L1' AND \(Self.range) GROUP BY machine")
            #expect(either.count == 2)
            let neither = try await Self.series(client, "SELECT count(v) FROM m WHERE (machine = 'a' AND line = 'L2') OR machine = 'c'")
            #expect(neither.isEmpty)
            let interleaved = Self.rows(try await Self.series(client, "SELECT v FROM m WHERE \(Self.range) ORDER BY time DESC LIMIT 2").first)
            #expect(interleaved.map { $0[1] as? Double } == [1_599, 599])
            // `*` and named tags show the tags as columns, like InfluxDB; RFC 3339 times take the writer's slow path.
            let star = try await Self.series(client, "SELECT * FROM m WHERE machine = 'a' AND \(Self.range) LIMIT 2")
            #expect(star.first?["columns"] as? [String] == ["time", "line", "machine", "v", "w"])
            #expect(Self.rows(star.first).map { $0.dropFirst().map { "\($0)" } } == [["L1", "a", "0", "0"], ["L1", "a", "1", "<null>"]])
            let named = try await Self.series(client, "SELECT v, \"machine\" FROM m WHERE \(Self.range) ORDER BY time DESC LIMIT 2", epoch: nil)
            #expect(
                Self.rows(named.first).map { $0.map { "\($0)" } } == [["2024-01-01T00:09:59Z", "1599", "b"], ["2024-01-01T00:09:59Z", "599", "a"]])
            let byTag = try await Self.series(client, "SELECT * FROM m WHERE machine =~ /a|b/ AND \(Self.range) GROUP BY *")
            #expect(byTag.count == 2)
            #expect(byTag.first?["columns"] as? [String] == ["time", "v", "w"])
            // Machine b has no w: its column is there all the same, null in every row, as in InfluxDB.
            #expect(byTag.last?["columns"] as? [String] == ["time", "v", "w"])
            #expect(Self.rows(byTag.last).allSatisfy { $0[2] is NSNull })
            #expect(Self.rows(byTag.last).count == 600)
        }
    }

    @Test func errorsAreNamed() async throws {
        try await TestServer.with { client, _ in
            try await Self.load(client)
            let parse = try await client.get("/query?db=plant&q=SELECT+FROM+m")
            #expect(parse.status == 400)
            #expect(try parse.json()["error"] as? String == "error parsing query: found FROM, expected an identifier at offset 7")
            let missing = try await client.get("/query?db=plant")
            #expect(missing.status == 400)
            #expect(try missing.json()["error"] as? String == "missing required parameter \"q\"")
            let epoch = try await client.get("/query?db=plant&epoch=days&q=SHOW+DATABASES")
            #expect(epoch.status == 400)
            #expect(try epoch.json()["error"] as? String == "epoch 'days' is not one of ns, u, ms, s, m, h")
            let results = try await Self.query(client, "SELECT mean(v) FROM m GROUP BY time(1m); SHOW DATABASES")
            #expect(results.count == 2)
            #expect(results[0]["error"] as? String == "GROUP BY time() needs a lower time bound in WHERE, such as time > now() - 1h")
            #expect(results[1]["series"] != nil)
        }
    }

    @Test func pointsLimit() async throws {
        try await TestServer.with({ $0.limits.maxQueryPoints = 500 }) { client, _ in
            try await Self.load(client)
            let results = try await Self.query(
                client,
                "SELECT v FROM m WHERE machine = 'a' AND \(Self.range); SELECT mean(v) FROM m WHERE \(Self.range) GROUP BY time(1s); SELECT v FROM m WHERE machine = 'a' AND time < '2024-01-01T00:01:00Z'"
            )
            let refusal =
                "the query would return more points than the server's limit of 500; narrow the time range, select fewer series or use a longer GROUP BY time()"
            #expect(results.map { $0["error"] as? String } == [refusal, refusal, nil])
            #expect(Self.rows((results.last?["series"] as? [[String: Any]])?.first).count == 60)

            // The limit holds for the request: statements of 240 points each, five times over.
            let each = "SELECT v FROM m WHERE machine = 'a' AND time < '2024-01-01T00:04:00Z'"
            let many = try await Self.query(client, Array(repeating: each, count: 5).joined(separator: "; "))
            #expect(many.map { $0["series"] != nil } == [true, true, false, false, false])
            let spent =
                "the query would return more points than the 20 left of the server's limit of 500 for all statements of this request; "
                + "send fewer statements per request, or narrow the time range, select fewer series or use a longer GROUP BY time()"
            #expect(many.dropFirst(2).map { $0["error"] as? String } == [spent, spent, spent])
        }
    }

    /// Messages that say what is wrong: an exponent, and a time beyond the range of ns since 1970.
    @Test func clearMessagesForNumbersAndTimesOutOfRange() async throws {
        try await TestServer.with { client, _ in
            try await Self.load(client)
            let exponent = try await client.get(
                "/query?db=plant&q=" + ("SELECT percentile(v, 1e308) FROM m".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            #expect(exponent.status == 400)
            #expect(exponent.text.contains("'1e308' at offset 21 is neither a number"), "\(exponent.text)")
            let late = try await client.get(
                "/query?db=plant&q="
                    + ("SELECT v FROM m WHERE time > '9999-12-31T23:59:59Z'".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            #expect(late.status == 400)
            #expect(
                try late.json()["error"] as? String
                    == "'9999-12-31T23:59:59Z' is outside the times histd can store (1677-09-21T00:12:43.145224192Z to 2262-04-11T23:47:16.854775806Z)"
            )
        }
    }

    /// Statements with extreme and random bounds, intervals and fills: every one is answered (200 or
    /// 400) and the server stays up.
    @Test func extremeStatementsAreAnswered() async throws {
        try await TestServer.with({ $0.limits.maxQueryPoints = 20_000 }) { client, _ in
            try await Self.load(client)
            var generator = SplitMix64(seed: 5)
            func pick(_ choices: [String]) -> String { choices[Int(generator.next() % UInt64(choices.count))] }
            let times = [
                "0", "1704067200000000000", "9223372036854775806", "'1677-09-21T00:12:44Z'", "'2262-04-11T23:47:16Z'",
                "now() - 300000d", "now() - 100000d", "now() + 1000w", "1704067500000ms", "1u", "'2024-01-01T00:05:00.5Z'",
            ]
            let durations = ["1ns", "1u", "1s", "1m", "7d", "100000d", "5000w"]
            let aggregates = ["mean", "count", "first", "last", "min", "max", "sum", "stddev", "spread", "median"]
            for _ in 0..<300 {
                let statement: String
                switch generator.next() % 4 {
                case 0:
                    statement =
                        "SELECT \(pick(aggregates))(v) FROM m WHERE time >= \(pick(times)) AND time < \(pick(times)) GROUP BY time(\(pick(durations)))\(pick(["", ", machine", ", *"])) fill(\(pick(["null", "none", "previous", "-7"])))\(pick(["", " ORDER BY time DESC", " LIMIT 3"]))"
                case 1:
                    statement =
                        "SELECT \(pick(["derivative", "non_negative_difference"]))(\(pick(aggregates))(v)\(pick(["", ", 1ns", ", 5000w"]))) FROM m WHERE time > \(pick(times)) GROUP BY time(\(pick(durations)))"
                case 2:
                    statement =
                        "SELECT \(pick(["v, w", "*", "w, machine"])) FROM m WHERE time >= \(pick(times)) AND time <= \(pick(times))\(pick(["", " LIMIT 2", " ORDER BY time DESC LIMIT 1"]))"
                default:
                    statement =
                        "SELECT \(pick(aggregates + ["percentile"]))(v\(pick(["", ", 0", ", 50", ", 100"]))) FROM m WHERE time < \(pick(times))\(pick(["", " GROUP BY line"]))"
                }
                let response = try await client.get(
                    "/query?db=plant&epoch=\(pick(["ns", "s", "h"]))&q="
                        + (statement.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                #expect(response.status == 200 || response.status == 400, "\(statement): \(response.status) \(response.text)")
            }
            #expect(try await client.get("/health").status == 200)
        }
    }

    /// Grafana's POST mode sends the parameters as a form body.
    @Test func formBody() async throws {
        try await TestServer.with { client, _ in
            try await Self.load(client)
            let body =
                "db=plant&epoch=s&q="
                + ("SELECT last(v) FROM m WHERE machine = 'b' AND \(Self.range)".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            let response = try await client.post("/query", text: body, headers: ["Content-Type": "application/x-www-form-urlencoded"])
            #expect(response.status == 200, "\(response.text)")
            let series = try response.json()["results"] as? [[String: Any]]
            let row = Self.rows((series?.first?["series"] as? [[String: Any]])?.first).first
            #expect(row?[0] as? Int == Self.start + 599)
            #expect(row?[1] as? Double == 1_599)
            #expect(InfluxQLRoutes.formFields("q=a+b%3Dc&db=") == ["q": "a b=c", "db": ""])
        }
    }
}
