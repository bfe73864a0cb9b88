import MendCore

extension TicketModel {
    /// What the stored ticket says about the exit conditions, for MendCore's gate rules.
    var exitFacts: ExitFacts {
        ExitFacts(
            restoredAndTested: restoredTested, exitPathRecorded: exitParty != nil,
            verificationAttempted: verificationAttempted, hasResolutionNote: resolution != nil,
            minutesLogged: minutesLogged)
    }
}
