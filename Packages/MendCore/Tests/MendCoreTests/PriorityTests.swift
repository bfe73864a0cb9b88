import Foundation
import MendCore
import Testing

@Suite struct PriorityTests {
    @Test(arguments: [
        (Impact.high, Urgency.high, Priority.p1), (.high, .medium, .p2), (.high, .low, .p3),
        (.medium, .high, .p2), (.medium, .medium, .p3), (.medium, .low, .p4),
        (.low, .high, .p3), (.low, .medium, .p4), (.low, .low, .p4),
    ])
    func standardMatrix(impact: Impact, urgency: Urgency, expected: Priority) {
        #expect(PriorityMatrix.standard.priority(impact: impact, urgency: urgency) == expected)
    }

    @Test func p1IsTheGreatest() {
        #expect(Priority.p1 > Priority.p2)
        #expect(Priority.allCases.max() == .p1)
        #expect(Priority.p4.level == 4)
    }

    @Test func aMatrixMustNameEveryCell() {
        var cells = PriorityMatrix.standard.cells
        cells["low/low"] = nil
        cells["huge/low"] = .p1
        #expect(
            throws: ValidationError([
                FieldProblem(field: "cells.low/low", message: "is missing"),
                FieldProblem(field: "cells.huge/low", message: "is not an impact/urgency pair"),
            ])
        ) { try PriorityMatrix(cells: cells) }
    }

    @Test func anAdminMatrixIsUsed() throws {
        var cells = PriorityMatrix.standard.cells
        cells["medium/high"] = .p1
        #expect(try PriorityMatrix(cells: cells).priority(impact: .medium, urgency: .high) == .p1)
    }

    @Test func loweringNeedsPermissionAndReason() throws {
        #expect(throws: TicketError.notPermitted(.lowerPriority)) {
            try PriorityChangeRule.check(from: .p1, to: .p3, reason: "because", permissions: [])
        }
        #expect(throws: TicketError.reasonRequired(action: "lower priority")) {
            try PriorityChangeRule.check(from: .p1, to: .p3, reason: nil, permissions: [.lowerPriority])
        }
        try PriorityChangeRule.check(from: .p1, to: .p3, reason: "Client confirmed one user only", permissions: [.lowerPriority])
    }

    @Test func raisingNeedsNothing() throws {
        try PriorityChangeRule.check(from: .p4, to: .p1, reason: nil, permissions: [])
    }
}
