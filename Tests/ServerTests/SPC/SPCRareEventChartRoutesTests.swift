import Foundation
import SPC
import Testing

/// `GET /api/v1/spc/chart` with the Laney, g, t and Z-MR chart types on data written through `/write`.
/// Reference values: numpy and scipy, Tests/SPCTests/Support/References/rare_event_laney_short_run.py.
@Suite struct SPCRareEventChartRoutesTests {
    static let start = SPCChartRoutesTests.start

    static func close(_ actual: Any?, _ expected: Double, relative: Double) -> Bool {
        guard let actual = (actual as? NSNumber)?.doubleValue else { return false }
        return abs(actual - expected) <= relative * abs(expected)
    }

    /// One sample per `seconds`, starting at `start`.
    static func lines(_ measurement: String, _ values: [Double], every seconds: Int64 = 10) -> String {
        values.enumerated().map { "\(measurement)=\($1) \(start + Int64($0) * seconds)" }.joined(separator: "\n")
    }

    @Test func laneyChartsTakeCountsAsPAndUDo() async throws {
        // Defectives of 1,000 items per sample, over-dispersed.
        let counts: [Double] = [31, 18, 44, 25, 12, 38, 22, 29, 51, 16, 27, 35, 20, 41, 24]
        try await TestServer.with { client, _ in
            try await SPCChartRoutesTests.write(Self.lines("inspection,station=S1 defective", counts), client)
            let range = "measurement=inspection&field=defective&from=\(Self.start)s&to=\(Self.start + 200)s&sample_size=1000"
            let chart = try await SPCChartRoutesTests.object(client.get("/api/v1/spc/chart?" + range + "&type=laney-p&rules=we"))
            #expect(chart["type"] as? String == "laney-p")
            #expect(chart["sigma_z"] != nil)
            try SPCChartRoutesTests.expectSameAsModule(
                chart,
                ChartRequest(type: .laneyP, options: ChartOptions(rules: .westernElectric))
                    .analyze(.counts(counts, sizes: Array(repeating: 1000, count: counts.count))))
            let perUnit = try await SPCChartRoutesTests.object(client.get("/api/v1/spc/chart?" + range + "&type=laney-u"))
            try SPCChartRoutesTests.expectSameAsModule(
                perUnit, ChartRequest(type: .laneyU).analyze(.counts(counts, sizes: Array(repeating: 1000, count: counts.count))))
        }
    }

    @Test func gAndTChartsOfStoredCountsAndTimes() async throws {
        let counts: [Double] = [20, 8, 17, 6, 34, 10, 6, 11, 33, 55, 109, 21, 12, 4, 20, 23, 141, 24, 127, 9]
        let times = [
            38.22, 5.41, 34.2, 15.46, 33.75, 72.39, 8.73, 27.46, 30.43, 8.96, 8.09, 36.62, 19.63, 43.21, 13.52, 20.04, 35.85, 53.5, 19.99, 26.22,
        ]
        try await TestServer.with { client, _ in
            try await SPCChartRoutesTests.write(Self.lines("ward,unit=W1 patients_between", counts), client)
            try await SPCChartRoutesTests.write(Self.lines("pump,unit=P1 hours_between", times), client)
            let g = try await SPCChartRoutesTests.object(
                client.get("/api/v1/spc/chart?measurement=ward&from=\(Self.start)s&to=\(Self.start + 300)s&type=g"))
            #expect(Self.close(g["ucl"], 139.48928516758269, relative: 1e-12))
            #expect(g["beyond"] as? [Int] == [16])
            let t = try await SPCChartRoutesTests.object(
                client.get("/api/v1/spc/chart?measurement=pump&from=\(Self.start)s&to=\(Self.start + 300)s&type=t&distribution=weibull"))
            let fit = try #require(t["distribution"] as? [String: Any])
            #expect(fit["type"] as? String == "weibull")
            #expect(Self.close(fit["scale"], 31.078135075163164, relative: 1e-4))
            #expect(Self.close(t["ucl"], 90.585811093416226, relative: 1e-4))
            #expect(t["sigma_method"] as? String == "weibull")
            let wrong = try await client.get(
                "/api/v1/spc/chart?measurement=ward&from=\(Self.start)s&to=\(Self.start + 300)s&type=g&distribution=weibull")
            #expect(wrong.status == 400 && wrong.text.contains("distribution"), "\(wrong.text)")
            let unknown = try await client.get(
                "/api/v1/spc/chart?measurement=pump&from=\(Self.start)s&to=\(Self.start + 300)s&type=t&distribution=gamma")
            #expect(unknown.status == 400 && unknown.text.contains("distribution"), "\(unknown.text)")
        }
    }

