/// A column of a `SELECT` that computes on other columns: `mean("t") * 1.8 + 32`, `"a" / "b"`.
/// Its leaves are numbers and the statement's ``InfluxQLSelect/columns`` by index.
package struct InfluxQLArithmetic: Equatable, Sendable {
    /// The four operators InfluxQL computes with; `*` and `/` bind tighter than `+` and `-`.
    package enum Operator: String, Equatable, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"
    }

    /// The expression tree.
    package indirect enum Expression: Equatable, Sendable {
        /// The value of the statement's column at this index.
        case column(Int)
        /// A literal; `isInteger` for one written without a decimal point.
        case number(Double, isInteger: Bool)
        case binary(Operator, Expression, Expression)
    }

    /// The column's name in the answer: the alias, else the names of its columns joined by `_`.
    var name: String
    var expression: Expression
}
