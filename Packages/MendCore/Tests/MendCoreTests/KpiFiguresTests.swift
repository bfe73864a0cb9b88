import Foundation
import MendCore
import Testing

/// Periods and the figures added up from facts (docs/kpis.md).
@Suite struct KpiFiguresTests {
    let newYork = try! BusinessCalendar.parse(
        json: Data(#"{"timezone": "America/New_York", "week": {"mon": [["08:00","17:00"]]}, "holidays": []}"#.utf8))

    func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    func period(_ from: String, _ to: String) -> KpiPeriod {
        KpiPeriod(from: LocalDate(from)!, to: LocalDate(to)!, zone: newYork)
    }

    @Test func percentilesAreByNearestRank() {
        let tens = TimeFigure(Array(stride(from: 100, through: 10, by: -10)))
        #expect(tens.n == 10 && tens.meanSeconds == 55 && tens.p50Seconds == 50 && tens.p90Seconds == 90)
        let two = TimeFigure([7, 3])
        #expect(two.p50Seconds == 3 && two.p90Seconds == 7 && two.meanSeconds == 5)
        let none = TimeFigure([])
        #expect(none.n == 0 && none.meanSeconds == nil && none.p50Seconds == nil)
    }

    @Test func aRateOfNothingIsNull() {
        #expect(RateFigure(0, of: 0).value == nil)
        #expect(RateFigure(1, of: 4).value == 0.25)
    }

    @Test func aPeriodRunsFromLocalMidnightToLocalMidnight() {
        // New York is UTC-5 in winter; 2026-03-08 springs forward, so that day has 23 hours.
        let december = period("2026-12-01", "2026-12-31")
        #expect(december.start == at("2026-12-01T05:00:00Z") && december.end == at("2027-01-01T05:00:00Z"))
        let march = period("2026-03-08", "2026-03-08")
        #expect(march.end.timeIntervalSince(march.start) == 23 * 3600)
        #expect(december.contains(at("2026-12-01T05:00:00Z")) && !december.contains(at("2027-01-01T05:00:00Z")))
    }

    @Test func thePreviousPeriodIsTheMonthsOrDaysBefore() {
        #expect(period("2026-03-01", "2026-03-31").previous(zone: newYork) == period("2026-02-01", "2026-02-28"))
        #expect(period("2026-01-01", "2026-03-31").previous(zone: newYork) == period("2025-10-01", "2025-12-31"))
        #expect(period("2026-03-10", "2026-03-16").previous(zone: newYork) == period("2026-03-03", "2026-03-09"))
    }

    @Test func badRangesAreRefusedNamingTheParameter() {
        func problems(_ from: String?, _ to: String?) -> [String] {
            switch KpiPeriod.parse(from: from, to: to, zone: newYork, now: at("2026-12-06T12:00:00Z")) {
            case .success: []
            case .failure(let error): error.problems.map(\.field)
            }
        }
        #expect(problems("2026-12-06", "2026-12-01") == ["to"])
        #expect(problems("2020-01-01", "2026-12-01") == ["to"])
        #expect(problems("2026-13-01", nil) == ["from"])
        #expect(problems(nil, "2026-12-01") == ["from"])
        #expect(problems("2021-12-07", "2026-12-06") == [])
        #expect(Set(problems("0490-11-14", nil)) == ["from"])
        #expect(problems("2020-01-01", nil) == ["from"])
        #expect(problems("2026-01-01", "9999-01-01") == ["to", "to"])
        let month = KpiPeriod.parse(from: nil, to: nil, zone: newYork, now: at("2026-12-06T12:00:00Z"))
        #expect((try? month.get()) == period("2026-12-01", "2026-12-06"))
    }

    func measure(_ end: String, _ seconds: Int, paused: Int = 0, _ byStatus: [TicketStatus: Int]) -> TicketKpiFacts.Measure {
        .init(
            endedAt: at(end), businessSeconds: seconds, wallSeconds: seconds * 2, pausedSeconds: paused, secondsByStatus: byStatus
        )
    }

    func facts(resolved: String?, fcr: Bool?, reopened: Bool = false, minutes: [WorkType: Int] = [:]) -> TicketKpiFacts {
        TicketKpiFacts(
            startedAt: at("2026-11-30T14:00:00Z"), firstAssignee: nil, resolvedBy: nil,
            response: measure("2026-12-01T15:00:00Z", 600, [.new: 600]), restoration: nil,
            resolution: resolved.map { measure($0, 3600, paused: 600, [.inProgress: 3000, .waitingOnClient: 600]) },
            resolutions: reopened ? 2 : 1, lastResolvedAt: nil, exitedAt: nil, exitStatus: nil,
            clocks: [
                .response: .init(outcome: .met, at: at("2026-12-01T15:00:00Z")),
                .resolution: resolved.map { .init(outcome: .breached, at: at($0)) } ?? .init(outcome: .open, at: nil),
            ],
            updateMisses: 0,
            breaches: resolved.map {
                [
                    .init(
                        clock: .resolution, breachedAt: at($0), statusAtBreach: .inProgress, longestStatus: .inProgress,
                        wasUnassigned: true)
                ]
            } ?? [],
            firstContactResolution: fcr, reopened: reopened, linkedFollowUps: 0, loggedMinutes: minutes,
            surveySentAt: resolved.map(at), rating: fcr == true ? 5 : nil)
    }

    @Test func figuresCountTheTicketsWhoseMeasureEndedInThePeriod() {
        let rows = [
            KpiRow(
                facts: facts(resolved: "2026-12-02T15:00:00Z", fcr: true, minutes: [.diagnosis: 30]), priority: .p2,
                type: "network"),
            KpiRow(
                facts: facts(
                    resolved: "2026-12-03T15:00:00Z", fcr: false, reopened: true, minutes: [.diagnosis: 10, .onsite: 60]),
                priority: .p2, type: "network"),
            KpiRow(facts: facts(resolved: "2026-11-03T15:00:00Z", fcr: true), priority: .p3, type: nil),
            KpiRow(facts: facts(resolved: nil, fcr: nil), priority: .p3, type: nil),
        ]
        let figures = KpiFigures(rows: rows, period: period("2026-12-01", "2026-12-31"))
        #expect(figures.responseTime.business.n == 4)
        #expect(figures.resolutionTime.business.n == 2 && figures.resolutionTime.paused.meanSeconds == 600)
        #expect(figures.resolvedAgain == 1)
        #expect(figures.firstContactResolution.rate == RateFigure(1, of: 2))
        #expect(figures.reopenRate.rate == RateFigure(1, of: 2))
        let resolution = figures.slaCompliance.first { $0.clock == .resolution }
        #expect(resolution?.breached == 2 && resolution?.rate.value == 0)
        #expect(figures.slaCompliance.first { $0.clock == .restoration }?.notMeasured == 2)
        let logged = figures.timeLoggedByType.first { $0.type == "network" }
        #expect(logged?.tickets == 2 && logged?.meanMinutes == 50)
        #expect(logged?.meanMinutesByWorkType == [.diagnosis: 20, .onsite: 30])
        #expect(figures.timeLoggedByType.count == 1)
        #expect(figures.satisfaction.responseRate == RateFigure(1, of: 2) && figures.satisfaction.meanRating == 5)
        let status = figures.timeByStatus.first { $0.clock == .resolution && $0.priority == .p2 }
        #expect(status?.secondsByStatus == [.inProgress: 6000, .waitingOnClient: 1200] && status?.pausedSeconds == 1200)
        #expect(figures.breachCauses.first { $0.clock == .resolution }?.statusAtBreach == [.inProgress: 2])
        #expect(figures.breachCauses.first { $0.clock == .resolution }?.unassigned == 2)
    }

    @Test func theExportHasOneValuePerColumnAndTheFiguresInputs() {
        let row = KpiExportRow(
            number: "T-7", company: "Acme, Inc.", priority: .p2, queue: "Network", type: "network", source: .tier1Escalation,
            firstAssignee: "Jo", resolvedBy: "Jo",
            facts: facts(resolved: "2026-12-02T15:00:00Z", fcr: true, minutes: [.diagnosis: 30]))
        let fields = KpiExport.fields(row)
        #expect(fields.count == KpiExport.header.count)
        func value(_ column: String) -> String? { KpiExport.header.firstIndex(of: column).map { fields[$0] } }
        #expect(value("source") == "tier1_escalation")
        #expect(value("resolved_at") == "2026-12-02T15:00:00Z")
        #expect(value("resolution_business_seconds") == "3600" && value("resolution_wall_seconds") == "7200")
        #expect(value("resolution_sla") == "breached" && value("response_sla") == "met")
        #expect(value("restoration_sla") == "" && value("restoration_business_seconds") == "")
        #expect(value("resolution_breach_unassigned") == "1" && value("fcr") == "1" && value("reopened") == "0")
        #expect(value("logged_minutes") == "30" && value("logged_minutes_diagnosis") == "30")
        #expect(value("seconds_in_waiting_on_client") == "600" && value("response_seconds_in_new") == "600")
        #expect(value("rating") == "5")
        #expect(KpiExport.line(["Acme, Inc.", "say \"hi\"", "=1+2", "-5"]) == "\"Acme, Inc.\",\"say \"\"hi\"\"\",'=1+2,-5\r\n")
    }
    @Test func trendsStepByCalendarMonthsAndByMondayWeeks() {
        let months = KpiPeriod.trend(.month, count: 3, endingWith: LocalDate("2027-01-15")!, zone: newYork)
        #expect(
            months == [
                period("2026-11-01", "2026-11-30"), period("2026-12-01", "2026-12-31"), period("2027-01-01", "2027-01-31"),
            ])
        // 2026-12-06 is a Sunday: its week began on Monday 2026-11-30.
        let weeks = KpiPeriod.trend(.week, count: 2, endingWith: LocalDate("2026-12-06")!, zone: newYork)
        #expect(weeks == [period("2026-11-23", "2026-11-29"), period("2026-11-30", "2026-12-06")])
        #expect(
            KpiPeriod.trend(.week, count: 1, endingWith: LocalDate("2026-12-07")!, zone: newYork) == [
                period("2026-12-07", "2026-12-13")
            ])
        #expect(period("2026-12-01", "2026-12-31").trendUnit == .week && period("2026-01-01", "2026-12-31").trendUnit == .month)
    }

