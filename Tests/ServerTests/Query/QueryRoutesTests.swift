import Foundation
import Historian
import Testing

@testable import Server

@Suite struct QueryRoutesTests {
    /// Two machines, one sample per second for 10 minutes: v = second for machine a, 1000 + second for b.
    static func load(_ client: HTTPTestClient) async throws {
        var text = ""
        for second in 0..<600 {
            text += "m,machine=a v=\(second) \(1_704_067_200 + second)\n"
            text += "m,machine=b v=\(1_000 + second) \(1_704_067_200 + second)\n"
        }
        let response = try await client.post("/write?precision=s", text: text)
        #expect(response.status == 204, "\(response.text)")
    }

    static func series(_ client: HTTPTestClient, _ query: String) async throws -> [[String: Any]] {
        let response = try await client.get("/api/v1/query?" + query)
        #expect(response.status == 200, "\(response.text)")
        return try response.json()["series"] as? [[String: Any]] ?? []
    }

    static let range = "from=2024-01-01T00:00:00Z&to=2024-01-01T00:10:00Z"

    @Test func rollupPerSeriesAndGrouped() async throws {
        try await TestServer.with { client, _ in
            try await Self.load(client)
            let perSeries = try await Self.series(client, "measurement=m&field=v&\(Self.range)&every=1m&agg=mean,max,count")
            #expect(perSeries.count == 2)
            let rowsA = try #require(perSeries.first { ($0["tags"] as? [String: String])?["machine"] == "a" }?["values"] as? [[Any]])
            #expect(try #require(perSeries.first?["columns"] as? [String]) == ["time", "count", "mean", "max"])
            #expect(rowsA.count == 10)
            // Minute k holds seconds 60k ... 60k+59: mean 60k + 29.5, max 60k + 59.
            for (minute, row) in rowsA.enumerated() {
                #expect(row[1] as? Int == 60)
                #expect(row[2] as? Double == Double(60 * minute) + 29.5)
                #expect(row[3] as? Double == Double(60 * minute + 59))
            }
            let merged = try await Self.series(client, "measurement=m&field=v&\(Self.range)&every=10m&agg=count,sum,min,max,mean,stddev&group_by=all")
            #expect(merged.count == 1)
            let row = try #require((merged[0]["values"] as? [[Any]])?.first)
            let all = (0..<600).map(Double.init) + (0..<600).map { 1_000 + Double($0) }
            let mean = all.reduce(0, +) / 1_200
            let variance = all.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 1_199
            #expect(row[1] as? Int == 1_200)
            #expect(row[2] as? Double == all.reduce(0, +))
            #expect(row[3] as? Double == 0)
            #expect(row[4] as? Double == 1_599)
            #expect(row[5] as? Double == mean)
            let stddev = try #require(row[6] as? Double)
            #expect(abs(stddev - variance.squareRoot()) < 1e-9 * variance.squareRoot())
            let byMachine = try await Self.series(client, "measurement=m&field=v&\(Self.range)&every=10m&agg=max&group_by=machine")
            #expect(byMachine.compactMap { ($0["tags"] as? [String: String])?["machine"] }.sorted() == ["a", "b"])
            // first, last and twa merge exactly across series: at equal times first and last take the
            // larger value (machine b's); twa (linear for floats: each second averages s + 0.5, the
            // last sample holds its value to the end) is the two series' area over their 120 s.
            let across = try await Self.series(client, "measurement=m&field=v&\(Self.range)&every=1m&agg=first,last,twa,integral&group_by=all")
            let acrossRows = try #require(across.first?["values"] as? [[Any]])
            #expect(try #require(across.first?["columns"] as? [String]) == ["time", "count", "first", "last", "twa", "integral"])
            #expect(acrossRows.count == 10)
            for (minute, row) in acrossRows.enumerated() {
                let start = Double(60 * minute)
                var areaA = 0.0
                for second in 0..<60 {
                    let holdsToTheEnd = minute == 9 && second == 59
                    areaA += start + Double(second) + (holdsToTheEnd ? 0 : 0.5)
                }
                let averageA = areaA / 60
                #expect(row[1] as? Int == 120)
                #expect(row[2] as? Double == 1_000 + start)
                #expect(row[3] as? Double == 1_000 + start + 59)
                let twa = try #require(row[4] as? Double)
                let integral = try #require(row[5] as? Double)
                #expect(abs(twa - (averageA + 500)) < 1e-9 * twa, "minute \(minute): \(twa)")
                #expect(abs(integral - (averageA * 60 + (averageA + 1_000) * 60)) < 1e-9 * integral, "minute \(minute): \(integral)")
            }
        }
    }

