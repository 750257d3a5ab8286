import Foundation
import SPC
import Testing

/// `GET /api/v1/spc/chart` on data written through `/write`.
@Suite struct SPCChartRoutesTests {
    /// 2024-01-01T00:00:00Z, epoch seconds.
    static let start: Int64 = 1_704_067_200

    /// The piston rings as one series, one ring per second: subgroup i is seconds 5i to 5i + 4.
    static var ringLines: String {
        PistonRings.subgroups.joined().enumerated().map { index, diameter in
            "rings,line=L1 diameter=\(diameter) \(start + Int64(index))"
        }.joined(separator: "\n")
    }

    static func write(_ lines: String, _ client: HTTPTestClient) async throws {
        let response = try await client.post("/write?precision=s", text: lines)
        #expect(response.status == 204, "write failed: \(response.text)")
    }

    static func object(_ response: HTTPTestClient.Response) throws -> [String: Any] {
        #expect(response.status == 200, "\(response.status): \(response.text)")
        return try response.json()
    }

    /// Every key the module's own encoding has, with the same value.
    static func expectSameAsModule(_ served: [String: Any], _ module: ChartResult) throws {
        let direct = try #require(try jsonObject(SPCJSON.encode(module)) as? [String: Any])
        for key in direct.keys.sorted() {
            #expect(jsonEqual(served[key], direct[key]), "key \(key) differs from the SPC module's encoding")
        }
    }

    @Test func warningsEpisodesAndTheCapOnPointLists() async throws {
        try await TestServer.with { client, _ in
            // A slow drift sampled every second: strongly autocorrelated individuals.
            var level = 50.0
            let lines = (0..<300).map { index -> String in
                level += index % 7 < 4 ? 0.05 : -0.03
                return "oven,line=L1 temp=\(level + Double(index % 3) * 0.001) \(Self.start + Int64(index))"
            }
            try await Self.write(lines.joined(separator: "\n"), client)
            let range = "measurement=oven&field=temp&from=\(Self.start)s&to=\(Self.start + 300)s&type=imr&phase1=0:100"
            let chart = try await Self.object(client.get("/api/v1/spc/chart?" + range))
            let warnings = try #require(chart["warnings"] as? [[String: Any]])
            #expect(warnings.first?["code"] as? String == "autocorrelation")
            let beyond = try #require(chart["beyond"] as? [Int])
            #expect(beyond.count > 5)
            let episodes = try #require(chart["episodes"] as? [[String: Any]])
            #expect(episodes.contains { $0["rule"] as? String == "beyond" && $0["panel"] as? String == "individuals" })
            let capped = try await Self.object(client.get("/api/v1/spc/chart?" + range + "&max_violations=2"))
            #expect(capped["beyond"] as? [Int] == Array(beyond.prefix(2)))
            #expect(capped["beyond_omitted"] as? Int == beyond.count - 2)
            #expect(try await client.get("/api/v1/spc/chart?" + range + "&max_violations=0").status == 400)
        }
    }

    @Test func pistonRingsXbarRBySampleCountGivesPublishedLimits() async throws {
        try await TestServer.with { client, _ in
            try await Self.write(Self.ringLines, client)
            let chart = try await Self.object(
                client.get(
                    "/api/v1/spc/chart?measurement=rings&field=diameter&from=\(Self.start)s&to=\(Self.start + 200)s"
                        + "&type=xbar-r&subgroup_size=5&phase1=0:25&rules=nelson"))
            // qcc(pistonrings[1:25, ], type = "xbar"): center 74.00118, limits 73.98805 and 74.0143;
            // R chart center 0.02276 (Montgomery Example 6.1 prints 74.014, 73.988 and R̄ = 0.023).
            #expect(agrees(number(chart, "center"), with: "74.00118"))
            #expect(agrees(number(chart, "lcl"), with: "73.98805"))
            #expect(agrees(number(chart, "ucl"), with: "74.0143"))
            let range = try #require(chart["secondary"] as? [String: Any])
            #expect(agrees(number(range, "center"), with: "0.02276"))
            // Montgomery §6.2.1: phase II samples 37, 38, 39 (1-based) plot above the UCL.
            #expect(chart["beyond"] as? [Int] == [36, 37, 38])
            #expect(chart["type"] as? String == "xbar-r")
            // Subgroup i starts with the ring written at second 5i.
            let times = try #require(chart["times"] as? [NSNumber]).map(\.int64Value)
            #expect(times == (0..<40).map { (Self.start + 5 * Int64($0)) * 1_000_000_000 })
            #expect(chart["sizes"] as? [Int] == Array(repeating: 5, count: 40))
            try Self.expectSameAsModule(
                chart,
                ChartRequest(type: .xbarR, options: ChartOptions(phaseOne: 0..<25, rules: .nelson)).analyze(.subgroups(PistonRings.subgroups)))
        }
    }

