/// Where the σ of a short-run Z-MR chart comes from (Minitab's "by part" and "constant").
public enum ShortRunSigma: String, Sendable, CaseIterable, Codable {
    /// Each part its own σ: MR̄/d2(2) over the moving ranges between its consecutive values.
    case part
    /// One σ for all parts: MR̄/d2(2) over the moving ranges of every part, pooled.
    case constant
}
