import Foundation
import Testing

/// `histd spc arl`, `histd spc gauge` and `histd spc capability --transform/--distribution`, run as the built binary.
@Suite("histd spc arl, gauge and non-normal capability", .serialized)
struct SPCDesignCommandTests {
    static func json(_ arguments: [String]) throws -> [String: Any] {
        let run = try BuiltExecutable.run(arguments)
        #expect(run.status == 0, "\(run.output)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any], "\(run.output)")
    }

    static func file(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "histd-spc-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("arl answers {arl}, {L} and {h} as R's spc package")
    func averageRunLength() throws {
        // R spc (Tests/SPCTests/Support/References/average_run_length.R): xewma.arl(0.1, 2.814, 1, sided = "two", r = 400),
        // xcusum.arl(0.5, 5, 1, hs = 2.5, sided = "two", r = 400) (head start 0.5·h), xewma.crit(0.1, 370, sided = "two", r = 400),
        // xcusum.crit(0.5, 370, sided = "two", r = 400).
        let ewma = try Self.json(["spc", "arl", "--type", "ewma", "--lambda", "0.1", "--L", "2.814", "--shift", "1"])
        #expect(abs((ewma["arl"] as? Double ?? 0) / 10.3306651552231 - 1) < 1e-8)
        let cusum = try Self.json(["spc", "arl", "--type", "cusum", "--k", "0.5", "--h", "5", "--head-start", "0.5", "--shift", "1"])
        #expect(abs((cusum["arl"] as? Double ?? 0) / 6.34685046832545 - 1) < 1e-8)
        let limit = try Self.json(["spc", "arl", "--type", "ewma", "--lambda", "0.1", "--arl0", "370"])
        #expect(abs((limit["L"] as? Double ?? 0) / 2.70104615149732 - 1) < 1e-8)
        let interval = try Self.json(["spc", "arl", "--type", "cusum", "--k", "0.5", "--arl0", "370"])
        #expect(abs((interval["h"] as? Double ?? 0) / 4.77383370688022 - 1) < 1e-8)
        let missing = try BuiltExecutable.run(["spc", "arl", "--type", "cusum", "--k", "0.5"])
        #expect(missing.status != 0 && missing.output.contains("--h"), "\(missing.output)")
    }

    @Test("gauge prints the variance components and names an unbalanced cell")
    func gauge() throws {
        let rows = [
            "A,ann,2.48", "A,ann,2.52", "A,bob,2.50", "A,bob,2.47", "B,ann,2.61", "B,ann,2.58", "B,bob,2.57", "B,bob,2.62",
            "C,ann,2.40", "C,ann,2.45", "C,bob,2.44", "C,bob,2.41", "D,ann,2.55", "D,ann,2.53", "D,bob,2.51", "D,bob,2.56",
            "E,ann,2.66", "E,ann,2.70", "E,bob,2.69", "E,bob,2.65",
        ]
        let path = try Self.file("part,operator,value\n" + rows.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        // R 4.x aov (Tests/SPCTests/Support/References/gauge_study.R, second study).
        let study = try Self.json(["spc", "gauge", path, "--tolerance", "0.6", "--study-var", "5.15"])
        #expect(study["interaction_removed"] as? Bool == true && study["ndc"] as? Int == 5)
        let percent = try #require(study["percent_study_var"] as? [String: Any])
        #expect(abs((percent["gage_rr"] as? Double ?? 0) / 24.2303692085803 - 1) < 1e-9)
        let tolerance = try #require(study["percent_tolerance"] as? [String: Any])
        #expect(abs((tolerance["part_to_part"] as? Double ?? 0) / 81.4855814325382 - 1) < 1e-9)
        let unbalanced = try Self.file("part,operator,value\n" + rows.dropFirst().joined(separator: "\n"))
        defer { try? FileManager.default.removeItem(atPath: unbalanced) }
        let failed = try BuiltExecutable.run(["spc", "gauge", unbalanced])
        #expect(failed.status != 0 && failed.output.contains("part A, operator ann has 1 measurements"), "\(failed.output)")
    }

    @Test("capability takes --transform boxcox and --distribution")
    func nonNormalCapability() throws {
        // scipy (Tests/SPCTests/Support/References/capability_nonnormal.py).
        let values = [
            1.039, 2.099, 2.29, 1.409, 1.472, 0.98, 0.809, 0.815, 0.779, 1.855, 1.191, 1.294, 0.916, 0.749, 0.711,
            0.836, 1.599, 1.232, 0.994, 1.097, 0.643, 2.125, 0.707, 1.245, 3.195, 0.388, 0.648, 0.882, 1.287, 0.565,
        ]
        let path = try Self.file(values.map { "\($0)" }.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let estimated = try Self.json(["spc", "capability", path, "--lsl", "0.2", "--usl", "4", "--transform", "boxcox"])
        let transform = try #require(estimated["transform"] as? [String: Any])
        #expect(transform["type"] as? String == "boxcox")
        #expect(abs((transform["lambda"] as? Double ?? 0) / -0.2164588816382162 - 1) < 1e-4)
        let weibull = try Self.json(["spc", "capability", path, "--lsl", "0.2", "--usl", "4", "--distribution", "weibull"])
        let distribution = try #require(weibull["distribution"] as? [String: Any])
        #expect(abs((distribution["ppk"] as? Double ?? 0) / 0.8705001364787854 - 1) < 1e-8)
        #expect(weibull["cpk"] is Double && weibull["transform"] == nil)
        let zero = try Self.file("1.2\n0\n0.8\n")
        defer { try? FileManager.default.removeItem(atPath: zero) }
        let failed = try BuiltExecutable.run(["spc", "capability", zero, "--usl", "4", "--transform", "boxcox"])
        #expect(failed.status != 0 && failed.output.contains("row 1 (line 2)") && failed.output.contains("must be positive"), "\(failed.output)")
    }
}
