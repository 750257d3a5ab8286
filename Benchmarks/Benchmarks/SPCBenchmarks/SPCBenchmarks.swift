import Benchmark
import SPC

/// 10 M individual values, roughly normal around 50 with σ ≈ 1, from a fixed-seed generator.
let pointCount = 10_000_000
let values: [Double] = {
    var state: UInt64 = 0x5EED
    var values = [Double]()
    values.reserveCapacity(pointCount)
    for _ in 0..<pointCount {
        // Sum of four uniforms on [0, 1): mean 2, variance 1/3; scaled to σ = 1.
        var sum = 0.0
        for _ in 0..<4 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            sum += Double(state >> 11) / Double(1 << 53)
        }
        values.append(50 + (sum - 2) * 3.0.squareRoot())
    }
    return values
}()

let zones = ZoneBoundaries(center: 50, sigma: 1)

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(20),
        maxIterations: 5
    )

    Benchmark("Nelson rules 1-8, 10M points", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(RunRuleEvaluator.evaluate(values, zones: zones, rules: .nelson))
        }
    }

    Benchmark("Western Electric rules 1-4, 10M points", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(RunRuleEvaluator.evaluate(values, zones: zones, rules: .westernElectric))
        }
    }

    Benchmark("I-MR chart with Nelson rules, 10M points", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try IndividualsChart.analyze(values, options: ChartOptions(rules: .nelson)))
        }
    }

    Benchmark("Capability study with Anderson-Darling, 10M points", configuration: configuration) { benchmark in
        let specification = try SpecificationLimits(lower: 45, upper: 55, target: 50)
        for _ in benchmark.scaledIterations {
            blackHole(try CapabilityStudy.individuals(values, specification: specification))
        }
    }

    Benchmark("Streaming capability accumulator, 10M points", configuration: configuration) { benchmark in
        let specification = try SpecificationLimits(lower: 45, upper: 55, target: 50)
        for _ in benchmark.scaledIterations {
            var accumulator = try CapabilityAccumulator(specification: specification)
            for value in values { try accumulator.add(value) }
            blackHole(try accumulator.capability())
        }
    }

    multivariateBenchmarks(configuration)
}
