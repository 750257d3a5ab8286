import Historian

extension InfluxQLArithmetic {
    /// The value of the expression for one row, whose columns are `columns` (without the time):
    /// null where a column it reads is null or not a number. Integers stay integers except under
    /// `/`, and a division by zero is 0, as in InfluxDB 1.x.
    func value(of columns: ArraySlice<InfluxQLExecution.ResultValue>) -> InfluxQLExecution.ResultValue {
        guard let result = Self.evaluate(expression, columns) else { return .null }
        guard result.isInteger, let integer = Int(exactly: result.number) else { return .number(result.number) }
        return .count(integer)
    }

    private static func evaluate(_ expression: Expression, _ columns: ArraySlice<InfluxQLExecution.ResultValue>) -> (number: Double, isInteger: Bool)?
    {
        switch expression {
        case .column(let index):
            let position = columns.startIndex + index
            guard position < columns.endIndex, let number = columns[position].number else { return nil }
            switch columns[position] {
            case .count, .value(.integer), .value(.unsigned): return (number, true)
            default: return (number, false)
            }
        case .number(let number, let isInteger):
            return (number, isInteger)
        case .binary(let operation, let left, let right):
            guard let left = evaluate(left, columns), let right = evaluate(right, columns) else { return nil }
            let isInteger = left.isInteger && right.isInteger
            switch operation {
            case .add: return (left.number + right.number, isInteger)
            case .subtract: return (left.number - right.number, isInteger)
            case .multiply: return (left.number * right.number, isInteger)
            case .divide: return (right.number == 0 ? 0 : left.number / right.number, false)
            }
        }
    }
}
