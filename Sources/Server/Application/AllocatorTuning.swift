import CMalloc

/// How the C allocator of the daemon's process keeps memory it has freed.
///
/// glibc gives the free top of a thread's heap back to the kernel once 128 KiB of it are free and
/// maps every block above 128 KiB on its own, so each query answer of a few megabytes (formatted on
/// several threads) faulted its pages in anew: page faults and `madvise` took 16 % of the server's
/// CPU for a 72,000-row raw query (BENCHMARKS.md, "Daemon"). Keeping up to ``retainedBytes`` free
/// per heap and serving blocks up to ``largestHeapBlock`` from the heaps lets the next answer reuse
/// them. Elsewhere than glibc nothing changes.
enum AllocatorTuning {
    static let retainedBytes: Int32 = 16 << 20
    static let largestHeapBlock: Int32 = 8 << 20

    /// The chunks of a flush past which the memory its head held is handed back to the kernel.
    static let largeFlushChunks = 100_000

    /// Hands the free memory of every heap back to the kernel (glibc's `malloc_trim`): after a flush
    /// of many small chunks (a million series) the freed head stays mapped, fragmented across the
    /// heaps, and the process kept 1.2 GiB where a restart on the same data takes 0.5. Only after
    /// large flushes: the next head faults its pages in again.
    static func releaseFreeMemory() {
        #if os(Linux) && canImport(Glibc)
        _ = malloc_trim(0)
        #endif
    }

    /// Applies the settings to the whole process; call once at start.
    static func apply() {
        #if os(Linux) && canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, largestHeapBlock)
        _ = mallopt(M_TRIM_THRESHOLD, retainedBytes)
        #endif
    }
}
