import Foundation
import Testing

/// `GET /api/v1/spc/multivariate` on fields written through `/write`, aligned on 1 s buckets.
@Suite struct SPCMultivariateRoutesTests {
    static let start = SPCChartRoutesTests.start

    /// Tests/SPCTests/Support/MultivariateData.individuals: 20 observations of x1, x2, x3.
    static let rows: [[Double]] = [
        [9.64, 20.747, 6.072],
        [10.317, 20.522, 5.016],
        [9.086, 18.731, 3.866],
        [10.929, 20.512, 5.32],
        [9.36, 18.746, 3.772],
        [9.158, 19.974, 4.996],
        [9.543, 19.535, 4.054],
        [11.231, 19.765, 4.904],
        [12.137, 19.241, 3.917],
        [9.276, 19.659, 3.972],
        [9.765, 19.836, 5.003],
        [7.612, 19.084, 5.34],
        [10.437, 19.683, 4.535],
        [7.354, 18.793, 5.148],
        [10.65, 18.008, 3.791],
        [9.897, 19.551, 5.292],
        [8.256, 18.379, 4.487],
        [12.491, 19.73, 6.693],
        [10.52, 19.465, 5.379],
        [9.494, 18.392, 4.415],
    ]

    /// One observation per second; second 20 holds only x1 and x2, so its bucket is skipped.
    static var lines: String {
        var lines = rows.enumerated().map { index, row in
            "unit,plant=A x1=\(row[0]),x2=\(row[1]),x3=\(row[2]) \(start + Int64(index))"
        }
        lines.append("unit,plant=A x1=1,x2=2 \(start + 20)")
        lines.append("unit,plant=B x1=1,x2=2,x3=3 \(start + 5)")
        return lines.joined(separator: "\n")
    }

    @Test func t2OfBucketMeansMatchesNumpy() async throws {
        try await TestServer.with { client, _ in
            try await SPCChartRoutesTests.write(Self.lines, client)
            let chart = try await SPCChartRoutesTests.object(
                client.get(
                    "/api/v1/spc/multivariate?measurement=unit&tag=plant=A&fields=x1,x2,x3&every=1s&from=\(Self.start)s&to=\(Self.start + 22)s"
                        + "&phase1=0:15"))
            // numpy 2.4 (Tests/SPCTests/Support/References/multivariate.py): T² with the mean and np.cov of rows 0..14.
            let expected = [
                4.160768115016278, 1.960208555840915, 1.8650452445668182, 2.3505544383774826, 1.9028988255235952, 0.8247507234328615,
                2.199086096406816, 2.2594960808450657, 4.211762887275303, 4.209942832971944, 0.2648425115141675, 4.205090651629581,
                0.3132042672388321, 4.961975667665191, 6.310373101695168, 2.1796993227521506, 3.4460459301592334, 37.18186152340098, 4.96062907763845,
                3.530325771644355,
            ]
            let statistics = try #require(chart["statistics"] as? [Double])
            #expect(statistics.count == 20)
            for (value, reference) in zip(statistics, expected) { #expect(abs(value - reference) <= 1e-9 * reference) }
            #expect(abs((number(chart, "ucl_phase2") ?? 0) - 23.629724348990962) <= 1e-9 * 23.6)
            #expect(abs((number(chart, "ucl_phase1") ?? 0) - 8.411205742907368) <= 1e-9 * 8.4)
            #expect(chart["beyond"] as? [Int] == [17])
            #expect(chart["variables"] as? [String] == ["x1", "x2", "x3"])
            // Seconds 20 (x3 missing) and 21 (empty) are skipped.
            #expect(chart["skipped_buckets"] as? Int == 2)
            let times = try #require(chart["times"] as? [Int64])
            #expect(times.count == 20 && times.first == Self.start * 1_000_000_000)
            let contributions = try #require(chart["contributions"] as? [[String: Any]])
            let ranked = (contributions.first?["variables"] as? [[String: Any]])?.compactMap { $0["variable"] as? String }
            #expect(ranked == ["x3", "x1", "x2"])

            // Per-point lists are capped as chart answers are (max_violations), the rest counted.
            let wide =
                "/api/v1/spc/multivariate?measurement=unit&tag=plant=A&fields=x1,x2,x3&every=1s&from=\(Self.start)s&to=\(Self.start + 22)s&phase1=0:15&alpha=0.6"
            let uncapped = try await SPCChartRoutesTests.object(client.get(wide))
            let beyond = try #require(uncapped["beyond"] as? [Int])
            #expect(beyond.count >= 3 && uncapped["beyond_omitted"] == nil)
            let capped = try await SPCChartRoutesTests.object(client.get(wide + "&max_violations=1"))
            #expect(capped["beyond"] as? [Int] == [beyond[0]])
            #expect(capped["beyond_omitted"] as? Int == beyond.count - 1)
            #expect((capped["contributions"] as? [Any])?.count == 1 && capped["contributions_omitted"] as? Int == beyond.count - 1)
        }
    }

    @Test func pcaAndErrors() async throws {
        try await TestServer.with { client, _ in
            try await SPCChartRoutesTests.write(Self.lines, client)
            let base = "/api/v1/spc/multivariate?measurement=unit&tag=plant=A&fields=x1,x2,x3&every=1s&from=\(Self.start)s&to=\(Self.start + 20)s"
            let pca = try await SPCChartRoutesTests.object(client.get(base + "&method=pca&components=1"))
            #expect(pca["components"] as? Int == 1)
            #expect((pca["spe"] as? [Double])?.count == 20 && number(pca, "spe_limit") != nil && number(pca, "t2_limit") != nil)
            #expect(pca["skipped_buckets"] as? Int == 0)
            // Both plants match x1 without the tag: the answer names the ambiguity.
            let ambiguous = try await client.get(
                "/api/v1/spc/multivariate?measurement=unit&fields=x1,x2&every=1s&from=\(Self.start)s&to=\(Self.start + 20)s")
            #expect(ambiguous.status == 400 && ambiguous.text.contains("matches 2 series"), "\(ambiguous.text)")
            let missing = try await client.get(base.replacing("x1,x2,x3", with: "x1,x9"))
            #expect(missing.status == 404 && missing.text.contains("x9"), "\(missing.text)")
            let few = try await client.get(base + "&phase1=0:4")
            #expect(few.status == 422 && few.text.contains("at least 5"), "\(few.text)")
            let noComponents = try await client.get(base + "&method=pca")
            #expect(noComponents.status == 400, "\(noComponents.text)")
            let noEvery = try await client.get(base.replacing("&every=1s", with: ""))
            #expect(noEvery.status == 400 && noEvery.text.contains("every"), "\(noEvery.text)")
        }
    }
}
