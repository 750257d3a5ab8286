import Historian

/// The InfluxQL statements histd runs (see docs/http-api.md, "InfluxQL").
package indirect enum InfluxQLStatement: Equatable, Sendable {
    /// Databases are namespaces that exist once written to: accepted and nothing to do.
    case createDatabase(String)
    case showDatabases
    case showRetentionPolicies
    case showMeasurements(InfluxQLNameFilter?, where: InfluxQLTagPredicate? = nil, limit: Int?, offset: Int)
    /// `SHOW SERIES`: one `key` (`m,tag=v,...`) per measurement and tag set.
    case showSeries(measurement: String?, where: InfluxQLTagPredicate?, limit: Int?, offset: Int)
    /// `LIMIT` and `OFFSET` of the SHOW ... KEYS and VALUES statements count the rows of each measurement.
    case showTagKeys(measurement: String?, where: InfluxQLTagPredicate? = nil, limit: Int? = nil, offset: Int = 0)
    case showTagValues(measurement: String?, keys: InfluxQLNameFilter, where: InfluxQLTagPredicate?, limit: Int? = nil, offset: Int = 0)
    /// `SHOW TAG VALUES [EXACT] CARDINALITY`: the number of distinct (key, value) pairs per measurement.
    case showTagValuesCardinality(measurement: String?, keys: InfluxQLNameFilter, where: InfluxQLTagPredicate?)
    case showFieldKeys(measurement: String?, limit: Int? = nil, offset: Int = 0)
    case select(InfluxQLSelect)
    /// `DROP SERIES` (every time) and `DELETE` (within the time bounds): the samples of the
    /// selected series are deleted; the series stay registered (admin scope).
    case delete(measurement: String?, where: InfluxQLTagPredicate?, from: Int64?, to: Int64?)
    /// A SHOW statement with `ON db`: run as if `db` named that database.
    case onDatabase(String, InfluxQLStatement)

    /// Whether the statement changes stored data (`DROP SERIES`, `DELETE`): the admin scope's.
    package var deletesData: Bool {
        switch self {
        case .delete: true
        case .onDatabase(_, let inner): inner.deletesData
        default: false
        }
    }
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
        /// nil for raw values (also under a transform: `cumulative_sum(v)`).
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
            guard transform == nil else { return false }
            switch function {
            case .aggregate(.first), .aggregate(.last), .aggregate(.min), .aggregate(.max), .percentile: return true
            default: return false
            }
        }

        /// Transformations and integral(): InfluxDB answers them without fill().
        var isUnfilled: Bool {
            if transform != nil { return true }
            if case .integral = function { return true }
            return false
        }

        /// Functions whose answer is several rows per interval (`distinct`, `top`, `bottom`).
        var isMultiRow: Bool {
            switch function {
            case .distinct, .top: true
            default: false
            }
        }

        /// Whether histd computes it from decoded samples rather than from the engine's rollups.
        var needsSamples: Bool {
            switch function {
            case .mode, .distinct, .countDistinct, .integral, .top: true
            case nil: transform != nil
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
        /// The most frequent value (InfluxDB's ties: see ``InfluxQLReducer``).
        case mode
        /// Every distinct value, one row each.
        case distinct
        /// The number of distinct values.
        case countDistinct
        /// The area under the samples per `unit` nanoseconds (trapezoids, InfluxDB's way).
        case integral(unit: Int64)
        /// The `count` largest (`largest`) or smallest samples, at most one per combination of
        /// the values of `tags` when tags are named; one row each, in time order.
        case top(largest: Bool, count: Int, tags: [String])
    }

    /// InfluxQL's transformations of an aggregate per `GROUP BY time()` interval.
    package enum Transform: Equatable, Sendable {
        /// Change per `unit` nanoseconds (per interval when nil).
        case derivative(unit: Int64?, nonNegative: Bool)
        case difference(nonNegative: Bool)
        /// The running sum.
        case cumulativeSum
        /// The mean of the last `count` values.
        case movingAverage(count: Int)
        /// The time since the previous value, in `unit` nanoseconds.
        case elapsed(unit: Int64)
    }

    /// A condition on a tag.
    package struct TagCondition: Hashable, Sendable {
        enum Operator: String, Hashable, Sendable { case equals = "=", notEquals = "!=", matches = "=~", notMatches = "!~" }
        var key: String
        var `operator`: Operator
        var value: String
    }

    /// How empty buckets of `GROUP BY time` are answered.
    package enum Fill: Equatable, Sendable {
        case null, none, previous, linear
        case number(Double)
    }

    var columns: [Column]
    var measurement: String
    /// `FROM a, b` and `FROM /re/`: the measurements answered one after the other, in name order;
    /// empty for the one ``measurement``.
    var sources: [Source] = []

    /// A measurement named in FROM, or a regular expression its names match anywhere.
    package enum Source: Equatable, Sendable {
        case name(String)
        case pattern(String)
    }
    /// The tag part of WHERE; nil selects every series.
    var tagPredicate: InfluxQLTagPredicate?
    /// Inclusive lower bound (ns).
    var from: Int64?
    /// Exclusive upper bound (ns).
    var to: Int64?
    /// `GROUP BY time(...)`, in nanoseconds.
    var interval: Int64?
    /// The offset of `GROUP BY time(interval, offset)`, in `[0, interval)`.
    var intervalOffset: Int64 = 0
    /// The conditions on field values of WHERE (with the tag conditions they are joined to by OR),
    /// tested on each row; nil when WHERE holds none.
    var rowCondition: InfluxQLRowCondition?
    /// The answer's columns when they compute on the ``columns`` (`mean(v) * 1.8 + 32`); nil when
    /// each column is answered as it is.
    var outputs: [InfluxQLArithmetic]?
    /// `GROUP BY` tag keys; `["*"]` for every tag.
    var groupByTags: [String] = []
    var fill: Fill = .null
    var descending = false
    var limit: Int?
    /// `OFFSET`: rows of each series skipped.
    var offset = 0
    /// `SLIMIT`: the number of series answered.
    var seriesLimit: Int?
    /// `SOFFSET`: series skipped.
    var seriesOffset = 0
    /// `tz('Area/City')`: local intervals and times.
    var timeZone: InfluxQLTimeZone?

    var isAggregate: Bool { columns.contains { $0.function != nil } }

    /// Whether the statement runs on decoded samples: conditions on field values, the functions
    /// rollups do not hold, and transformations of raw values.
    var needsSamples: Bool { rowCondition != nil || columns.contains(where: \.needsSamples) }

    /// The answer's column names (without `time`).
    var outputNames: [String] { outputs.map { $0.map(\.name) } ?? columns.map(\.name) }
}
