import Foundation
import MendCore
import Testing

/// The monthly client service review: its month, when it goes out by itself, and what it lists (docs/kpis.md).
@Suite struct ClientReviewTests {
    let london = try! BusinessCalendar.officeHours(timezone: "Europe/London")
    let utc = try! BusinessCalendar.allDay(in: "UTC")

    func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func aMonthIsReadAsYearAndMonthOnly() {
        #expect(ReviewMonth("2026-11") == ReviewMonth(year: 2026, month: 11))
        for bad in ["2026-13", "2026-00", "2026-1", "26-11", "2026-11-01", "１９７０-01", "+202-11", "1969-12", "9999-01", ""] {
            #expect(ReviewMonth(bad) == nil, "\(bad)")
        }
        #expect(ReviewMonth(year: 2026, month: 1).adding(months: -1).description == "2025-12")
        #expect(ReviewMonth(year: 2026, month: 12).adding(months: 1).description == "2027-01")
        #expect(ReviewMonth(year: 2024, month: 2).lastDay == LocalDate("2024-02-29"))
        #expect(ReviewMonth(year: 2026, month: 11).title == "November 2026")
    }

    @Test func aMonthsPeriodAndTrendAreInTheGivenZone() {
        let newYork = try! BusinessCalendar.allDay(in: "America/New_York")
        let november = ReviewMonth(year: 2026, month: 11).period(zone: newYork)
        #expect(november.start == at("2026-11-01T04:00:00Z") && november.end == at("2026-12-01T05:00:00Z"))
        let trend = ReviewMonth(year: 2026, month: 2).trend(zone: utc)
        #expect(
            trend.map(\.from.description) == ["2025-09-01", "2025-10-01", "2025-11-01", "2025-12-01", "2026-01-01", "2026-02-01"])
        #expect(trend.last?.to == LocalDate("2026-02-28"))
    }

    @Test func theReviewGoesOutAtTheFirstWorkingMomentOfTheMonth() {
        // 2026-08-01 is a Saturday: the first working moment is Monday the 3rd at 08:00 in London (BST, UTC+1).
        #expect(
            ReviewSchedule.firstWorkingMoment(of: ReviewMonth(year: 2026, month: 8), calendar: london)
                == at("2026-08-03T07:00:00Z"))
        #expect(ReviewSchedule.due(now: at("2026-08-03T06:59:59Z"), calendar: london) == nil)
        #expect(ReviewSchedule.due(now: at("2026-08-03T07:00:00Z"), calendar: london) == ReviewMonth(year: 2026, month: 7))
        // Still due later in the month, for a server that was down that morning.
        #expect(ReviewSchedule.due(now: at("2026-08-31T22:00:00Z"), calendar: london) == ReviewMonth(year: 2026, month: 7))
        // Always open: due from local midnight of the first.
        #expect(ReviewSchedule.due(now: at("2026-12-01T00:00:00Z"), calendar: .always) == ReviewMonth(year: 2026, month: 11))
        #expect(ReviewSchedule.due(now: at("2026-11-30T23:59:59Z"), calendar: .always) == ReviewMonth(year: 2026, month: 10))
    }

    @Test func holidaysMoveTheReviewAndAMonthWithoutHoursSendsNone() throws {
        let holidays = try BusinessCalendar.parse(
            json: Data(
                #"{"timezone": "UTC", "week": {"mon": [["09:00","17:00"]], "tue": [["09:00","17:00"]]}, "holidays": ["2027-02-01", "2027-02-02"]}"#
                    .utf8))
        // 2027-02-01 is a Monday and a holiday, the 2nd too; the next Monday is the 8th.
        #expect(
            ReviewSchedule.firstWorkingMoment(of: ReviewMonth(year: 2027, month: 2), calendar: holidays)
                == at("2027-02-08T09:00:00Z"))
        let closed = try BusinessCalendar.parse(
            json: Data(
                #"{"timezone": "UTC", "week": {"mon": [["09:00","17:00"]]}, "holidays": ["2027-02-01", "2027-02-08", "2027-02-15", "2027-02-22"]}"#
                    .utf8))
        #expect(ReviewSchedule.firstWorkingMoment(of: ReviewMonth(year: 2027, month: 2), calendar: closed) == nil)
        #expect(ReviewSchedule.due(now: at("2027-02-27T12:00:00Z"), calendar: closed) == nil)
    }

    func facts(started: String, resolved: String?, breachedAt: [String] = []) -> TicketKpiFacts {
        let measure = resolved.map {
            TicketKpiFacts.Measure(
                endedAt: at($0), businessSeconds: 7_200, wallSeconds: 9_000, pausedSeconds: 1_800,
                secondsByStatus: [.inProgress: 5_400, .waitingOnParts: 1_800])
        }
        return TicketKpiFacts(
            startedAt: at(started), firstAssignee: nil, resolvedBy: nil, response: nil, restoration: nil,
            resolution: measure, resolutions: resolved == nil ? 0 : 1, lastResolvedAt: resolved.map(at), exitedAt: nil,
            exitStatus: nil,
            clocks: [.resolution: .init(outcome: breachedAt.isEmpty ? .met : .breached, at: resolved.map(at))],
            updateMisses: 0,
            breaches: breachedAt.map {
                .init(
                    clock: .resolution, breachedAt: at($0), statusAtBreach: .waitingOnParts, longestStatus: .inProgress,
                    wasUnassigned: false)
            }, firstContactResolution: nil, reopened: false, linkedFollowUps: 0, loggedMinutes: [:], surveySentAt: nil,
            rating: nil)
    }

    @Test func theReviewListsTicketsOpenedOrEndedInTheMonth() {
        let november = ReviewMonth(year: 2026, month: 11).period(zone: utc)
        #expect(ClientReview.lists(openedAt: at("2026-11-30T23:00:00Z"), facts: nil, in: november))
        #expect(!ClientReview.lists(openedAt: at("2026-10-31T23:00:00Z"), facts: nil, in: november))
        let resolvedInNovember = facts(started: "2026-10-30T10:00:00Z", resolved: "2026-11-02T10:00:00Z")
        #expect(ClientReview.lists(openedAt: at("2026-10-30T10:00:00Z"), facts: resolvedInNovember, in: november))
        let resolvedInDecember = facts(started: "2026-10-30T10:00:00Z", resolved: "2026-12-02T10:00:00Z")
        #expect(!ClientReview.lists(openedAt: at("2026-10-30T10:00:00Z"), facts: resolvedInDecember, in: november))
    }

    @Test func onlyTheMonthsBreachesAreExplained() {
        let november = ReviewMonth(year: 2026, month: 11).period(zone: utc)
        let ticket = facts(
            started: "2026-10-30T10:00:00Z", resolved: "2026-11-20T10:00:00Z",
            breachedAt: ["2026-11-03T10:00:00Z", "2026-10-31T10:00:00Z"])
        #expect(ClientReview.breaches(of: ticket, in: november).map(\.breachedAt) == [at("2026-11-03T10:00:00Z")])
    }

    @Test func whereTheTimeWentIsSummedOverPriorities() {
        let november = ReviewMonth(year: 2026, month: 11).period(zone: utc)
        let rows = [
            KpiRow(facts: facts(started: "2026-11-01T10:00:00Z", resolved: "2026-11-02T10:00:00Z"), priority: .p1, type: nil),
            KpiRow(facts: facts(started: "2026-11-01T10:00:00Z", resolved: "2026-11-03T10:00:00Z"), priority: .p3, type: nil),
        ]
        let clocks = ClientReview.timeByClock(KpiFigures(rows: rows, period: november))
        let resolution = clocks.first { $0.clock == .resolution }
        #expect(resolution?.tickets == 2 && resolution?.totalSeconds == 14_400 && resolution?.pausedSeconds == 3_600)
        #expect(resolution?.secondsByStatus == [.inProgress: 10_800, .waitingOnParts: 3_600])
        #expect(resolution?.share(.waitingOnParts) == 0.25)
        #expect(!clocks.contains { $0.clock == .response })
    }
}

/// The review's message to a contact.
@Suite struct ReviewMailTests {
    @Test func theMailCarriesTheFiguresAndTheLinkAndEscapesNames() {
        let mail = ReviewMail(
            contact: "Ann <ops>", company: "Acme & Sons", month: ReviewMonth(year: 2026, month: 11),
            lines: [.init("Tickets resolved", "12"), .init("Resolution SLA met", "92%")],
            link: "https://mend.example/reports/clients/1?month=2026-11", mspName: "Northwind", signature: "The desk")
        #expect(mail.subject == "Your service review for November 2026 from Northwind")
        #expect(mail.text.contains("Tickets resolved:   12\nResolution SLA met: 92%"))
        #expect(mail.text.contains("https://mend.example/reports/clients/1?month=2026-11"))
        #expect(mail.html.contains("Ann &lt;ops&gt;") && mail.html.contains("Acme &amp; Sons"))
        #expect(!mail.html.contains("<ops>"))
        #expect(mail.html.contains("href=\"https://mend.example/reports/clients/1?month=2026-11\""))
    }
}
