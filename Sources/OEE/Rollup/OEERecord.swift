/// One machine's figures for one shift: the unit that roll-ups sum.
public struct OEERecord: Equatable, Sendable {
    /// Machine identifier.
    public var machine: String
    /// Tags of the machine (for example `["line": "L3"]`), for roll-ups by line.
    public var tags: [String: String]
    /// Name of the shift (for example "Night").
    public var shiftName: String
    /// Start of the shift, nanoseconds since the Unix epoch.
    public var shiftStart: Int64
    /// Day the shift starts on in the plant's time zone, `yyyy-MM-dd`.
    public var day: String
    /// Figures of the shift, all products together, with the shift's calendar time for TEEP.
    public var figures: OEEFigures
    /// Figures per product; the key ``OEERollup/missingKey`` stands for time before the first product change.
    public var figuresByProduct: [String: OEEFigures]
}
