/// How values between samples are reconstructed.
public enum Interpolation: UInt8, Sendable, CaseIterable {
    /// The last value holds until the next sample (last observation carried forward): states, setpoints, counters.
    case step = 0
    /// Straight line between neighbouring samples: analog signals.
    case linear = 1
}
