import Foundation

/// Carries a value out of a `@Sendable` closure that runs once.
final class Box<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}
