import OEE

/// One shift that repeats on every scheduled day at the same wall-clock times, with planned
/// breaks; an end (or break) at or before the start falls on the next day (OEE's `ShiftPattern`).
public struct OEEShiftDefinition: Sendable, Equatable {
    /// A planned break, wall-clock times.
    public struct Break: Sendable, Equatable {
        public var start: LocalTime
        public var end: LocalTime

        public init(start: LocalTime, end: LocalTime) {
            self.start = start
            self.end = end
        }
    }

    /// The shift's name ("Early", "Night").
    public var name: String
    /// Wall-clock start.
    public var start: LocalTime
    /// Wall-clock end (next day when not after the start).
    public var end: LocalTime
    /// Planned breaks.
    public var breaks: [Break]

    public init(name: String, start: LocalTime, end: LocalTime, breaks: [Break] = []) {
        self.name = name
        self.start = start
        self.end = end
        self.breaks = breaks
    }

    /// The OEE module's pattern of this shift.
    var pattern: ShiftPattern {
        ShiftPattern(name: name, start: start, end: end, breaks: breaks.map { (start: $0.start, end: $0.end) })
    }
}
