import Benchmark
import SPC

/// 100,000 observations of 52 variables (the width of the Tennessee Eastman process): 8 latent
/// factors mixed into every variable plus independent noise, from a fixed-seed generator, so the
/// correlation matrix has structure for PCA to find.
let multivariateValues: [Double] = {
    let rows = 100_000
    let columns = 52
    let factors = 8
    var state: UInt64 = 0x7E9
    func uniform() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53) - 0.5
    }
    let weights = (0..<(factors * columns)).map { _ in uniform() }
    var values = [Double](repeating: 0, count: rows * columns)
    var latent = [Double](repeating: 0, count: factors)
    for row in 0..<rows {
        for factor in 0..<factors { latent[factor] = uniform() + uniform() + uniform() }
        for column in 0..<columns {
            var value = 0.3 * (uniform() + uniform())
            for factor in 0..<factors { value += weights[factor * columns + column] * latent[factor] }
            values[row * columns + column] = 10 + Double(column) + value
        }
    }
    return values
}()

let multivariateNames = (1...52).map { "v\($0)" }

/// T² and PCA over 52 variables and 100,000 observations (issue 20: under 1 s each), the first
/// half as phase I.
func multivariateBenchmarks(_ configuration: Benchmark.Configuration) {
    Benchmark("Hotelling T2 individuals, 52 variables x 100k rows", configuration: configuration) { benchmark in
        let observations = try ObservationMatrix(variables: multivariateNames, values: multivariateValues)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try HotellingT2Chart.individuals(observations, phaseOne: 0..<50_000))
        }
    }

    Benchmark("PCA T2 and SPE, 52 variables x 100k rows, 90 % variance", configuration: configuration) { benchmark in
        let observations = try ObservationMatrix(variables: multivariateNames, values: multivariateValues)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try PCAChart.analyze(observations, components: .varianceFraction(0.9), phaseOne: 0..<50_000))
        }
    }
}
