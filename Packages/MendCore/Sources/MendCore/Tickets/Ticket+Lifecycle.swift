import Foundation

/// The settings the lifecycle rules take from the MSP's configuration.
public struct LifecycleSettings: Sendable, Equatable {
    public var reopenWindowSeconds: Int
    public var verification: VerificationRule

    public init(
        reopenWindowSeconds: Int = ReopenRule.defaultWindowSeconds, verification: VerificationRule = VerificationRule()
    ) {
        self.reopenWindowSeconds = reopenWindowSeconds
        self.verification = verification
    }
}

extension Ticket {
    /// A status change a person asked for: the state machine, the reopen rule and the exit gates, in that order.
    public mutating func transition(
        to target: TicketStatus, reason: String?, now: Instant, settings: LifecycleSettings
    ) throws(TicketError) -> [TicketEvent] {
        let from = status
        let kind = try TransitionRules.check(
            TransitionRequest(
                from: from, to: target, facts: exitFacts, reason: reason, now: now, exitedAt: exitedAt,
                reopenWindowSeconds: settings.reopenWindowSeconds))
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        switch kind {
        case .reopen:
            return [reopen(to: target, reason: reason ?? "", now: now)]
        case .move:
            return [move(to: target, now: now, reason: reason)]
        }
    }

    /// Out of a status of the MSP's own that the process in force retired, into the status it names for the
    /// retired status's tickets; nil when the ticket is not in a retired status.
    public mutating func leaveRetiredStatus(now: Instant) -> TicketEvent? {
        guard let retired = ProcessRules.current.retired(status.rawValue), let target = TicketStatus(known: retired.becomes)
        else { return nil }
        return move(
            to: target, now: now, detail: "\(retired.name) was retired from the process; its tickets are now \(target.title)")
    }

    /// Back to work after an exit: the restoration, verification, client message, resolution and exit path all
    /// belong to the earlier exit and are asked for again; the resolution clock resumes.
    private mutating func reopen(to target: TicketStatus, reason: String, now: Instant) -> TicketEvent {
        let from = status
        reopenCount += 1
        restoredTested = false
        verificationAttempted = false
        clientInformed = false
        resolution = nil
        exitParty = nil
        exitReference = nil
        closedAt = nil
        status = target
        statusSince = now
        return TicketEvent(
            .reopened, .onstage, summary: "Reopened: \(reason)", before: ["status": from.rawValue],
            after: ["status": target.rawValue, "reason": reason])
    }

    /// The test after restoring service (04c.02). A passing test is the only way to Restored; a failing one is
    /// recorded and changes nothing else.
    public mutating func recordRestorationTest(_ test: String, result: TestResult, now: Instant) throws(TicketError)
        -> [TicketEvent]
    {
        try requireOpen("Restoration")
        let test = test.trimmingCharacters(in: .whitespacesAndNewlines)
        guard result == .passed else {
            return [
                TicketEvent(
                    .restorationTested, summary: "Restoration test failed: \(test)",
                    after: ["test": test, "result": result.rawValue])
            ]
        }
        let allowed = StatusMachine.targets(from: status)
        guard allowed.contains(.restored) else {
            throw .illegalTransition(from: status, to: .restored, allowed: StatusMachine.requestable(from: status))
        }
        restoredTested = true
        return [
            TicketEvent(
                .restorationTested, summary: "Restoration test passed: \(test)",
                after: ["test": test, "result": result.rawValue]),
            move(to: .restored, now: now),
        ]
    }

    /// A verification attempt with the client. `earlier` are the attempts since the last reopen, in time order;
    /// "still broken" sends the work back, anything else may meet the verification gate.
    public mutating func recordVerification(
        channel: ContactChannel, outcome: VerificationOutcome, now: Instant, earlier: [VerificationAttempt],
        settings: LifecycleSettings
    ) throws(TicketError) -> [TicketEvent] {
        try requireOpen("Verification")
        var events = [
            TicketEvent(
                .verificationAttempted, .onstage,
                summary: "Verification by \(channel.rawValue): \(outcome.rawValue.replacingOccurrences(of: "_", with: " "))",
                after: ["channel": channel.rawValue, "outcome": outcome.rawValue])
        ]
        guard outcome != .stillBroken else {
            restoredTested = false
            verificationAttempted = false
            if status == .restored {
                events.append(move(to: .inProgress, now: now, detail: "client reports still broken"))
            }
            return events
        }
        verificationAttempted = settings.verification.gateMet(earlier + [VerificationAttempt(at: now, outcome: outcome)])
        return events
    }
}