    @Test func latestInterpolateAndPlot() async throws {
        try await TestServer.with { client, _ in
            try await Self.load(client)
            let latest = try await Self.series(client, "measurement=m&tag=machine=a&field=v&mode=latest")
            let latestRow = try #require((latest.first?["values"] as? [[Any]])?.first)
            #expect(latestRow[1] as? Double == 599)
            let interpolated = try await Self.series(client, "measurement=m&tag=machine=a&field=v&from=1704067200500ms&to=1704067203s&step=1s")
            let values = try #require(interpolated.first?["values"] as? [[Any]])
            // Linear between 0 and 1 at +0.5 s, then 1.5, 2.5.
            #expect(values.map { $0[1] as? Double } == [0.5, 1.5, 2.5])
            let plot = try await Self.series(client, "measurement=m&tag=machine=b&field=v&\(Self.range)&points=10")
            let points = try #require(plot.first?["values"] as? [[Any]])
            #expect(points.count <= 40)
            #expect(points.first?[1] as? Double == 1_000)
            #expect(points.last?[1] as? Double == 1_599)
        }
    }

    @Test func timesInEveryForm() async throws {
        try await TestServer.with { client, _ in
            try await Self.load(client)
            for range in [
                "from=1704067200000000000&to=1704067260000000000", "from=1704067200s&to=1704067260s",
                "from=2024-01-01T00:00:00Z&to=2024-01-01T00:01:00Z", "from=1704067200000ms&to=1704067260000ms",
            ] {
                let rows = try await Self.series(client, "measurement=m&tag=machine=a&field=v&\(range)").first?["values"] as? [[Any]]
                #expect(rows?.count == 60, "\(range)")
            }
            let relative = try await Self.series(client, "measurement=m&tag=machine=a&field=v&from=now-1h")
            #expect((relative.first?["values"] as? [[Any]])?.isEmpty == true)
            let rfc = try await Self.series(client, "measurement=m&tag=machine=a&field=v&from=1704067200s&to=1704067201s&time_format=rfc3339")
            #expect((rfc.first?["values"] as? [[Any]])?.first?[0] as? String == "2024-01-01T00:00:00Z")
        }
    }

    @Test func badParametersAndOversizedQueriesAreRefused() async throws {
        try await TestServer.with({ $0.limits.maxQueryPoints = 100 }) { client, _ in
            try await Self.load(client)
            for (query, word) in [
                ("field=v&\(Self.range)", "measurement"), ("measurement=m&field=v", "from"),
                ("measurement=m&from=yesterday", "from"), ("measurement=m&\(Self.range)&every=1m&agg=median", "agg"),
                ("measurement=m&\(Self.range)&every=soon", "every"), ("measurement=m&tag=machine=~[&\(Self.range)", "invalid regular expression"),
            ] {
                let response = try await client.get("/api/v1/query?" + query)
                #expect(response.status == 400, "\(query)")
                #expect((try response.json()["error"] as? String)?.contains(word) == true, "\(query): \(response.text)")
            }
            let large = try await client.get("/api/v1/query?measurement=m&field=v&\(Self.range)")
            #expect(large.status == 422)
            #expect(large.text.contains("limit of 100"))
            let small = try await client.get("/api/v1/query?measurement=m&tag=machine=a&field=v&from=1704067200s&to=1704067230s")
            #expect(small.status == 200)
        }
    }

