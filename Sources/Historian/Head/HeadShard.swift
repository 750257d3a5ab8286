import Synchronization

/// One shard of the head behind its own lock, so that writers of series in different shards
/// append concurrently. ``Historian`` documents the order in which its locks are taken.
final class HeadShard: Sendable {
    let head: Mutex<Head>

    init(_ head: Head) {
        self.head = Mutex(head)
    }
}
