import Foundation
import SPC
import Testing

/// `POST /api/v1/spc/gauge`, `GET /api/v1/spc/arl`, and capability's `transform` and `distribution`.
@Suite struct SPCDesignRoutesTests {
    /// 5 parts × 2 operators × 2 trials (Tests/SPCTests/Support/References/gauge_study.R, second study).
    static let gaugeRows: [(String, String, Double)] = [
        ("A", "ann", 2.48), ("A", "ann", 2.52), ("A", "bob", 2.50), ("A", "bob", 2.47), ("B", "ann", 2.61), ("B", "ann", 2.58),
        ("B", "bob", 2.57), ("B", "bob", 2.62), ("C", "ann", 2.40), ("C", "ann", 2.45), ("C", "bob", 2.44), ("C", "bob", 2.41),
        ("D", "ann", 2.55), ("D", "ann", 2.53), ("D", "bob", 2.51), ("D", "bob", 2.56), ("E", "ann", 2.66), ("E", "ann", 2.70),
        ("E", "bob", 2.69), ("E", "bob", 2.65),
    ]

    static func expectGauge(_ study: [String: Any]) throws {
        // R 4.x aov (gauge_study.R): interaction p 0.993394421033678, pooled; σ²_repeatability 0.000562142857142862,
        // σ²_part 0.009012589285714294; with k = 5.15 and tolerance 0.6, %tolerance of the gauge 20.3506988199502; ndc 5.
        #expect(study["interaction_removed"] as? Bool == true)
        #expect(abs((number(study, "interaction_p") ?? 0) / 0.993394421033678 - 1) < 1e-9)
        let variances = try #require(study["variance_components"] as? [String: Any])
        #expect(abs((number(variances, "repeatability") ?? 0) / 0.000562142857142862 - 1) < 1e-9)
        #expect(abs((number(variances, "part_to_part") ?? 0) / 0.009012589285714294 - 1) < 1e-9)
        #expect(number(variances, "operator") == 0 && number(variances, "operator_by_part") == 0)
        let tolerance = try #require(study["percent_tolerance"] as? [String: Any])
        #expect(abs((number(tolerance, "gage_rr") ?? 0) / 20.3506988199502 - 1) < 1e-9)
        #expect(study["ndc"] as? Int == 5)
        for key in ["percent_contribution", "study_var", "percent_study_var"] { #expect(study[key] is [String: Any], "\(key)") }
    }

    @Test func gaugeFromJSONAndCSV() async throws {
        try await TestServer.with { client, _ in
            let rows = Self.gaugeRows.map { #"{"part":"\#($0.0)","operator":"\#($0.1)","value":\#($0.2)}"# }.joined(separator: ",")
            let json = try await client.send(
                method: "POST", target: "/api/v1/spc/gauge", headers: ["Content-Type": "application/json"],
                body: Array(#"{"rows":[\#(rows)],"tolerance":0.6,"study_var":5.15}"#.utf8))
            try Self.expectGauge(SPCChartRoutesTests.object(json))
            let csv = "part,operator,value\n" + Self.gaugeRows.map { "\($0.0),\($0.1),\($0.2)" }.joined(separator: "\n")
            let fromCSV = try await client.send(
                method: "POST", target: "/api/v1/spc/gauge?tolerance=0.6&study_var=5.15", headers: ["Content-Type": "text/csv"],
                body: Array(csv.utf8))
            try Self.expectGauge(SPCChartRoutesTests.object(fromCSV))
        }
    }

    @Test func unbalancedGaugeNamesTheCell() async throws {
        try await TestServer.with { client, _ in
            let csv = "part,operator,value\n" + Self.gaugeRows.dropLast().map { "\($0.0),\($0.1),\($0.2)" }.joined(separator: "\n")
            let response = try await client.send(
                method: "POST", target: "/api/v1/spc/gauge", headers: ["Content-Type": "text/csv"], body: Array(csv.utf8))
            #expect(response.status == 422, "\(response.text)")
            #expect((try response.json()["error"] as? String ?? "").contains("part E, operator bob"), "\(response.text)")
            let bad = try await client.send(
                method: "POST", target: "/api/v1/spc/gauge", headers: ["Content-Type": "application/json"],
                body: Array(#"{"rows":[{"part":1}]}"#.utf8))
            #expect(bad.status == 400, "\(bad.text)")
        }
    }

    @Test func averageRunLength() async throws {
        try await TestServer.with { client, _ in
            // R spc: xewma.arl(0.1, 2.814, 1, sided = "two", r = 400) = 10.3306651552231;
            // xcusum.crit(0.5, 370, sided = "two", r = 400) = 4.77383370688022.
            let ewma = try SPCChartRoutesTests.object(await client.get("/api/v1/spc/arl?type=ewma&lambda=0.1&L=2.814&shift=1"))
            #expect(abs((number(ewma, "arl") ?? 0) / 10.3306651552231 - 1) < 1e-8)
            let cusum = try SPCChartRoutesTests.object(await client.get("/api/v1/spc/arl?type=cusum&k=0.5&arl0=370"))
            #expect(abs((number(cusum, "h") ?? 0) / 4.77383370688022 - 1) < 1e-8)
            let missing = try await client.get("/api/v1/spc/arl?type=cusum&k=0.5")
            #expect(missing.status == 400 && missing.text.contains("h is needed"), "\(missing.text)")
        }
    }

    /// 30 flatness readings (Tests/SPCTests/Support/References/capability_nonnormal.py).
    static let flatness: [Double] = [
        1.039, 2.099, 2.29, 1.409, 1.472, 0.98, 0.809, 0.815, 0.779, 1.855, 1.191, 1.294, 0.916, 0.749, 0.711,
        0.836, 1.599, 1.232, 0.994, 1.097, 0.643, 2.125, 0.707, 1.245, 3.195, 0.388, 0.648, 0.882, 1.287, 0.565,
    ]

    @Test func capabilityTransformAndDistribution() async throws {
        try await TestServer.with { client, _ in
            let start = SPCChartRoutesTests.start
            let lines = Self.flatness.enumerated().map { "plate flatness=\($0.element) \(start + Int64($0.offset))" }
            try await SPCChartRoutesTests.write(lines.joined(separator: "\n"), client)
            let range = "measurement=plate&field=flatness&from=\(start)s&to=\(start + 100)s&lsl=0.2&usl=4"
            let transformed = try SPCChartRoutesTests.object(await client.get("/api/v1/spc/capability?\(range)&transform=boxcox&lambda=0.5"))
            let transform = try #require(transformed["transform"] as? [String: Any])
            #expect(transform["type"] as? String == "boxcox" && number(transform, "lambda") == 0.5)
            // scipy: stats.boxcox(x, 0.5), then Cpk from MR̄/d2(2) = 0.8917602232207437.
            #expect(abs((number(transformed, "cpk") ?? 0) / 0.8917602232207437 - 1) < 1e-9)
            try SPCCapabilityRoutesTests.expectSameAsModule(
                transformed,
                CapabilityStudy.boxCoxIndividuals(Self.flatness, specification: SpecificationLimits(lower: 0.2, upper: 4), lambda: 0.5))
            let fitted = try SPCChartRoutesTests.object(await client.get("/api/v1/spc/capability?\(range)&distribution=lognormal"))
            let distribution = try #require(fitted["distribution"] as? [String: Any])
            // scipy: stats.lognorm.fit(x, floc=0); Pp = (USL − LSL)/(X0.99865 − X0.00135) = 0.9611254635336978.
            #expect(distribution["type"] as? String == "lognormal")
            #expect(abs((number(distribution, "pp") ?? 0) / 0.9611254635336978 - 1) < 1e-9)
            let bad = try await client.get("/api/v1/spc/capability?\(range)&distribution=gamma")
            #expect(bad.status == 400 && bad.text.contains("distribution"), "\(bad.text)")
            let negative = try await client.get(
                "/api/v1/spc/capability?measurement=plate&field=flatness&from=\(start)s&to=\(start + 100)s&lsl=-1&usl=4&transform=boxcox")
            #expect(negative.status == 400 && negative.text.contains("lsl"), "\(negative.text)")
        }
    }
}
