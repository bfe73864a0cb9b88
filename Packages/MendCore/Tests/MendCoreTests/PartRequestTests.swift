import Foundation
import MendCore
import Testing

/// Parts (04c.03): forward-only states, refusals that name the rule, and when a ticket waits on parts.
@Suite struct PartRequestTests {
    @Test func aPartMovesForwardOnlyAndIsAwaitedUntilReceived() throws {
        var part = try PartRequest(item: "Power supply 650W", quantity: 1, supplier: "Dell", purchaseOrder: "PO-1")
        #expect(part.isAwaited && PartRequest.waitingOnParts([part]))
        do {
            try part.move(to: .received)
            Issue.record("a part cannot be received before it is ordered")
        } catch {
            #expect(error.problems.first?.message == "cannot go from requested to received; next: ordered")
        }
        try part.move(to: .ordered)
        try part.move(to: .shipped)
        #expect(part.isAwaited)
        try part.move(to: .received)
        #expect(!part.isAwaited && !PartRequest.waitingOnParts([part]))
        try part.move(to: .installed)
        #expect(throws: ValidationError.self) { try part.move(to: .returned) }
        #expect(part.nextStates.isEmpty)
    }

    @Test func onlyAnRMAPartGoesBack() throws {
        var rma = try PartRequest(item: "Switch", quantity: 1, rmaNumber: "RMA-77")
        for state in [PartRequest.State.ordered, .received, .installed, .returned] { try rma.move(to: state) }
        #expect(rma.state == .returned)
        var plain = try PartRequest(item: "Cable", quantity: 3)
        for state in [PartRequest.State.ordered, .received, .installed] { try plain.move(to: state) }
        do {
            try plain.move(to: .returned)
            Issue.record("a part without an RMA is not returned")
        } catch {
            #expect(error.problems.first?.message == "only a part with an RMA number is returned")
        }
    }

    @Test func aTicketWaitsWhileAnyPartIsAwaited() throws {
        var first = try PartRequest(item: "Disk", quantity: 2)
        let second = try PartRequest(item: "Caddy", quantity: 2)
        for state in [PartRequest.State.ordered, .received] { try first.move(to: state) }
        #expect(PartRequest.waitingOnParts([first, second]))
        #expect(!PartRequest.waitingOnParts([first]))
        #expect(!PartRequest.waitingOnParts([]))
    }

    @Test func badRequestsNameEveryField() {
        do {
            _ = try PartRequest(item: " ", quantity: 0)
            Issue.record("a blank item and a zero quantity must be refused")
        } catch {
            #expect(error.problems.map(\.field) == ["item", "quantity"])
        }
    }
}
