/// The phase I procedure shared by all charts: pick the window, estimate, and optionally drop the
/// points beyond the limits and estimate again until none is left.
enum PhaseOne {
    /// The phase I window for `count` rows.
    static func window(_ requested: Range<Int>?, count: Int) throws(SPCError) -> Range<Int> {
        guard count > 0 else { throw .emptyData }
        guard let requested else { return 0..<count }
        guard !requested.isEmpty, requested.lowerBound >= 0, requested.upperBound <= count else {
            throw .invalidPhaseOneWindow(lower: requested.lowerBound, upper: requested.upperBound, count: count)
        }
        return requested
    }

    struct Outcome<Parameters> {
        var parameters: Parameters
        var primary: ControlChart
        var secondary: ControlChart?
        var window: Range<Int>
        var excluded: [Int]
    }

    /// Runs phase I.
    ///
    /// - Parameters:
    ///   - count: number of rows.
    ///   - options: the chart options (window, drop).
    ///   - dropUsesSecondary: whether points beyond on the secondary panel are dropped too (subgroup
    ///     charts); false for I-MR, where a large moving range belongs to two rows.
    ///   - estimate: estimates the parameters from the rows marked true.
    ///   - build: builds the panels over all rows from the parameters; `withRules` is false while
    ///     iterating, when only `beyond` matters.
    static func run<Parameters>(
        count: Int,
        options: ChartOptions,
        dropUsesSecondary: Bool = true,
        estimate: ([Bool]) throws(SPCError) -> Parameters,
        build: (Parameters, _ withRules: Bool) -> (ControlChart, ControlChart?)
    ) throws(SPCError) -> Outcome<Parameters> {
        let window = try window(options.phaseOne, count: count)
        var included = [Bool](repeating: false, count: count)
        for row in window { included[row] = true }
        var excluded: [Int] = []
        var parameters = try estimate(included)
        if options.dropOutOfControl {
            while true {
                let (primary, secondary) = build(parameters, false)
                let secondaryBeyond = dropUsesSecondary ? (secondary?.beyond ?? []) : []
                let out = Set(primary.beyond + secondaryBeyond).filter { included[$0] }
                if out.isEmpty { break }
                for row in out { included[row] = false }
                excluded.append(contentsOf: out)
                guard included.contains(true) else {
                    throw .degenerateSpread(reason: "every phase I row was dropped as out of control")
                }
                parameters = try estimate(included)
            }
        }
        let (primary, secondary) = build(parameters, true)
        return Outcome(parameters: parameters, primary: primary, secondary: secondary, window: window, excluded: excluded.sorted())
    }
}