    /// Raw rows are [time, value] while every row of the series is good, and carry a quality
    /// column when one is not; values read back exactly on both paths of the JSON writer.
    @Test func rawRowsCarryQualityOnlyWhereNeeded() async throws {
        let directory = NSTemporaryDirectory() + "histd-quality-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let values = [0.1 + 0.2, 1e-300, 70.7, -2.5e-7, 123_456_789.125, 1.549230552112739, 42]
        do {
            let historian = try Historian(directory: directory)
            let ids = try historian.register([
                (SeriesKey(measurement: "m", field: "clean"), .float), (SeriesKey(measurement: "m", field: "mixed"), .float),
            ]).map(\.id)
            try historian.write(values.enumerated().map { (ids[0], Sample(timestamp: Int64($0.offset), value: .float($0.element))) })
            try historian.write([
                (ids[1], Sample(timestamp: 1, value: .float(1.5))),
                (ids[1], Sample(timestamp: 2, value: .float(2.5), quality: .uncertain)),
            ])
        }
        try await TestServer.with(dataDirectory: directory) { client, _ in
            let series = try await Self.series(client, "measurement=m&from=0&to=100")
            let byField = Dictionary(uniqueKeysWithValues: series.map { ($0["field"] as? String ?? "", $0) })
            #expect(byField["clean"]?["columns"] as? [String] == ["time", "value"])
            #expect((byField["clean"]?["values"] as? [[Any]])?.count == values.count)
            // Foundation's JSON parser rounds some 17-digit numbers; Swift's own parser reads the text exactly.
            let text = try await client.get("/api/v1/query?measurement=m&field=clean&from=0&to=100").text
            let rows = try #require(text.split(separator: "\"values\":[[").last).dropLast(5).split(separator: "],[")
            #expect(rows.map { row in row.split(separator: ",").last.flatMap { Double(String($0))?.bitPattern } } == values.map(\.bitPattern))
            #expect(byField["mixed"]?["columns"] as? [String] == ["time", "value", "quality"])
            let mixed = try #require(byField["mixed"]?["values"] as? [[Any]])
            #expect(mixed.map { $0[2] as? String } == ["good", "uncertain"])
            #expect(mixed.map { ($0[1] as? NSNumber)?.doubleValue } == [1.5, 2.5])
            // quality= keeps those rows; the column follows what is kept.
            let good = try await Self.series(client, "measurement=m&field=mixed&from=0&to=100&quality=good")
            #expect(good.first?["columns"] as? [String] == ["time", "value"])
            #expect((good.first?["values"] as? [[Any]])?.map { ($0[1] as? NSNumber)?.doubleValue } == [1.5])
            let uncertain = try await Self.series(client, "measurement=m&field=mixed&from=0&to=100&quality=uncertain")
            #expect(uncertain.first?["columns"] as? [String] == ["time", "value", "quality"])
            #expect((uncertain.first?["values"] as? [[Any]])?.map { $0[2] as? String } == ["uncertain"])
        }
    }

    /// Answers of 20,000 points and more over several series are built in parallel, one buffer per
    /// series; they must equal what one series at a time gives.
    @Test func largeRawAnswersOverSeveralSeriesAreCompleteAndInOrder() async throws {
        try await TestServer.with { client, _ in
            var text = ""
            for second in 0..<8_000 {
                text += "big,machine=a x=\(Double(second) / 4),y=\(second)i,z=\(Double(second) * 1e-3 + 0.1) \(1_704_067_200 + second)\n"
            }
            let written = try await client.post("/write?precision=s", text: text)
            #expect(written.status == 204)
            let range = "from=1704067200s&to=1704075200s"
            let together = try await client.get("/api/v1/query?measurement=big&\(range)")
            #expect(together.status == 200)
            var separately: [String] = []
            for field in ["x", "y", "z"] {
                let one = try await client.get("/api/v1/query?measurement=big&field=\(field)&\(range)").text
                separately.append(String(one.dropFirst("{\"series\":[".count).dropLast(2)))
            }
            let series = try #require(try together.json()["series"] as? [[String: Any]])
            #expect(series.map { $0["field"] as? String } == ["x", "y", "z"])
            #expect(series.map { ($0["values"] as? [[Any]])?.count } == [8_000, 8_000, 8_000])
            #expect(together.text == "{\"series\":[" + separately.joined(separator: ",") + "]}")
            // 4,000 rows are formatted in one piece, 8,000 in pieces on several threads: same rows.
            func rows(_ text: String) -> [Substring] {
                text.split(separator: "\"values\":[[").last.map { $0.dropLast(5).split(separator: "],[") } ?? []
            }
            let short = try await client.get("/api/v1/query?measurement=big&field=x&from=1704067200s&to=1704071200s").text
            #expect(rows(short).count == 4_000)
            #expect(Array(rows(separately[0] + "]}").prefix(4_000)) == rows(short))
        }
    }
}
