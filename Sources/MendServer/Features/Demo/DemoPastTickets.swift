import Foundation
import MendCore

/// The demo's past year: tickets closed or passed on over the last twelve months, so the reports page shows real
/// trends from the first run. They take the paths a Tier 2 team sees: straight fixes, waits on parts, vendors and
/// clients, reassignments, onsite visits, reopens, escalations out and handoffs; a ticket from a year ago took up to
/// twice as long as a recent one, so the trends show a team getting faster.
extension DemoSeeder {
    static func pastPlan(now: Date, rng: inout SeededGenerator) -> DemoPlan {
        let age = Int.random(in: 2...364, using: &rng)
        let opened = now.addingTimeInterval(-Double(age * 86_400 + Int.random(in: 0..<86_400, using: &rng)))
        let slow = 1 + Double(age) / 365
        func span(_ low: Int, _ high: Int) -> ClosedRange<Int> { Int(Double(low) * slow)...Int(Double(high) * slow) }
        func move(_ status: TicketStatus, _ seconds: ClosedRange<Int>) -> DemoPlan.Step {
            DemoPlan.Step(.move(status), seconds: seconds)
        }
        let start = [move(.assigned, span(120, 5_400)), move(.inProgress, span(120, 3_600))]
        let finish = [
            move(.restored, span(1_800, 14_400)), move(.resolved, span(1_800, 21_600)), move(.closed, span(3_600, 86_400)),
        ]
        let waits: [TicketStatus] = [.waitingOnParts, .waitingOnVendor, .waitingOnClient, .waitingOnThirdParty]
        let path = Int.random(in: 0..<100, using: &rng)
        let steps: [DemoPlan.Step]
        switch path {
        case 0..<58: steps = start + finish
        case 58..<70:
            let wait = waits[Int.random(in: 0..<waits.count, using: &rng)]
            steps = start + [move(wait, span(600, 7_200)), move(.inProgress, span(14_400, 172_800))] + finish
        case 70..<78:
            steps =
                [move(.assigned, span(120, 5_400)), DemoPlan.Step(.reassign, seconds: span(1_800, 14_400))]
                + [move(.inProgress, span(120, 3_600))] + finish
        case 78..<84:
            steps = start + [move(.onsiteScheduled, span(900, 3_600)), move(.inProgress, span(14_400, 86_400))] + finish
        case 84..<91:
            steps =
                start + [move(.restored, span(1_800, 14_400)), move(.resolved, span(1_800, 21_600))]
                + [DemoPlan.Step(.reopen, seconds: span(3_600, 86_400))] + finish
        case 91..<95:
            steps = start + [move(.waitingOnThirdParty, span(1_800, 7_200)), move(.escalatedOut, span(3_600, 28_800))]
        default:
            steps = start + [move(.handedOff, span(1_800, 14_400))]
        }
        var survey: DemoPlan.Survey?
        // Three in four resolved tickets get a survey; about half of those are answered, mostly well.
        if path < 91, Int.random(in: 0..<4, using: &rng) > 0 {
            survey = DemoPlan.Survey()
            if Bool.random(using: &rng) {
                let draw = Int.random(in: 0..<100, using: &rng) - (age < 120 ? 5 : 0)
                let rating = draw < 50 ? 5 : draw < 80 ? 4 : draw < 90 ? 3 : draw < 96 ? 2 : 1
                survey?.rating = rating
                survey?.comment = DemoData.surveyComments[rating - 1]
            }
        }
        return DemoPlan(openedAt: opened, steps: steps, survey: survey)
    }
}
