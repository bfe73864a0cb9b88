import Foundation
import MendCore
import Testing

@Suite struct StatusMachineTests {
    @Test(arguments: TicketStatus.working)
    func workingStatusesCanRestoreOrExitButNotResolveDirectly(status: TicketStatus) {
        let targets = StatusMachine.targets(from: status)
        #expect(targets.contains(.restored))
        #expect(targets.contains(.escalatedOut))
        #expect(targets.contains(.handedOff))
        #expect(!targets.contains(.resolved))
        #expect(!targets.contains(.closed))
        #expect(!targets.contains(status))
    }

    @Test func newTicketCannotBeClosedOrRestoredAtOnce() {
        let targets = StatusMachine.targets(from: .new)
        #expect(!targets.contains(.closed))
        #expect(!targets.contains(.restored))
        #expect(targets.contains(.assigned))
        #expect(targets.contains(.inProgress))
    }

    @Test func restoredGoesOnToResolvedOrBackToWork() {
        #expect(StatusMachine.targets(from: .restored) == [.inProgress, .resolved])
    }

    @Test(arguments: [TicketStatus.resolved, .escalatedOut, .handedOff, .closed])
    func leavingAnExitForWorkIsAReopen(status: TicketStatus) {
        #expect(StatusMachine.isReopen(from: status, to: .inProgress))
        #expect(StatusMachine.targets(from: status).contains(.inProgress))
    }

    @Test func closedOnlyReopens() {
        #expect(StatusMachine.targets(from: .closed) == [.inProgress])
    }

    @Test func everyStatusHasAWayOut() {
        for status in TicketStatus.allCases {
            #expect(!StatusMachine.targets(from: status).isEmpty, "\(status) is a dead end")
        }
    }

    @Test func openness() {
        #expect(TicketStatus.new.isOpen)
        #expect(TicketStatus.restored.isOpen)
        #expect(!TicketStatus.resolved.isOpen)
        #expect(!TicketStatus.closed.isOpen)
        #expect(!TicketStatus.handedOff.isOpen)
    }
}
