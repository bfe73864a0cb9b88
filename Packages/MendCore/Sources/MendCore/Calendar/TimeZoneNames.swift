import Foundation

/// The IANA time zone names Mend accepts: those of the system's zone database, and UTC. `TimeZone(identifier:)`
/// also takes abbreviations and offsets ("EST", "GMT+5"); a calendar or a company names a place instead, and the
/// API document lists exactly these names.
public enum TimeZoneNames {
    /// Every accepted name, sorted.
    public static let known: [String] = Array(Set(TimeZone.knownTimeZoneIdentifiers + ["UTC"])).sorted()

    private static let lookup = Set(known)

    /// Whether `name` is an accepted zone name.
    public static func isKnown(_ name: String) -> Bool { lookup.contains(name) }
}