    @Test func timeBucketsFormTheSameSubgroups() async throws {
        try await TestServer.with { client, _ in
            try await Self.write(Self.ringLines, client)
            let range = "measurement=rings&field=diameter&from=\(Self.start)s&to=\(Self.start + 200)s&type=xbar-s&phase1=0:25"
            let byCount = try await Self.object(client.get("/api/v1/spc/chart?\(range)&subgroup_size=5"))
            let byTime = try await Self.object(client.get("/api/v1/spc/chart?\(range)&subgroup_every=5s"))
            #expect(jsonEqual(byCount, byTime))
            try Self.expectSameAsModule(
                byTime, ChartRequest(type: .xbarS, options: ChartOptions(phaseOne: 0..<25)).analyze(.subgroups(PistonRings.subgroups)))
        }
    }

    @Test func trailingIncompleteSubgroupIsLeftOut() async throws {
        try await TestServer.with { client, _ in
            try await Self.write(Self.ringLines, client)
            // 198 rings: 39 full subgroups of 5; the last 3 rings wait for their subgroup.
            let chart = try await Self.object(
                client.get(
                    "/api/v1/spc/chart?measurement=rings&from=\(Self.start)s&to=\(Self.start + 198)s&type=xbar-r&subgroup_size=5"))
            #expect((chart["statistics"] as? [Any])?.count == 39)
            try Self.expectSameAsModule(chart, ChartRequest(type: .xbarR).analyze(.subgroups(Array(PistonRings.subgroups.prefix(39)))))
        }
    }

    @Test func cChartSumsDefectsPerHour() async throws {
        // Montgomery Example 7.3 (circuit boards), each sample's defects written as two counts in its hour.
        let defects: [Int64] = [21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17, 13, 22, 18, 39, 30, 24, 16, 19, 17, 15]
        let lines = defects.enumerated().flatMap { hour, count -> [String] in
            let first = count / 2
            let hourStart = Self.start + Int64(hour) * 3_600
            return ["boards defects=\(first)i \(hourStart + 600)", "boards defects=\(count - first)i \(hourStart + 2_400)"]
        }.joined(separator: "\n")
        try await TestServer.with { client, _ in
            try await Self.write(lines, client)
            let chart = try await Self.object(
                client.get(
                    "/api/v1/spc/chart?measurement=boards&from=\(Self.start)s&to=\(Self.start + 26 * 3_600)s&type=c&subgroup_every=1h"))
            // c̄ = 516/26 = 19.85; qcc limits 33.21086 and 6.481447; samples 6 and 20 beyond.
            #expect(agrees(number(chart, "center"), with: "19.85"))
            #expect(agrees(number(chart, "ucl"), with: "33.21086"))
            #expect(agrees(number(chart, "lcl"), with: "6.481447"))
            #expect(chart["beyond"] as? [Int] == [5, 19])
            #expect(chart["sizes"] as? [Int] == Array(repeating: 2, count: 26))
            let times = try #require(chart["times"] as? [NSNumber]).map(\.int64Value)
            #expect(times == (0..<26).map { (Self.start + 3_600 * Int64($0)) * 1_000_000_000 })
        }
    }

    @Test func pChartCountsDefectiveItemsPerBucket() async throws {
        // Each sample is one inspected item: 1 defective, 0 good. Minutes 0, 1, 2 hold 2 of 4,
        // 1 of 5 and 0 of 3 items: p = 3/12, sizes 4, 5, 3.
        let items: [[Int]] = [[1, 0, 1, 0], [0, 0, 1, 0, 0], [0, 0, 0]]
        let lines = items.enumerated().flatMap { minute, results in
            results.enumerated().map { index, result in "inspection,station=S1 defective=\(result)i \(Self.start + Int64(minute) * 60 + Int64(index))"
            }
        }.joined(separator: "\n")
        try await TestServer.with { client, _ in
            try await Self.write(lines, client)
            let chart = try await Self.object(
                client.get(
                    "/api/v1/spc/chart?measurement=inspection&tag=station=S1&from=\(Self.start)s&to=\(Self.start + 180)s&type=p&subgroup_every=1m"))
            #expect(agrees(number(chart, "center"), with: "0.25"))
            #expect(chart["sizes"] as? [Int] == [4, 5, 3])
            try Self.expectSameAsModule(chart, ChartRequest(type: .p).analyze(.counts([2, 1, 0], sizes: [4, 5, 3])))
        }
    }

