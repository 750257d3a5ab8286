import SPC

/// The JSON object of `histd spc capability` (keys documented in docs/spc.md).
enum CapabilityReport {
    static func json(_ study: ProcessCapability) -> [String: Any] {
        var report: [String: Any] = [
            "n": study.count,
            "mean": SPCJSON.number(study.mean),
            "sigma_within": SPCJSON.number(study.sigmaWithin),
            "sigma_overall": SPCJSON.number(study.sigmaOverall),
            "sigma_method": study.sigmaWithinMethod.rawValue,
            "cp": SPCJSON.number(study.cp),
            "cpk": SPCJSON.number(study.cpk),
            "cpl": SPCJSON.number(study.cpl),
            "cpu": SPCJSON.number(study.cpu),
            "cpm": SPCJSON.number(study.cpm),
            "pp": SPCJSON.number(study.pp),
            "ppk": SPCJSON.number(study.ppk),
            "ppl": SPCJSON.number(study.ppl),
            "ppu": SPCJSON.number(study.ppu),
            "ppm": [
                "expected_within": ppm(study.expectedWithin),
                "expected_overall": ppm(study.expectedOverall),
                "observed": ppm(study.observed),
            ],
            "cpk_ci": study.cpkInterval.map {
                ["level": $0.level, "lower": SPCJSON.number($0.lower), "upper": SPCJSON.number($0.upper)] as [String: Any]
            } ?? SPCJSON.null,
        ]
        report["normality"] = study.normality.map {
            [
                "test": "anderson-darling",
                "n": $0.count,
                "a2": SPCJSON.number($0.statistic),
                "a2_adjusted": SPCJSON.number($0.adjustedStatistic),
                "p_value": SPCJSON.number($0.pValue),
            ] as [String: Any]
        } ?? SPCJSON.null
        return report
    }

    static func ppm(_ value: PartsPerMillion) -> [String: Any] {
        ["below": SPCJSON.number(value.below), "above": SPCJSON.number(value.above), "total": SPCJSON.number(value.total)]
    }
}
