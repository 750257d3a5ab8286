import SPC

/// The JSON objects of `histd spc chart` (keys documented in docs/spc.md).
enum ChartReport {
    static func json(_ analysis: ChartAnalysis) -> [String: Any] {
        var report = panel(analysis.primary)
        report["type"] = analysis.type.rawValue
        report["sigma"] = SPCJSON.number(analysis.sigma)
        report["sigma_method"] = analysis.sigmaMethod.rawValue
        report["phase1"] = [analysis.phaseOne.lowerBound, analysis.phaseOne.upperBound]
        report["excluded"] = analysis.excluded
        if let secondary = analysis.secondary {
            var second = panel(secondary)
            second["type"] = secondaryName(analysis.type)
            second["sigma"] = SPCJSON.number(analysis.sigma)
            second["sigma_method"] = analysis.sigmaMethod.rawValue
            report["secondary"] = second
        }
        return report
    }

    static func json(_ chart: CUSUMChart, k: Double, h: Double, headStart: Double) -> [String: Any] {
        [
            "type": ChartType.cusum.rawValue,
            "center": SPCJSON.number(chart.center),
            "sigma": SPCJSON.number(chart.sigma),
            "sigma_method": chart.sigmaMethod.rawValue,
            "k": k,
            "h": h,
            "head_start": headStart,
            "reference_value": SPCJSON.number(chart.referenceValue),
            "decision_interval": SPCJSON.number(chart.decisionInterval),
            "ucl": SPCJSON.number(chart.decisionInterval),
            "lcl": SPCJSON.number(-chart.decisionInterval),
            "statistics": chart.statistics.map(SPCJSON.number),
            "upper": chart.upper.map(SPCJSON.number),
            "lower": chart.lower.map(SPCJSON.number),
            "upper_signals": chart.upperSignals,
            "lower_signals": chart.lowerSignals,
            "beyond": chart.signals,
            "violations": [Any](),
            "phase1": [chart.phaseOne.lowerBound, chart.phaseOne.upperBound],
        ]
    }

    static func panel(_ chart: ControlChart) -> [String: Any] {
        [
            "center": series(chart.center),
            "lcl": series(chart.lower),
            "ucl": series(chart.upper),
            "statistics": chart.statistics.map { $0.map(SPCJSON.number) ?? SPCJSON.null },
            "beyond": chart.beyond,
            "violations": chart.violations.map { ["rule": $0.rule.rawValue, "index": $0.index, "points": $0.points] as [String: Any] },
        ]
    }

    static func series(_ series: LimitSeries) -> Any {
        switch series {
        case .constant(let value): return SPCJSON.number(value)
        case .perPoint(let values): return values.map(SPCJSON.number)
        }
    }

    static func secondaryName(_ type: ChartType) -> String {
        switch type {
        case .xbarR: return "r"
        case .xbarS: return "s"
        default: return "mr"
        }
    }
}
