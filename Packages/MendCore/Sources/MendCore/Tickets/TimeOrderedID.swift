import Foundation

/// UUIDs that sort by when they were made (RFC 9562 version 7: 48 bits of Unix milliseconds, then random bits),
/// for append-only rows such as events: each new key lands at the end of its index instead of on a random page.
public enum TimeOrderedID {
    /// A new id for `instant`; ids of one millisecond differ in their 74 random bits.
    public static func make(at instant: Date = Date()) -> UUID {
        var random = SystemRandomNumberGenerator()
        let milliseconds = UInt64(max(0, instant.timeIntervalSince1970 * 1_000)) & 0xFFFF_FFFF_FFFF
        // High word: 48 bits of milliseconds, the version nibble, 12 random bits. Low word: the variant, 62 random bits.
        let high = milliseconds << 16 | 0x7000 | (random.next(upperBound: UInt64(0x1000)))
        let low: UInt64 = 0x8000_0000_0000_0000 | (random.next(upperBound: UInt64(0x4000_0000_0000_0000)))
        func byte(_ word: UInt64, _ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: word >> (56 - 8 * UInt64(index))) }
        return UUID(
            uuid: (
                byte(high, 0), byte(high, 1), byte(high, 2), byte(high, 3), byte(high, 4), byte(high, 5), byte(high, 6),
                byte(high, 7), byte(low, 0), byte(low, 1), byte(low, 2), byte(low, 3), byte(low, 4), byte(low, 5),
                byte(low, 6), byte(low, 7)
            ))
    }
}
