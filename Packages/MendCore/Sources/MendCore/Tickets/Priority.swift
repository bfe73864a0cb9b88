/// How widely an incident hurts the client: one of the two axes of the priority matrix.
public enum Impact: String, Sendable, Codable, CaseIterable, Comparable {
    case high, medium, low

    var rank: Int {
        switch self {
        case .high: 0
        case .medium: 1
        case .low: 2
        }
    }
    public static func < (lhs: Impact, rhs: Impact) -> Bool { lhs.rank > rhs.rank }
}

/// How soon the client needs the incident fixed: the other axis of the priority matrix.
public enum Urgency: String, Sendable, Codable, CaseIterable, Comparable {
    case high, medium, low

    var rank: Int {
        switch self {
        case .high: 0
        case .medium: 1
        case .low: 2
        }
    }
    public static func < (lhs: Urgency, rhs: Urgency) -> Bool { lhs.rank > rhs.rank }
}

/// P1 Critical to P4 Low; `p1` is the most urgent, so it compares as the greatest.
public enum Priority: String, Sendable, Codable, CaseIterable, Comparable {
    case p1, p2, p3, p4

    /// The default display name; an MSP may rename priorities in its own UI text.
    public var title: String {
        switch self {
        case .p1: "P1 Critical"
        case .p2: "P2 High"
        case .p3: "P3 Medium"
        case .p4: "P4 Low"
        }
    }

    /// 1 for P1 .. 4 for P4, the number people say out loud.
    public var level: Int {
        switch self {
        case .p1: 1
        case .p2: 2
        case .p3: 3
        case .p4: 4
        }
    }

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.level > rhs.level }
}

/// Impact x urgency to priority, editable by an admin; the default is the usual ITIL table.
public struct PriorityMatrix: Sendable, Codable, Equatable {
    /// Keyed "impact/urgency", for example "high/medium".
    public private(set) var cells: [String: Priority]

    /// The matrix Mend ships with: P1 only when both axes are high.
    public static let standard = PriorityMatrix(uncheckedCells: [
        "high/high": .p1, "high/medium": .p2, "high/low": .p3,
        "medium/high": .p2, "medium/medium": .p3, "medium/low": .p4,
        "low/high": .p3, "low/medium": .p4, "low/low": .p4,
    ])

    init(uncheckedCells: [String: Priority]) { self.cells = uncheckedCells }

    /// Builds a matrix that must name all nine cells, so no ticket ever lacks a priority.
    public init(cells: [String: Priority]) throws(ValidationError) {
        var problems: [FieldProblem] = []
        for impact in Impact.allCases {
            for urgency in Urgency.allCases where cells[Self.key(impact, urgency)] == nil {
                problems.append(FieldProblem(field: "cells.\(Self.key(impact, urgency))", message: "is missing"))
            }
        }
        let known = Set(Impact.allCases.flatMap { i in Urgency.allCases.map { Self.key(i, $0) } })
        for key in cells.keys.sorted() where !known.contains(key) {
            problems.append(FieldProblem(field: "cells.\(key)", message: "is not an impact/urgency pair"))
        }
        if !problems.isEmpty { throw ValidationError(problems) }
        self.cells = cells
    }

    /// The priority for an impact and urgency.
    public func priority(impact: Impact, urgency: Urgency) -> Priority {
        cells[Self.key(impact, urgency)] ?? .p3
    }

    static func key(_ impact: Impact, _ urgency: Urgency) -> String { "\(impact.rawValue)/\(urgency.rawValue)" }
}
