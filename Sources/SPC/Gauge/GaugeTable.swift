/// The measurements of a balanced crossed gauge study arranged by part and operator, and its
/// two-way ANOVA (Montgomery, Design and Analysis of Experiments, 8th ed., §5.3).
struct GaugeTable {
    var parts: [String]
    var operators: [String]
    var replicates: Int
    /// cells[part][operator]: the measurements of that cell, in input order.
    var cells: [[[Double]]]

    /// The sums of squares, degrees of freedom and mean squares of the two-way model with interaction.
    struct AnalysisOfVariance {
        var partSquares: Double
        var operatorSquares: Double
        var interactionSquares: Double
        var errorSquares: Double
        var partDegrees: Double
        var operatorDegrees: Double
        var interactionDegrees: Double
        var errorDegrees: Double

        var partMeanSquare: Double { partSquares / partDegrees }
        var operatorMeanSquare: Double { operatorSquares / operatorDegrees }
        var interactionMeanSquare: Double { interactionSquares / interactionDegrees }
        var errorMeanSquare: Double { errorSquares / errorDegrees }
    }

    init(_ measurements: [GaugeMeasurement]) throws(SPCError) {
        var partIndex: [String: Int] = [:]
        var operatorIndex: [String: Int] = [:]
        var parts: [String] = []
        var operators: [String] = []
        for measurement in measurements {
            if partIndex[measurement.part] == nil {
                partIndex[measurement.part] = parts.count
                parts.append(measurement.part)
            }
            if operatorIndex[measurement.operator] == nil {
                operatorIndex[measurement.operator] = operators.count
                operators.append(measurement.operator)
            }
        }
        guard parts.count >= 2 else { throw .insufficientData(reason: "a gauge study needs at least 2 parts, found \(parts.count)") }
        guard operators.count >= 2 else {
            throw .insufficientData(reason: "a gauge study needs at least 2 operators, found \(operators.count)")
        }
        var cells = [[[Double]]](repeating: [[Double]](repeating: [], count: operators.count), count: parts.count)
        for measurement in measurements {
            if let part = partIndex[measurement.part], let operatorNumber = operatorIndex[measurement.operator] {
                cells[part][operatorNumber].append(measurement.value)
            }
        }
        // The count most cells have (the larger on a tie) is the design; a cell that differs is named.
        var frequencies: [Int: Int] = [:]
        for row in cells { for cell in row { frequencies[cell.count, default: 0] += 1 } }
        let replicates = frequencies.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key ?? 0
        for (part, row) in cells.enumerated() {
            for (operatorNumber, cell) in row.enumerated() where cell.count != replicates {
                throw .unbalancedCell(part: parts[part], operator: operators[operatorNumber], count: cell.count, expected: replicates)
            }
        }
        guard replicates >= 2 else {
            throw .insufficientData(reason: "a gauge study needs every operator to measure every part at least twice, found once")
        }
        self.parts = parts
        self.operators = operators
        self.replicates = replicates
        self.cells = cells
    }

    func analysisOfVariance() -> AnalysisOfVariance {
        let p = parts.count
        let o = operators.count
        let r = Double(replicates)
        let cellMeans = cells.map { row in row.map { SampleStatistics($0).mean } }
        let partMeans = cellMeans.map { $0.reduce(0, +) / Double(o) }
        let operatorMeans = (0..<o).map { j in cellMeans.reduce(0) { $0 + $1[j] } / Double(p) }
        let grandMean = partMeans.reduce(0, +) / Double(p)
        var partSquares = 0.0
        for mean in partMeans { partSquares += (mean - grandMean) * (mean - grandMean) }
        var operatorSquares = 0.0
        for mean in operatorMeans { operatorSquares += (mean - grandMean) * (mean - grandMean) }
        var interactionSquares = 0.0
        var errorSquares = 0.0
        for i in 0..<p {
            for j in 0..<o {
                let effect = cellMeans[i][j] - partMeans[i] - operatorMeans[j] + grandMean
                interactionSquares += effect * effect
                for value in cells[i][j] { errorSquares += (value - cellMeans[i][j]) * (value - cellMeans[i][j]) }
            }
        }
        return AnalysisOfVariance(
            partSquares: Double(o) * r * partSquares, operatorSquares: Double(p) * r * operatorSquares,
            interactionSquares: r * interactionSquares, errorSquares: errorSquares,
            partDegrees: Double(p - 1), operatorDegrees: Double(o - 1), interactionDegrees: Double((p - 1) * (o - 1)),
            errorDegrees: Double(p * o) * (r - 1))
    }
}
