import Foundation
import MendCore
import Testing

/// The timer queue: which rows a snapshot queues, a warning's breach, and what a missing row means.
@Suite struct SlaTimerQueueTests {
    let opened = Date(timeIntervalSince1970: 1_800_000_000)

    /// A P1 opened at `opened` on the standard policy, around the clock: all four clocks running.
    var snapshot: SlaSnapshot {
        let clocks = SlaEngine.clocks(
            history: SlaHistory(start: opened), priority: .p1, policy: .standard, calendar: .always, now: opened)
        return SlaSnapshot(policy: "Standard", calendar: BusinessCalendar.always.jsonText, clocks: clocks)
    }

    @Test func aSnapshotQueuesEveryTimerOfItsRunningClocks() {
        let rows = SlaTimerQueue.rows(of: snapshot, fired: [])
        let running = snapshot.clocks.filter { $0.phase == .running }
        #expect(Set(rows.map(\.clock)) == Set(running.map(\.kind)))
        // A warning and a breach per running clock.
        #expect(rows.filter(\.isBreach).count == running.count)
        #expect(rows.filter { !$0.isBreach }.count == running.count)
        let response = snapshot.clocks.first { $0.kind == .response }!
        #expect(rows.first { $0.key == "response.warning" }?.at == response.warnAt)
        #expect(rows.first { $0.key == "response.breach" }?.at == response.dueAt)
    }

    @Test func aFiredTimerIsNotQueuedAgain() {
        let rows = SlaTimerQueue.rows(of: snapshot, fired: ["response.warning"])
        #expect(rows.filter { $0.clock == .response }.map(\.key) == ["response.breach"])
        #expect(
            SlaTimerQueue.rows(of: snapshot, fired: ["response.warning", "response.breach"]).allSatisfy {
                $0.clock != .response
            })
    }

    @Test func theBreachOfAWarningIsDueAtItsDeadline() {
        let warning = SlaTimerQueue.rows(of: snapshot, fired: []).first { $0.clock == .update && !$0.isBreach }!
        let breach = SlaTimerQueue.breach(of: warning)!
        #expect(breach.key == warning.key.replacingOccurrences(of: "warning", with: "breach"))
        #expect(breach.key.hasPrefix("update.breach."))
        #expect(breach.isBreach && breach.at == warning.deadline)
        #expect(SlaTimerQueue.rows(of: snapshot, fired: []).contains(breach))
        #expect(SlaTimerQueue.breach(of: breach) == nil)
    }

    @Test func rowsGoneFromTheQueueAreTheTimersThatFired() {
        let queued = snapshot.pendingTimers(fired: [])
        // Response: its breach row remains, so only its warning fired. Restoration: no row left, both fired.
        // Resolution: both rows remain. Update: its warning fired, its breach remains.
        let remaining: Set<String> = Set(
            ["response.breach", "resolution.warning", "resolution.breach"]
                + queued.filter { $0.clock == .update && $0.isBreach }.map(\.key))
        let fired = SlaTimerQueue.firedSince(queued: queued, remaining: remaining)
        let updateWarning = queued.first { $0.clock == .update && !$0.isBreach }!.key
        #expect(fired == ["response.warning", "restoration.warning", "restoration.breach", updateWarning])
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
