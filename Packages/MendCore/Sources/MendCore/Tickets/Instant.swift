import Foundation

/// A point in time as whole seconds since 1970 UTC: the core's only notion of "when", always passed in.
public typealias Instant = Date
