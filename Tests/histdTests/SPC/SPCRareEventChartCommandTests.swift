import Foundation
import Testing

/// `histd spc chart` with the Laney, g, t and Z-MR chart types, run as the built binary. Reference values:
/// numpy and scipy, Tests/SPCTests/Support/References/rare_event_laney_short_run.py.
@Suite("histd spc chart: Laney, rare-event and short-run charts", .serialized)
struct SPCRareEventChartCommandTests {
    /// Runs `histd spc chart ARGUMENTS FILE` on a file holding `rows`.
    static func chart(_ arguments: [String], rows: String) throws -> (status: Int32, output: String) {
        let path = NSTemporaryDirectory() + "histd-spc-\(UUID().uuidString).csv"
        try Data(rows.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try BuiltExecutable.run(["spc", "chart"] + arguments + [path])
    }

    static func object(_ run: (status: Int32, output: String)) throws -> [String: Any] {
        #expect(run.status == 0, "\(run.output)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    }

    static func close(_ actual: Any?, _ expected: Double, relative: Double) -> Bool {
        guard let actual = (actual as? NSNumber)?.doubleValue else { return false }
        return abs(actual - expected) <= relative * abs(expected)
    }

    @Test("laney-p prints sigma_z and per-row limits")
    func laneyP() throws {
        let defectives = [88, 66, 64, 63, 59, 59, 75, 77, 66, 65, 50, 60, 41, 63, 97, 45, 64, 73, 104, 42]
        let sizes = [3049, 2192, 2166, 2445, 3052, 1970, 2148, 2531, 2138, 2372, 2281, 1900, 1848, 1938, 2727, 3180, 3101, 2771, 3091, 2428]
        let rows = zip(defectives, sizes).map { "\($0),\($1)" }.joined(separator: "\n")
        let chart = try Self.object(Self.chart(["--type", "laney-p"], rows: rows))
        #expect(chart["type"] as? String == "laney-p")
        #expect(Self.close(chart["center"], 0.02677992215374635, relative: 1e-12))
        #expect(Self.close(chart["sigma_z"], 1.9173646566870117, relative: 1e-9))
        let lower = try #require(chart["lcl"] as? [Any])
        let upper = try #require(chart["ucl"] as? [Any])
        #expect(lower.count == 20 && upper.count == 20)
        #expect(Self.close(lower[12], 0.0051783592541759897, relative: 1e-9))
        #expect(Self.close(upper[0], 0.043597267605384661, relative: 1e-9))
        #expect(chart["beyond"] as? [Int] == [])
    }

    @Test("g and t charts; t with --distribution weibull; times <= 0 name the row")
    func rareEvents() throws {
        let g = try Self.object(Self.chart(["--type", "g"], rows: "20\n8\n17\n6\n34\n10\n6\n11\n33\n55\n109\n21\n12\n4\n20\n23\n141\n24\n127\n9\n"))
        #expect(Self.close(g["ucl"], 139.48928516758269, relative: 1e-12))
        #expect(g["lcl"] as? Double == 0)
        #expect(g["beyond"] as? [Int] == [16])
        let times =
            "38.22\n5.41\n34.2\n15.46\n33.75\n72.39\n8.73\n27.46\n30.43\n8.96\n8.09\n36.62\n19.63\n43.21\n13.52\n20.04\n35.85\n53.5\n19.99\n26.22\n"
        let exponential = try Self.object(Self.chart(["--type", "t"], rows: times))
        #expect(Self.close(exponential["center"], 19.119771828565533, relative: 1e-12))
        #expect(Self.close(exponential["ucl"], 182.26543653729394, relative: 1e-12))
        let fit = try #require(exponential["distribution"] as? [String: Any])
        #expect(fit["type"] as? String == "exponential")
        #expect(Self.close(fit["rate"], 0.036252900232018555, relative: 1e-12))
        let weibull = try Self.object(Self.chart(["--type", "t", "--distribution", "weibull"], rows: times))
        let weibullFit = try #require(weibull["distribution"] as? [String: Any])
        #expect(Self.close(weibullFit["shape"], 1.7650405713132971, relative: 1e-4))
        #expect(Self.close(weibull["lcl"], 0.73584320359519806, relative: 1e-4))
        let zero = try Self.chart(["--type", "t"], rows: "3\n0\n")
        #expect(zero.status != 0)
        #expect(zero.output.contains("row 1 (line 2)") && zero.output.contains("time between events"), "\(zero.output)")
        let rules = try Self.chart(["--type", "g", "--rules", "we"], rows: "3\n4\n")
        #expect(rules.status != 0 && rules.output.contains("--rules"), "\(rules.output)")
    }

    @Test("zmr reads text parts, --sigma-by constant pools them, a part with one value is named")
    func shortRun() throws {
        let parts = "AABACBBCACBACBACBC".map(String.init)
        let values = [10.0, 10.06, 24.86, 9.82, 5.45, 24.5, 25.03, 5.63, 9.9, 5.44, 25.24, 10.07, 5.51, 24.53, 9.99, 5.57, 26.9, 5.45]
        let rows = zip(parts, values).map { "\($0),\($1)" }.joined(separator: "\n")
        let byPart = try Self.object(Self.chart(["--type", "zmr", "--rules", "we"], rows: rows))
        #expect(byPart["type"] as? String == "zmr" && byPart["sigma_by"] as? String == "part")
        #expect(byPart["center"] as? Double == 0 && byPart["ucl"] as? Double == 3 && byPart["lcl"] as? Double == -3)
        let estimates = try #require(byPart["parts"] as? [[String: Any]])
        #expect(estimates.map { $0["part"] as? String } == ["A", "B", "C"])
        #expect(Self.close(estimates[1]["sigma"], 0.74088570967850442, relative: 1e-9))
        let movingRange = try #require(byPart["secondary"] as? [String: Any])
        #expect(movingRange["type"] as? String == "mr")
        #expect(Self.close(movingRange["ucl"], 3.6858865663777776, relative: 1e-12))
        let pooled = try Self.object(Self.chart(["--type", "zmr", "--sigma-by", "constant"], rows: rows))
        #expect(pooled["beyond"] as? [Int] == [16])
        let statistics = try #require(pooled["statistics"] as? [Any])
        #expect(Self.close(statistics[16], 5.371749810206083, relative: 1e-9))
        let single = try Self.chart(["--type", "zmr"], rows: rows + "\nD,40\n")
        #expect(single.status != 0 && single.output.contains("part D"), "\(single.output)")
        let wrongOption = try Self.chart(["--type", "imr", "--sigma-by", "constant"], rows: "1\n2\n")
        #expect(wrongOption.status != 0 && wrongOption.output.contains("--sigma-by"), "\(wrongOption.output)")
    }
}
