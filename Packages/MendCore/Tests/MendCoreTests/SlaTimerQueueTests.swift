import Foundation
import MendCore
import Testing

/// The timer queue: which rows a snapshot queues, what follows a fired warning, and what a missing row means.
@Suite struct SlaTimerQueueTests {
    let opened = Date(timeIntervalSince1970: 1_800_000_000)

    /// A P1 opened at `opened` on the standard policy, around the clock: all four clocks running.
    var snapshot: SlaSnapshot {
        let clocks = SlaEngine.clocks(
            history: SlaHistory(start: opened), priority: .p1, policy: .standard, calendar: .always, now: opened)
        return SlaSnapshot(policy: "Standard", calendar: BusinessCalendar.always.jsonText, clocks: clocks)
    }

    @Test func aSnapshotQueuesOneRowPerRunningClockItsWarningFirst() {
        let heads = SlaTimerQueue.heads(of: snapshot, fired: [])
        #expect(Set(heads.map(\.clock)) == Set(snapshot.clocks.filter { $0.phase == .running }.map(\.kind)))
        #expect(heads.allSatisfy { !$0.isBreach })
        let response = heads.first { $0.clock == .response }!
        #expect(response.key == "response.warning")
        #expect(response.at == snapshot.clocks.first { $0.kind == .response }!.warnAt)
    }

    @Test func aFiredWarningQueuesItsBreachInstead() {
        let heads = SlaTimerQueue.heads(of: snapshot, fired: ["response.warning"])
        let response = heads.first { $0.clock == .response }!
        #expect(response.key == "response.breach")
        #expect(response.at == snapshot.clocks.first { $0.kind == .response }!.dueAt)
        #expect(
            SlaTimerQueue.heads(of: snapshot, fired: ["response.warning", "response.breach"]).allSatisfy {
                $0.clock != .response
            })
    }

    @Test func theFollowerOfAWarningIsItsBreachAtTheDeadline() {
        let warning = SlaTimerQueue.heads(of: snapshot, fired: []).first { $0.clock == .update }!
        let breach = SlaTimerQueue.follower(of: warning)!
        #expect(breach.key == warning.key.replacingOccurrences(of: "warning", with: "breach"))
        #expect(breach.key.hasPrefix("update.breach."))
        #expect(breach.isBreach && breach.at == warning.deadline)
        #expect(SlaTimerQueue.follower(of: breach) == nil)
    }

    @Test func rowsGoneFromTheQueueAreTheTimersThatFired() {
        let queued = snapshot.pendingTimers(fired: [])
        // Response: its breach row remains, so only its warning fired. Restoration: no row left, both fired.
        // Resolution and update: their warning rows remain, nothing fired.
        let remaining: Set<String> = Set(
            ["response.breach", "resolution.warning"] + queued.filter { $0.clock == .update && !$0.isBreach }.map(\.key))
        let fired = SlaTimerQueue.firedSince(queued: queued, remaining: remaining)
        #expect(fired == ["response.warning", "restoration.warning", "restoration.breach"])
        #expect(SlaTimerQueue.firedSince(queued: queued, remaining: Set(queued.map(\.key))).isEmpty)
    }

    @Test func keysReadBackIntoTimers() {
        let timer = SlaTimerQueue.timer(key: "update.warning.3", at: opened, deadline: opened + 60)!
        #expect(timer.clock == .update && !timer.isBreach && timer.deadline == opened + 60)
        #expect(SlaTimerQueue.timer(key: "restoration.breach", at: opened, deadline: nil)?.isBreach == true)
        #expect(SlaTimerQueue.timer(key: SlaTimerQueue.replayKey, at: opened, deadline: nil) == nil)
        #expect(SlaTimerQueue.timer(key: "lunch.warning", at: opened, deadline: nil) == nil)
    }
}
