#if canImport(Glibc)
    import Glibc
#endif

/// Hands freed memory back to the system after a request that briefly held a lot: a KPI answer over a year of a
/// large MSP reads a million values per measure. glibc keeps what each thread's arena freed, so without this the
/// server's memory grew by a year's lists with each request served on another thread (BENCHMARKS.md).
enum MemoryTrim {
    #if canImport(Glibc)
        /// glibc's `malloc_trim`, which Swift's Glibc module does not export; nil on another C library.
        private static let trim: (@convention(c) (Int) -> Int32)? = {
            guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        }()
    #endif

    static func afterLargeRead() {
        #if canImport(Glibc)
            _ = trim?(0)
        #endif
    }
}
