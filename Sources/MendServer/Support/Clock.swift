import Foundation
import NIOConcurrencyHelpers

/// The source of "now" for the whole server; tests pass a clock they control.
public protocol MendClock: Sendable {
    func now() -> Date
}

/// The wall clock, used when Mend serves for real.
public struct SystemClock: MendClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that only moves when told to, for tests and demo data.
public final class ManualClock: MendClock {
    private let current: NIOLockedValueBox<Date>

    public init(_ start: Date) { current = NIOLockedValueBox(start) }

    public func now() -> Date { current.withLockedValue { $0 } }

    public func advance(seconds: TimeInterval) { current.withLockedValue { $0 += seconds } }

    public func set(_ date: Date) { current.withLockedValue { $0 = date } }
}