    @Test func eachDrillListsTheTicketsItsFigureCounts() {
        let december = period("2026-12-01", "2026-12-31")
        let rows = [
            KpiRow(facts: facts(resolved: "2026-12-02T15:00:00Z", fcr: true), priority: .p2, type: nil),
            KpiRow(facts: facts(resolved: "2026-12-03T15:00:00Z", fcr: nil, reopened: true), priority: .p2, type: nil),
            KpiRow(facts: facts(resolved: "2026-11-03T15:00:00Z", fcr: true), priority: .p3, type: nil),
            KpiRow(facts: facts(resolved: nil, fcr: nil), priority: .p3, type: nil),
        ]
        let figures = KpiFigures(rows: rows, period: december)
        func count(_ drill: KpiDrill) -> Int { rows.filter { drill.includes($0.facts, in: december) }.count }
        #expect(count(.response) == figures.responseTime.business.n)
        #expect(count(.resolution) == 2 && count(.resolution) == figures.resolutionTime.business.n)
        #expect(count(.firstContact) == figures.firstContactResolution.rate.denominator && count(.firstContact) == 1)
        #expect(count(.reopens) == figures.reopenRate.rate.denominator)
        #expect(count(.satisfaction) == figures.satisfaction.responseRate.denominator)
        let resolution = figures.slaCompliance.first { $0.clock == .resolution }
        #expect(count(.compliance(.resolution)) == (resolution.map { $0.met + $0.breached + $0.transferred } ?? -1))
        #expect(count(.breaches(.resolution)) == figures.breachCauses.first { $0.clock == .resolution }?.breaches)
        #expect(count(.breaches(.response)) == 0 && count(.leftTier2) == 0)
        for drill in KpiDrill.all { #expect(KpiDrill(name: drill.name) == drill) }
        #expect(KpiDrill(name: "sla-update") == .compliance(.update) && KpiDrill(name: "nothing") == nil)
        #expect(Set(KpiDrill.all.map(\.name)).count == KpiDrill.all.count)
    }
}
