import Foundation

/// The zone of `tz('Area/City')`: `GROUP BY time()` intervals start at local boundaries (a day
/// has 23 or 25 hours across a daylight-saving change) and RFC 3339 times are written with the
/// zone's offset, as InfluxDB 1.x does.
package struct InfluxQLTimeZone: Equatable, Sendable {
    /// The IANA name (`Europe/Berlin`).
    package let identifier: String
    private let zone: TimeZone

    /// The zone named `identifier`; nil for a name the system's zone database does not hold.
    init?(_ identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    /// Seconds east of UTC at `nanoseconds` since the epoch.
    package func utcOffset(at nanoseconds: Int64) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(nanoseconds / 1_000_000_000)))
    }

    /// InfluxDB 1.6's interval `[start, end)` that holds `time`, for intervals of `width` shifted
    /// by `offset` (ns): aligned in local time, and moved by a change of the zone's offset smaller
    /// than the interval (`IteratorOptions.Window`).
    func window(of time: Int64, width: Int64, offset: Int64) -> (start: Int64, end: Int64) {
        func zoneOffset(_ nanoseconds: Int64) -> Int64 { Int64(utcOffset(at: nanoseconds)) * 1_000_000_000 }
        let shifted = time &- offset
        let zone = zoneOffset(shifted)
        var sinceBoundary = (shifted &+ zone) % width
        if sinceBoundary < 0 { sinceBoundary += width }
        var start = shifted &- sinceBoundary
        let startChange = zone - zoneOffset(start)
        if startChange != 0, abs(startChange) < width { start &+= startChange }
        var end = shifted &+ (width - sinceBoundary)
        let endZone = zoneOffset(end)
        let endChange = zone - endZone
        if endChange != 0, abs(endChange) < width, endChange > 0 || zoneOffset(end &+ endChange) == endZone { end &+= endChange }
        return (start &+ offset, end &+ offset)
    }
}
