import Historian

/// The InfluxQL statements histd runs (see docs/http-api.md, "InfluxQL").
package enum InfluxQLStatement: Equatable, Sendable {
    /// Databases are namespaces that exist once written to: accepted and nothing to do.
    case createDatabase(String)
    case showDatabases
    case showRetentionPolicies
    case showMeasurements(InfluxQLNameFilter?, limit: Int?)
    case showTagKeys(measurement: String?)
    case showTagValues(measurement: String?, keys: InfluxQLNameFilter, where: InfluxQLTagPredicate?)
    case showFieldKeys(measurement: String?)
    case select(InfluxQLSelect)
}

/// Tag conditions joined by AND and OR.
package indirect enum InfluxQLTagPredicate: Equatable, Sendable {
    case condition(InfluxQLSelect.TagCondition)
    case all([InfluxQLTagPredicate])
    case any([InfluxQLTagPredicate])
}

/// `= name`, `IN (a, b)`, `=~ /pattern/` and `!~ /pattern/` in SHOW statements.
package enum InfluxQLNameFilter: Equatable, Sendable {
    case equals([String])
    case matches(String)
    case notMatches(String)
}

/// A `SELECT` statement.
package struct InfluxQLSelect: Equatable, Sendable {
    /// One column of the answer: a field's raw values or an aggregate of them.
    package struct Column: Equatable, Sendable {
        /// nil for raw values.
        var function: Function?
        /// The field, or `*` for every field (raw values only).
        var field: String
        /// The column's name in the answer: the alias, the function or the field.
        var name: String
        /// A change between consecutive intervals of the aggregate: `derivative(mean(v), 1s)`.
        var transform: Transform? = nil

        init(function: Function?, field: String, name: String, transform: Transform? = nil) {
            self.function = function
            self.field = field
            self.name = name
            self.transform = transform
        }

        init(aggregate: Aggregate?, field: String, name: String, transform: Transform? = nil) {
            self.init(function: aggregate.map { .aggregate($0) }, field: field, name: name, transform: transform)
        }

        /// The Historian aggregate the function is, if it is one.
        var aggregate: Aggregate? {
            if case .aggregate(let aggregate) = function { aggregate } else { nil }
        }

        /// first, last, min, max and percentile select a sample: alone without `GROUP BY time()`
        /// they answer with its time.
        var isSelector: Bool {
            switch function {
            case .aggregate(.first), .aggregate(.last), .aggregate(.min), .aggregate(.max), .percentile: true
            default: false
            }
        }
    }

    /// A function of a field's values per interval.
    package enum Function: Equatable, Sendable {
        case aggregate(Aggregate)
        /// Largest minus smallest value.
        case spread
        /// The middle value, or the mean of the two middle ones.
        case median
        /// The value at the nearest rank of this percentage (0-100).
        case percentile(Double)
    }

    /// InfluxQL's transformations of an aggregate per `GROUP BY time()` interval.
    package enum Transform: Equatable, Sendable {
        /// Change per `unit` nanoseconds (per interval when nil).
        case derivative(unit: Int64?, nonNegative: Bool)
        case difference(nonNegative: Bool)
    }

    /// A condition on a tag.
    package struct TagCondition: Equatable, Sendable {
        enum Operator: String, Equatable, Sendable { case equals = "=", notEquals = "!=", matches = "=~", notMatches = "!~" }
        var key: String
        var `operator`: Operator
        var value: String
    }

    /// How empty buckets of `GROUP BY time` are answered.
    package enum Fill: Equatable, Sendable {
        case null, none, previous
        case number(Double)
    }

    var columns: [Column]
    var measurement: String
    /// The tag part of WHERE; nil selects every series.
    var tagPredicate: InfluxQLTagPredicate?
    /// Inclusive lower bound (ns).
    var from: Int64?
    /// Exclusive upper bound (ns).
    var to: Int64?
    /// `GROUP BY time(...)`, in nanoseconds.
    var interval: Int64?
    /// `GROUP BY` tag keys; `["*"]` for every tag.
    var groupByTags: [String] = []
    var fill: Fill = .null
    var descending = false
    var limit: Int?

    var isAggregate: Bool { columns.contains { $0.function != nil } }
}
