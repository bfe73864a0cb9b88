import Foundation
import Testing

@testable import MendCore

@Suite("Client view") struct ClientViewTests {
    let restoredAt = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func everyStatusHasAClientNameWithoutProcessWords() {
        for status in TicketStatus.allCases {
            let name = ClientView.status(status)
            #expect(!name.isEmpty && !ClientView.explanation(status).isEmpty)
            for word in ["SME", "Tier", "Escalated Out", "Assigned", "queue", "SLA"] {
                #expect(!name.contains(word), "\(status) reads \(name)")
            }
        }
        #expect(ClientView.status(.inProgress) != TicketStatus.inProgress.title)
    }

    @Test func aRestoredTicketAsksOnceUntilTheClientAnswers() {
        let ask = ClientView.actions(status: .restored, statusSince: restoredAt, answeredAt: [], surveyOpen: false)
        #expect(ask == [.confirmRestored])
        let answered = ClientView.actions(
            status: .restored, statusSince: restoredAt, answeredAt: [restoredAt.addingTimeInterval(60)], surveyOpen: false)
        #expect(answered.isEmpty, "an answered question leaves the page")
        let earlierAnswer = ClientView.actions(
            status: .restored, statusSince: restoredAt, answeredAt: [restoredAt.addingTimeInterval(-3_600)],
            surveyOpen: false)
        #expect(earlierAnswer == [.confirmRestored], "an answer to an earlier restore does not count for this one")
    }

    @Test func theSurveyIsOfferedOnlyWhileTheTicketStaysResolved() {
        for status in TicketStatus.allCases {
            let actions = ClientView.actions(status: status, statusSince: restoredAt, answeredAt: [], surveyOpen: true)
            #expect(actions.contains(.rateService) == (status == .resolved || status == .closed), "\(status)")
        }
        #expect(
            !ClientView.actions(status: .resolved, statusSince: nil, answeredAt: [], surveyOpen: false).contains(.rateService))
    }

    @Test func aTicketWaitingOnTheClientAsksForAReply() {
        #expect(ClientView.actions(status: .waitingOnClient, statusSince: nil, answeredAt: [], surveyOpen: false) == [.reply])
        #expect(ClientView.mayReopen(.resolved) && ClientView.mayReopen(.closed) && !ClientView.mayReopen(.inProgress))
    }

    @Test func onlyChangesOfTheClientFacingNameAreNews() {
        let at = { (minutes: Double) in Date(timeIntervalSince1970: 1_800_000_000 + minutes * 60) }
        let news = ClientView.milestones(
            from: .new,
            changes: [
                (at(1), .assigned), (at(2), .inProgress), (at(3), .withSME), (at(4), .waitingOnParts), (at(5), .inProgress),
                (at(6), .restored), (at(7), .resolved),
            ])
        #expect(news.map(\.status) == [.inProgress, .waitingOnParts, .inProgress, .restored, .resolved])
        #expect(news.map(\.at) == [at(2), at(4), at(5), at(6), at(7)])
    }
}
