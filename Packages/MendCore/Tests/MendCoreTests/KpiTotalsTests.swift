import Foundation
import MendCore
import Testing

/// Figures from what a database added up (`KpiTotals`), by the same definitions as from the facts rows.
@Suite struct KpiTotalsTests {
    @Test func totalsGiveTheFiguresByTheSameDefinitions() {
        var totals = KpiTotals()
        var resolution = KpiTotals.Values()
        resolution.business = [300, 100, 200]
        resolution.wall = [900, 100, 500]
        resolution.paused = [0, 0, 60]
        totals.measures[.resolution] = resolution
        totals.resolvedAgain = 1
        var clock = KpiTotals.ClockCounts()
        clock.met = 3
        clock.breached = 1
        clock.transferred = 2
        totals.clocks[.resolution] = clock
        totals.fcrJudged = 4
        totals.fcrYes = 3
        totals.resolved = 3
        totals.reopened = 1
        totals.surveyed = 4
        totals.ratings = [5: 2, 3: 1]
        var network = KpiTotals.Logged()
        network.tickets = 2
        network.minutes = 90
        network.byWork = [.diagnosis: 60, .travel: 30, .onsite: 0]
        totals.logged = ["network": network, nil: KpiTotals.Logged()]
        var p2 = KpiTotals.StatusTime()
        p2.tickets = 2
        p2.total = 600
        p2.paused = 60
        p2.byStatus = [.inProgress: 540, .waitingOnClient: 60, .new: 0]
        totals.statusTime[.resolution] = [.p2: p2]
        totals.breaches = [
            .init(clock: .resolution, statusAtBreach: .inProgress, longestStatus: .inProgress, unassigned: true, count: 2),
            .init(clock: .resolution, statusAtBreach: .waitingOnParts, longestStatus: .inProgress, unassigned: false, count: 1),
        ]
        let figures = KpiFigures(totals: totals)
        #expect(figures.resolutionTime.business == TimeFigure([100, 200, 300]))
        #expect(figures.resolutionTime.business.p50Seconds == 200 && figures.resolutionTime.business.p90Seconds == 300)
        #expect(figures.responseTime.business.n == 0 && figures.responseTime.business.meanSeconds == nil)
        let compliance = figures.slaCompliance.first { $0.clock == .resolution }
        #expect(compliance?.rate == RateFigure(3, of: 4) && compliance?.transferred == 2)
        #expect(figures.slaCompliance.map(\.clock) == SlaClockKind.allCases)
        #expect(figures.firstContactResolution.rate == RateFigure(3, of: 4))
        #expect(figures.reopenRate.rate == RateFigure(1, of: 3))
        #expect(figures.satisfaction.meanRating == 13.0 / 3 && figures.satisfaction.satisfied == RateFigure(2, of: 3))
        #expect(figures.satisfaction.responseRate == RateFigure(3, of: 4))
        #expect(figures.timeLoggedByType.map(\.type) == ["network"], "a type without resolved tickets is not listed")
        #expect(figures.timeLoggedByType.first?.meanMinutesByWorkType == [.diagnosis: 30, .travel: 15])
        #expect(figures.timeByStatus.first?.secondsByStatus == [.inProgress: 540, .waitingOnClient: 60])
        let causes = figures.breachCauses.first { $0.clock == .resolution }
        #expect(causes?.breaches == 3 && causes?.unassigned == 2)
        #expect(causes?.statusAtBreach == [.inProgress: 2, .waitingOnParts: 1] && causes?.longestStatus == [.inProgress: 3])
        #expect(figures.breachCauses.map(\.clock) == [.response, .restoration, .resolution])
    }
}