    @Test func zmrTakesEachPartFromATag() async throws {
        let parts = "AABACBBCACBACBACBC".map(String.init)
        let values = [10.0, 10.06, 24.86, 9.82, 5.45, 24.5, 25.03, 5.63, 9.9, 5.44, 25.24, 10.07, 5.51, 24.53, 9.99, 5.57, 26.9, 5.45]
        let lines = zip(parts, values).enumerated().map { index, sample in
            "lathe,machine=M1,product=\(sample.0) diameter=\(sample.1) \(Self.start + Int64(index) * 60)"
        }.joined(separator: "\n")
        try await TestServer.with { client, _ in
            try await SPCChartRoutesTests.write(lines + "\nlathe,machine=M2 diameter=7.5 \(Self.start)", client)
            let range = "measurement=lathe&tag=machine=M1&field=diameter&from=\(Self.start)s&to=\(Self.start + 3600)s"
            let chart = try await SPCChartRoutesTests.object(
                client.get("/api/v1/spc/chart?" + range + "&type=zmr&part_tag=product&sigma_by=constant"))
            #expect(chart["point_parts"] as? [String] == parts)
            let times = try #require(chart["times"] as? [NSNumber]).map(\.int64Value)
            #expect(times == (0..<18).map { (Self.start + 60 * Int64($0)) * 1_000_000_000 })
            let statistics = try #require(chart["statistics"] as? [Any])
            #expect(Self.close(statistics[16], 5.371749810206083, relative: 1e-9))
            #expect(chart["beyond"] as? [Int] == [16])
            try SPCChartRoutesTests.expectSameAsModule(
                chart, ChartRequest(type: .zmr, sigmaBy: .constant).analyze(.partValues(parts: parts, values: values)))

            for (query, named) in [
                (range + "&type=zmr", "part_tag"),
                (range + "&type=imr&part_tag=product", "part_tag"),
                ("measurement=lathe&field=diameter&from=\(Self.start)s&to=\(Self.start + 3600)s&type=zmr&part_tag=product", "has no tag product"),
                (range + "&type=zmr&part_tag=product&sigma_by=each", "sigma_by"),
                (range + "&type=imr&sigma_by=constant", "sigma_by"),
            ] {
                let refused = try await client.get("/api/v1/spc/chart?" + query)
                #expect(refused.status == 400 && refused.text.contains(named), "\(query): \(refused.status) \(refused.text)")
            }
        }
    }

    @Test func liveDefinitionsTakeGTAndLaneyButNotZMR() async throws {
        try await TestServer.with { client, _ in
            try await SPCChartRoutesTests.write(Self.lines("ward,unit=W1 patients_between", [20, 8, 17, 6]), client)
            let definition = """
                {"name": "ward", "series": {"measurement": "ward", "tags": {"unit": "W1"}, "field": "patients_between"},
                 "type": "TYPE", "phase1": {"from": "2024-01-01T00:00:00Z", "to": "2024-01-01T00:01:00Z"}}
                """
            let accepted = try await client.post("/api/v1/spc/charts", text: definition.replacingOccurrences(of: "TYPE", with: "g"))
            #expect(accepted.status == 201, "\(accepted.text)")
            let refused = try await client.post(
                "/api/v1/spc/charts",
                text: definition.replacingOccurrences(of: "TYPE", with: "zmr").replacingOccurrences(
                    of: "\"name\": \"ward\"", with: "\"name\": \"ward2\""))
            #expect(refused.status == 400 && refused.text.contains("type zmr is not available for live charts"), "\(refused.text)")
        }
    }
}
