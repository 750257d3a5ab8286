/// The OEE of one machine in one shift.
public struct ShiftReport: Equatable, Sendable {
    /// Position of the shift in ``ShiftCalendar/shifts``.
    public let shiftIndex: Int
    /// The shift.
    public let shift: Shift
    /// Figures and ratios of the shift, all products together.
    public let result: OEEResult
    /// Figures per product made in the shift (key nil: before the first product change).
    public let figuresByProduct: [String?: OEEFigures]
}
