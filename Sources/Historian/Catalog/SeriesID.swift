/// The dense integer id of a series in one data directory, from 1 upward.
public typealias SeriesID = UInt32
