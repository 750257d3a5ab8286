import Historian
import Ingest
import Synchronization
import Time

/// Line protocol ingesters kept between write requests, per precision and database tag, so that a
/// request does not resolve every series of its batch again (measured at about 12 % of the write
/// path's CPU with a fresh ingester per request).
final class IngesterPool: Sendable {
    /// An ingester lent to one request at a time; never shared by two at once.
    final class Lease: @unchecked Sendable {
        let ingester: LineProtocolIngester
        fileprivate let key: Key

        fileprivate init(ingester: LineProtocolIngester, key: Key) {
            self.ingester = ingester
            self.key = key
        }
    }

    fileprivate struct Key: Hashable {
        var precision: TimestampPrecision
        var tags: [SeriesKey.Tag]
    }

    private let historian: Historian
    /// The window written times must lie in; nil accepts any time.
    private let plausibleTimes: PlausibleTimeWindow?
    private let idle = Mutex<[Key: [Lease]]>([:])
    /// Idle ingesters kept per key; more than the usual number of concurrent writers is waste.
    private let keptPerKey = 8

    init(historian: Historian, plausibleTimes: PlausibleTimeWindow?) {
        self.historian = historian
        self.plausibleTimes = plausibleTimes
    }

    /// An ingester ready for a new input.
    func checkOut(precision: TimestampPrecision, tags: [SeriesKey.Tag], defaultTimestamp: Int64) -> Lease {
        let key = Key(precision: precision, tags: tags)
        if let lease = idle.withLock({ $0[key]?.popLast() }) {
            lease.ingester.restart(defaultTimestamp: defaultTimestamp)
            return lease
        }
        let ingester = LineProtocolIngester(
            historian: historian, precision: precision, defaultTimestamp: defaultTimestamp, batchSize: 1 << 22, tags: tags,
            plausibleTimes: plausibleTimes)
        return Lease(ingester: ingester, key: key)
    }

    /// Returns an ingester whose input finished normally (one that failed is dropped instead).
    func checkIn(_ lease: Lease) {
        idle.withLock { idle in
            if idle[lease.key, default: []].count < keptPerKey { idle[lease.key, default: []].append(lease) }
        }
    }
}
