import Foundation
import Testing

@testable import MendCore

@Suite struct KpiDaysTests {
    /// Every quarter hour of a year with both clock changes in New York, and a year in Kathmandu (+05:45): the
    /// pieces a database computes with give the same day as the calendar, and the day's start is its midnight.
    @Test(arguments: ["America/New_York", "Asia/Kathmandu", "UTC", "Australia/Lord_Howe"])
    func segmentsGiveTheCalendarsDay(zone name: String) throws {
        let zone = try BusinessCalendar.allDay(in: name)
        let first = LocalDate("2026-01-01")!.daysSinceEpoch
        let last = LocalDate("2026-12-31")!.daysSinceEpoch
        let segments = KpiDays.segments(from: first, through: last, zone: zone)
        var instant = KpiDays.start(of: first, zone: zone)
        let end = KpiDays.start(of: last + 1, zone: zone)
        while instant < end {
            #expect(KpiDays.day(of: instant, segments: segments) == KpiDays.day(of: instant, zone: zone))
            instant = instant.addingTimeInterval(900)
        }
        #expect(KpiDays.day(of: end, segments: segments) == nil)
        #expect(KpiDays.day(startingAt: KpiDays.start(of: first + 40, zone: zone), zone: zone) == first + 40)
        #expect(KpiDays.day(startingAt: KpiDays.start(of: first, zone: zone).addingTimeInterval(60), zone: zone) == nil)
    }

    /// New York's year is three runs of 24-hour days and the two days its clocks change.
    @Test func newYorkHasFiveSegments() throws {
        let zone = try BusinessCalendar.allDay(in: "America/New_York")
        let segments = KpiDays.segments(
            from: LocalDate("2026-01-01")!.daysSinceEpoch, through: LocalDate("2026-12-31")!.daysSinceEpoch, zone: zone)
        #expect(segments.count == 5)
        #expect(segments[1].day == LocalDate("2026-03-08")!.daysSinceEpoch)
        #expect(segments[3].day == LocalDate("2026-11-01")!.daysSinceEpoch)
    }
}
