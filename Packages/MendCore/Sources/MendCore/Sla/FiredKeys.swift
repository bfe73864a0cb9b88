/// The keys of what already fired for a ticket (SLA warnings and breaches, escalation levels, the after-hours
/// page, the CSR reminder): each fires once, so a key once in the set stays there.
public struct FiredKeys: Sendable, Equatable {
    public private(set) var keys: Set<String>

    public init(_ keys: Set<String> = []) { self.keys = keys }

    /// The stored text: keys separated by spaces (nil and "" are the empty set).
    public init(text: String?) {
        keys = Set((text ?? "").split(separator: " ").map(String.init))
    }

    /// The stored text, sorted so equal sets are stored alike.
    public var text: String { keys.sorted().joined(separator: " ") }

    public func contains(_ key: String) -> Bool { keys.contains(key) }

    /// Records `key` as fired.
    public mutating func insert(_ key: String) { keys.insert(key) }

    /// Records every key of `other` as fired.
    public mutating func formUnion(_ other: some Sequence<String>) { keys.formUnion(other) }

    /// The escalation keys that count for a ticket of `priority`: level keys carry their priority ("p1.L1"), so a
    /// ticket raised to P1 meets the P1 policy's levels afresh; keys without one ("page", "csr") always count.
    public func watchKeys(for priority: Priority) -> Set<String> {
        let prefix = "\(priority.rawValue)."
        return Set(
            keys.compactMap { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : ($0.contains(".") ? nil : $0) })
    }
}
