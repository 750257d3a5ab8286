import Foundation
import SPC
import Testing

/// `GET /api/v1/spc/capability` on data written through `/write`.
@Suite struct SPCCapabilityRoutesTests {
    static let start = SPCChartRoutesTests.start

    static func expectSameAsModule(_ served: [String: Any], _ study: ProcessCapability) throws {
        let direct = try #require(try jsonObject(SPCJSON.encode(study)) as? [String: Any])
        for key in direct.keys.sorted() {
            #expect(jsonEqual(served[key], direct[key]), "key \(key) differs from the SPC module's encoding")
        }
    }

    @Test func subgroupStudyWithExplicitLimits() async throws {
        try await TestServer.with { client, _ in
            try await SPCChartRoutesTests.write(SPCChartRoutesTests.ringLines, client)
            let study = try await SPCChartRoutesTests.object(
                client.get(
                    "/api/v1/spc/capability?measurement=rings&field=diameter&from=\(Self.start)s&to=\(Self.start + 200)s"
                        + "&subgroup_size=5&lsl=73.95&usl=74.05&target=74"))
            #expect(number(study, "n") == 200)
            #expect(study["sigma_method"] as? String == "rbar")
            let specification = try #require(study["specification"] as? [String: Any])
            #expect(number(specification, "lsl") == 73.95)
            #expect(number(specification, "usl") == 74.05)
            #expect(number(specification, "target") == 74)
            // Cp = (USL − LSL) / 6σw with σw = R̄/d2(5): the ratio of Cp to 0.1 / 6 must be 1/σw.
            let sigmaWithin = try #require(number(study, "sigma_within"))
            #expect(abs((number(study, "cp") ?? 0) - 0.1 / (6 * sigmaWithin)) < 1e-12)
            try Self.expectSameAsModule(
                study,
                CapabilityStudy.subgroups(
                    PistonRings.subgroups, specification: SpecificationLimits(lower: 73.95, upper: 74.05, target: 74)))
        }
    }

    @Test func limitsDefaultToTheSeriesMetadata() async throws {
        try await TestServer.with { client, _ in
            try await SPCChartRoutesTests.write(SPCChartRoutesTests.ringLines, client)
            let listed = try await SPCChartRoutesTests.object(client.get("/api/v1/series?measurement=rings"))
            let series = try #require((listed["series"] as? [[String: Any]])?.first)
            let id = try #require(series["id"] as? Int)
            let put = try await client.send(
                method: "PUT", target: "/api/v1/series/\(id)", headers: ["Content-Type": "application/json"],
                body: Array(#"{"unit": "mm", "lsl": 73.95, "usl": 74.05}"#.utf8))
            #expect(put.status == 200, "\(put.text)")
            let study = try await SPCChartRoutesTests.object(
                client.get(
                    "/api/v1/spc/capability?series=\(id)&from=\(Self.start)s&to=\(Self.start + 200)s&subgroup_every=5s&sigma_method=sbar"))
            let specification = try #require(study["specification"] as? [String: Any])
            #expect(number(specification, "lsl") == 73.95)
            #expect(number(specification, "usl") == 74.05)
            #expect(specification["target"] is NSNull)
            try Self.expectSameAsModule(
                study,
                CapabilityStudy.subgroups(
                    PistonRings.subgroups, specification: SpecificationLimits(lower: 73.95, upper: 74.05), sigmaMethod: .sbar))
            // A parameter overrides the metadata: a one-sided study with only the USL from the series.
            let upperOnly = try await SPCChartRoutesTests.object(
                client.get(
                    "/api/v1/spc/capability?series=\(id)&from=\(Self.start)s&to=\(Self.start + 200)s&lsl=73.9&confidence=0.99"))
            try Self.expectSameAsModule(
                upperOnly,
                CapabilityStudy.individuals(
                    Array(PistonRings.subgroups.joined()), specification: SpecificationLimits(lower: 73.9, upper: 74.05),
                    confidenceLevel: 0.99))
        }
    }

    @Test(arguments: [
        ("", "lsl/usl"),
        ("lsl=74.1&usl=74.0", "lsl/usl"),
        ("lsl=low", "lsl"),
        ("lsl=74&sigma_method=rbar", "sigma_method"),
        ("lsl=74&subgroup_size=5&sigma_method=mr", "sigma_method"),
        ("lsl=74&confidence=2", "confidence"),
        ("lsl=74&type=imr", "type"),
    ])
    func badParametersAreNamed(_ parameters: String, _ named: String) async throws {
        try await TestServer.with { client, _ in
            try await SPCChartRoutesTests.write(SPCChartRoutesTests.ringLines, client)
            let response = try await client.get("/api/v1/spc/capability?measurement=rings&from=\(Self.start)s&to=\(Self.start + 200)s&\(parameters)")
            #expect(response.status == 400, "\(parameters): \(response.status) \(response.text)")
            let message = try response.json()["error"] as? String ?? ""
            #expect(message.contains(named), "\(parameters): '\(message)' does not name \(named)")
        }
    }

    @Test func unknownSeriesIs404() async throws {
        try await TestServer.with { client, _ in
            let response = try await client.get("/api/v1/spc/capability?measurement=nothing&from=\(Self.start)s&to=\(Self.start + 200)s&lsl=1")
            #expect(response.status == 404)
        }
    }
}