    @Test func individualsChartUsesEachSample() async throws {
        let values = [10.2, 9.8, 10.5, 10.1, 9.6, 10.4, 10.0, 9.9]
        let lines = values.enumerated().map { "flow,pump=P1 rate=\($1) \(Self.start + Int64($0) * 10)" }.joined(separator: "\n")
        try await TestServer.with { client, _ in
            try await Self.write(lines, client)
            let chart = try await Self.object(
                client.get("/api/v1/spc/chart?measurement=flow&field=rate&from=\(Self.start)s&to=\(Self.start + 100)s&type=imr&rules=we"))
            // Center = mean = 80.5 / 8 = 10.0625.
            #expect(abs((number(chart, "center") ?? 0) - 10.0625) < 1e-12)
            try Self.expectSameAsModule(
                chart, ChartRequest(type: .individuals, options: ChartOptions(rules: .westernElectric)).analyze(.values(values)))
            let ewma = try await Self.object(
                client.get("/api/v1/spc/chart?measurement=flow&from=\(Self.start)s&to=\(Self.start + 100)s&type=ewma&lambda=0.1&L=2.7"))
            try Self.expectSameAsModule(ewma, ChartRequest(type: .ewma, lambda: 0.1, width: 2.7).analyze(.values(values)))
            let cusum = try await Self.object(
                client.get(
                    "/api/v1/spc/chart?measurement=flow&from=\(Self.start)s&to=\(Self.start + 100)s&type=cusum&k=0.5&h=4&head_start=0.5&center=10&sigma=0.3"
                ))
            try Self.expectSameAsModule(
                cusum,
                ChartRequest(type: .cusum, options: ChartOptions(standards: KnownStandards(center: 10, sigma: 0.3)), k: 0.5, h: 4, headStart: 0.5)
                    .analyze(.values(values)))
        }
    }

    @Test(arguments: [
        ("type=bogus&subgroup_size=5", "type"),
        ("subgroup_size=5", "type is required"),
        ("type=xbar-r", "subgroup_size or subgroup_every"),
        ("type=xbar-r&subgroup_size=0", "subgroup_size"),
        ("type=xbar-r&subgroup_every=soon", "subgroup_every"),
        ("type=xbar-r&subgroup_size=5&subgroup_every=1m", "not both"),
        ("type=imr&subgroup_size=5", "do not apply"),
        ("type=xbar-r&subgroup_size=5&phase1=5:2", "phase1"),
        ("type=xbar-r&subgroup_size=5&phase1=0:99", "phase1"),
        ("type=xbar-r&subgroup_size=5&rules=all", "rules"),
        ("type=ewma&lambda=2", "lambda"),
        ("type=ewma&rules=we", "rules"),
        ("type=cusum&h=-1", "h"),
        ("type=cusum&head_start=abc", "head_start"),
        ("type=xbar-r&subgroup_size=5&sigma_method=magic", "sigma_method"),
        ("type=xbar-r&subgroup_size=5&drop_out_of_control=maybe", "drop_out_of_control"),
        ("type=imr&sample_size=5", "sample_size"),
        ("type=imr&subgroupsize=5", "subgroupsize"),
    ])
    func badParametersAreNamed(_ parameters: String, _ named: String) async throws {
        try await TestServer.with { client, _ in
            try await Self.write(Self.ringLines, client)
            let response = try await client.get("/api/v1/spc/chart?measurement=rings&from=\(Self.start)s&to=\(Self.start + 200)s&\(parameters)")
            #expect(response.status == 400, "\(parameters): \(response.status) \(response.text)")
            let message = try response.json()["error"] as? String ?? ""
            #expect(message.contains(named), "\(parameters): '\(message)' does not name \(named)")
        }
    }

    @Test func seriesSelectionErrors() async throws {
        try await TestServer.with { client, _ in
            try await Self.write(Self.ringLines + "\nrings,line=L2 diameter=74.0 \(Self.start)", client)
            let range = "from=\(Self.start)s&to=\(Self.start + 200)s&type=imr"
            let unknown = try await client.get("/api/v1/spc/chart?measurement=nothing&\(range)")
            #expect(unknown.status == 404)
            let unknownID = try await client.get("/api/v1/spc/chart?series=999&\(range)")
            #expect(unknownID.status == 404)
            let several = try await client.get("/api/v1/spc/chart?measurement=rings&\(range)")
            #expect(several.status == 400)
            #expect((try several.json()["error"] as? String)?.contains("2 series") == true)
            let unnamed = try await client.get("/api/v1/spc/chart?\(range)")
            #expect(unnamed.status == 400)
            let noFrom = try await client.get("/api/v1/spc/chart?measurement=rings&tag=line=L1&type=imr")
            #expect(noFrom.status == 400)
            #expect((try noFrom.json()["error"] as? String)?.contains("from") == true)
        }
    }

    @Test func aSubgroupTooSmallIsNamedByItsTime() async throws {
        // Two rings in the first minute, one in the second: X-bar/R needs at least 2 per subgroup.
        let lines = "rings diameter=74.01 \(Self.start)\nrings diameter=74.02 \(Self.start + 1)\nrings diameter=74.0 \(Self.start + 60)"
        try await TestServer.with { client, _ in
            try await Self.write(lines, client)
            let response = try await client.get(
                "/api/v1/spc/chart?measurement=rings&from=\(Self.start)s&to=\(Self.start + 120)s&type=xbar-r&subgroup_every=1m")
            #expect(response.status == 422)
            let message = try response.json()["error"] as? String ?? ""
            #expect(message.contains("point 1"))
            #expect(message.contains("2024-01-01T00:01:00"))
        }
    }
}
