/// A run rule (sensitizing rule) of a Shewhart chart.
///
/// Western Electric rules: Western Electric, Statistical Quality Control Handbook (1956), and
/// Montgomery, Introduction to Statistical Quality Control, 7th ed., §5.3.6. Nelson rules:
/// L. S. Nelson, "The Shewhart Control Chart—Tests for Special Causes", Journal of Quality
/// Technology 16(4), 1984. Conventions shared by all rules (σ is the sigma of the plotted statistic):
/// - "beyond kσ" is strict: a point exactly on c ± kσ is not beyond it;
/// - a point exactly on the center line is on neither side and breaks a same-side run;
/// - a rule fires at the point that completes the pattern, and at every later point for which the
///   window ending there still forms the pattern; for the k-of-m rules that point must itself be one
///   of the points beyond; windows must be complete (no partial window at the start of the data);
/// - a trend is 6 points with 5 strictly increasing (or decreasing) steps, and a tie breaks it;
///   alternation is 14 points with 13 steps alternating in sign, and a tie breaks it;
/// - Nelson 7 counts |z| ≤ 1 as inside 1σ; Nelson 8 needs 8 points in a row with |z| > 1, on
///   either side.
public enum RunRule: String, Sendable, CaseIterable, Hashable, Codable {
    /// One point beyond 3σ.
    case we1 = "WE1"
    /// Two of three consecutive points beyond 2σ on the same side.
    case we2 = "WE2"
    /// Four of five consecutive points beyond 1σ on the same side.
    case we3 = "WE3"
    /// Eight consecutive points on the same side of the center line.
    case we4 = "WE4"
    /// One point beyond 3σ.
    case n1 = "N1"
    /// Nine points in a row on the same side of the center line.
    case n2 = "N2"
    /// Six points in a row steadily increasing or decreasing.
    case n3 = "N3"
    /// Fourteen points in a row alternating up and down.
    case n4 = "N4"
    /// Two of three points in a row beyond 2σ on the same side.
    case n5 = "N5"
    /// Four of five points in a row beyond 1σ on the same side.
    case n6 = "N6"
    /// Fifteen points in a row within 1σ (|z| ≤ 1) of the center line.
    case n7 = "N7"
    /// Eight points in a row with none within 1σ, on either side.
    case n8 = "N8"
}
