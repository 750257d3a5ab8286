/// Why an OEE input was rejected. Every case names the item it is about.
public enum OEEError: Error, Equatable, Sendable {
    /// A time window (shift or break) whose end is not after its start. `item` names it.
    case emptyWindow(item: String, start: Int64, end: Int64)
    /// A planned break that does not lie inside its shift.
    case breakOutsideShift(shift: String, breakIndex: Int)
    /// Two planned breaks of one shift overlap.
    case breaksOverlap(shift: String, first: Int, second: Int)
    /// Two shifts of a calendar overlap (calendar shifts must be disjoint).
    case shiftsOverlap(first: String, second: String)
    /// A state code that is not RUN, DOWN, SETUP or NO_DATA.
    case unknownState(String)
    /// A count event or counter sample with a negative value.
    case negativeCount(item: String, value: Int64)
    /// A count above the per-event limit (``CountEvent/maximumCount``).
    case countTooLarge(item: String, value: Int64)
    /// A PLC counter reading not below the configured rollover modulus.
    case counterOutOfRange(item: String, value: Int64, modulus: Int64)
    /// An ideal cycle time that is not a positive, finite number of seconds up to one day.
    case invalidIdealCycleTime(item: String, seconds: Double)
    /// A micro-stop threshold that is negative or not finite.
    case invalidMicroStopThreshold(seconds: Double)
    /// A counter rollover modulus that is not positive.
    case invalidCounterModulus(Int64)
    /// A shift pattern whose local times cannot be resolved in its time zone.
    case unresolvableLocalTime(pattern: String, day: String)
    /// A product of ideal cycle time and count that does not fit into 64-bit nanoseconds.
    case arithmeticOverflow(item: String)
}

extension OEEError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .emptyWindow(let item, let start, let end):
            "\(item): end (\(end) ns) must be after start (\(start) ns)"
        case .breakOutsideShift(let shift, let breakIndex):
            "shift \(shift): break \(breakIndex) lies outside the shift"
        case .breaksOverlap(let shift, let first, let second):
            "shift \(shift): breaks \(first) and \(second) overlap"
        case .shiftsOverlap(let first, let second):
            "shift \(second) overlaps shift \(first)"
        case .unknownState(let code):
            "unknown state \"\(code)\" (expected RUN, DOWN, SETUP or NO_DATA)"
        case .negativeCount(let item, let value):
            "\(item): negative count \(value)"
        case .countTooLarge(let item, let value):
            "\(item): count \(value) exceeds the limit of \(CountEvent.maximumCount) per event"
        case .counterOutOfRange(let item, let value, let modulus):
            "\(item): counter reading \(value) is not below the rollover modulus \(modulus)"
        case .invalidIdealCycleTime(let item, let seconds):
            "\(item): ideal cycle time \(seconds) s must be positive, finite and at most 86400 s"
        case .invalidMicroStopThreshold(let seconds):
            "micro-stop threshold \(seconds) s must be finite and not negative"
        case .invalidCounterModulus(let modulus):
            "counter rollover modulus \(modulus) must be positive"
        case .unresolvableLocalTime(let pattern, let day):
            "shift pattern \(pattern): its local times on \(day) do not exist in the time zone"
        case .arithmeticOverflow(let item):
            "\(item): ideal cycle time times count overflows 64-bit nanoseconds"
        }
    }
}
