import Foundation

/// One field that failed a rule, named by its JSON path.
public struct FieldProblem: Sendable, Equatable, Codable {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// Input that breaks one or more field rules; nothing is changed when it is thrown.
public struct ValidationError: Error, Sendable, Equatable {
    public var problems: [FieldProblem]

    public init(_ problems: [FieldProblem]) { self.problems = problems }

    public init(field: String, _ message: String) { self.problems = [FieldProblem(field: field, message: message)] }
}

/// Collects field problems so a request reports all of them at once.
public struct FieldChecker: Sendable {
    public private(set) var problems: [FieldProblem] = []

    public init() {}

    /// Requires a non-blank text of at most `max` characters.
    public mutating func required(_ value: String?, _ field: String, max: Int) {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            problems.append(FieldProblem(field: field, message: "is required"))
            return
        }
        length(value, field, max: max)
    }

    /// Limits an optional text to `max` characters, counted as Unicode code points (as JSON Schema counts them).
    public mutating func length(_ value: String?, _ field: String, max: Int) {
        if let value, value.unicodeScalars.count > max {
            problems.append(FieldProblem(field: field, message: "must be at most \(max) characters"))
        }
    }

    /// Requires an integer within a closed range.
    public mutating func range(_ value: Int?, _ field: String, _ range: ClosedRange<Int>) {
        if let value, !range.contains(value) {
            problems.append(
                FieldProblem(field: field, message: "must be between \(range.lowerBound) and \(range.upperBound)"))
        }
    }

    /// Records a problem the caller found itself.
    public mutating func add(_ field: String, _ message: String) {
        problems.append(FieldProblem(field: field, message: message))
    }

    /// Throws every collected problem, if any.
    public func check() throws(ValidationError) {
        if !problems.isEmpty { throw ValidationError(problems) }
    }
}
