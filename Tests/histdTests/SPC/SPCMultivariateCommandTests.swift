import Foundation
import Testing

/// `histd spc multivariate`, run as a process on CSV files.
@Suite("histd spc multivariate", .serialized)
struct SPCMultivariateCommandTests {
    /// Tests/SPCTests/Support/MultivariateData.individuals with its header.
    static let csv = """
        x1,x2,x3
        9.64,20.747,6.072
        10.317,20.522,5.016
        9.086,18.731,3.866
        10.929,20.512,5.32
        9.36,18.746,3.772
        9.158,19.974,4.996
        9.543,19.535,4.054
        11.231,19.765,4.904
        12.137,19.241,3.917
        9.276,19.659,3.972
        9.765,19.836,5.003
        7.612,19.084,5.34
        10.437,19.683,4.535
        7.354,18.793,5.148
        10.65,18.008,3.791
        9.897,19.551,5.292
        8.256,18.379,4.487
        12.491,19.73,6.693
        10.52,19.465,5.379
        9.494,18.392,4.415

        """

    static func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "histd-multivariate-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("t2 of individuals prints the limits numpy and scipy give")
    func t2() throws {
        let file = try Self.write(Self.csv)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try BuiltExecutable.run(["spc", "multivariate", "--method", "t2", "--phase1", "0:15", file])
        #expect(run.status == 0, "\(run.output)")
        let chart = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        // scipy 1.17 (Tests/SPCTests/Support/References/multivariate.py): phase I and phase II UCL, m = 15, p = 3.
        #expect(abs((chart["ucl_phase1"] as? Double ?? 0) - 8.411205742907368) <= 1e-9 * 8.4)
        #expect(abs((chart["ucl_phase2"] as? Double ?? 0) - 23.629724348990962) <= 1e-9 * 23.6)
        #expect(abs(((chart["statistics"] as? [Double])?[17] ?? 0) - 37.18186152340098) <= 1e-9 * 37.2)
        #expect(chart["beyond"] as? [Int] == [17])
    }

    @Test("t2 of subgroups of consecutive rows")
    func t2OfSubgroups() throws {
        let file = try Self.write(Self.csv)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try BuiltExecutable.run(["spc", "multivariate", "--subgroup-size", "4", file])
        #expect(run.status == 0, "\(run.output)")
        let chart = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        // numpy 2.4 / scipy 1.17, "cli subgroups" in Tests/SPCTests/Support/References/multivariate.py: 5 subgroups of 4.
        let expected = [6.857519103391795, 3.0197736596029445, 1.3097652853101356, 2.334912223570993, 13.693021608551875]
        let statistics = try #require(chart["statistics"] as? [Double])
        #expect(statistics.count == 5)
        for (value, reference) in zip(statistics, expected) { #expect(abs(value - reference) <= 1e-9 * reference) }
        #expect(abs((chart["ucl_phase1"] as? Double ?? 0) - 16.86921521081497) <= 1e-9 * 16.9)
        #expect(chart["subgroup_size"] as? Int == 4 && chart["beyond"] as? [Int] == [])
        let uneven = try BuiltExecutable.run(["spc", "multivariate", "--subgroup-size", "3", file])
        #expect(uneven.status != 0 && uneven.output.contains("do not divide into subgroups of 3"), "\(uneven.output)")
    }

    @Test("pca and bad input")
    func pcaAndErrors() throws {
        let file = try Self.write(Self.csv)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let pca = try BuiltExecutable.run(["spc", "multivariate", "--method", "pca", "--components", "2", file])
        #expect(pca.status == 0, "\(pca.output)")
        let chart = try #require(try JSONSerialization.jsonObject(with: Data(pca.output.utf8)) as? [String: Any])
        #expect(chart["components"] as? Int == 2 && (chart["spe"] as? [Double])?.count == 20)
        let neither = try BuiltExecutable.run(["spc", "multivariate", "--method", "pca", file])
        #expect(neither.status != 0 && neither.output.contains("--components/--variance"), "\(neither.output)")
        let constant = try Self.write("a,b,c\n1,2,3\n2,2,5\n3,2,4\n4,2,8\n5,2,1\n")
        defer { try? FileManager.default.removeItem(atPath: constant) }
        let singular = try BuiltExecutable.run(["spc", "multivariate", constant])
        #expect(singular.status != 0 && singular.output.contains("variable b is constant"), "\(singular.output)")
        let ragged = try Self.write("a,b\n1,2\n3\n")
        defer { try? FileManager.default.removeItem(atPath: ragged) }
        let short = try BuiltExecutable.run(["spc", "multivariate", ragged])
        #expect(short.status != 0 && short.output.contains("row 1 (line 3): 1 values where the header names 2 variables"), "\(short.output)")
    }
}
