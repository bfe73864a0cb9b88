import Foundation
import MendCore
import Testing

/// Cases computed by hand from the rules of issue 3, section 1.
@Suite struct BusinessCalendarTests {
    static let newYork = """
        {"timezone": "America/New_York",
         "week": {"mon": [["08:00","17:00"]], "tue": [["08:00","12:00"],["13:00","17:00"]],
                  "wed": [["08:00","17:00"]], "thu": [["08:00","17:00"]], "fri": [["08:00","17:00"]],
                  "sat": [], "sun": []},
         "holidays": ["2026-12-25", "2026-12-26"]}
        """

    func calendar(_ json: String = newYork) throws -> BusinessCalendar {
        try BusinessCalendar.parse(json: Data(json.utf8))
    }

    func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func usingARangeUpExactlyLandsOnItsClose() throws {
        // Monday 2026-11-30 08:00 EST = 13:00Z; nine hours later is 17:00 EST the same day.
        #expect(try calendar().add(at("2026-11-30T13:00:00Z"), seconds: 9 * 3600) == at("2026-11-30T22:00:00Z"))
    }

    @Test func addingZeroIsTheStartEvenWhenClosed() throws {
        let saturday = at("2026-11-28T15:00:00Z")
        #expect(try calendar().add(saturday, seconds: 0) == saturday)
    }

    @Test func addSkipsTheWeekend() throws {
        // Friday 16:00 EST + 2 h = Monday 09:00 EST.
        #expect(try calendar().add(at("2026-12-04T21:00:00Z"), seconds: 7200) == at("2026-12-07T14:00:00Z"))
    }

    @Test func addSkipsHolidaysAndTheLunchBreak() throws {
        // Thursday 2026-12-24 16:00 + 2 h: Friday 25th is a holiday, so Monday 28th 09:00.
        #expect(try calendar().add(at("2026-12-24T21:00:00Z"), seconds: 7200) == at("2026-12-28T14:00:00Z"))
        // Tuesday 11:00 + 2 h with 12:00-13:00 closed = 14:00.
        #expect(try calendar().add(at("2026-12-01T16:00:00Z"), seconds: 7200) == at("2026-12-01T19:00:00Z"))
    }

    @Test func startingOutsideHoursStartsAtTheNextOpening() throws {
        // Monday 06:00 EST + 1 h = 09:00 EST.
        #expect(try calendar().add(at("2026-11-30T11:00:00Z"), seconds: 3600) == at("2026-11-30T14:00:00Z"))
    }

    @Test func betweenCountsHalfOpenAndRefusesBackwards() throws {
        let cal = try calendar()
        #expect(try cal.between(at("2026-11-30T13:00:00Z"), at("2026-11-30T22:00:00Z")) == 9 * 3600)
        #expect(try cal.between(at("2026-11-30T22:00:00Z"), at("2026-12-01T13:00:00Z")) == 0)
        // Monday 08:00 to Wednesday 08:00: 9 h Monday + 8 h Tuesday.
        #expect(try cal.between(at("2026-11-30T13:00:00Z"), at("2026-12-02T13:00:00Z")) == 17 * 3600)
        #expect(throws: CalendarError.endBeforeStart) { try cal.between(at("2026-12-02T13:00:00Z"), at("2026-11-30T13:00:00Z")) }
    }

    @Test func nextOpen() throws {
        let cal = try calendar()
        let inside = at("2026-11-30T15:00:00Z")
        #expect(cal.nextOpen(inside) == inside)
        #expect(cal.nextOpen(at("2026-12-01T17:30:00Z")) == at("2026-12-01T18:00:00Z"), "lunch break ends at 13:00")
        #expect(cal.nextOpen(at("2026-12-24T23:00:00Z")) == at("2026-12-28T13:00:00Z"), "holidays and weekend skipped")
        #expect(cal.nextOpen(at("2026-11-30T22:00:00Z")) == at("2026-12-01T13:00:00Z"), "a range's end is closed")
    }

    @Test func daylightSavingChangesCountRealSeconds() throws {
        let sundays = """
            {"timezone": "America/New_York", "week": {"sun": [["01:00","04:00"]]}}
            """
        let cal = try calendar(sundays)
        // Spring forward 2026-03-08: 01:00 EST (06:00Z) to 04:00 EDT (08:00Z) is 2 hours.
        #expect(try cal.between(at("2026-03-08T00:00:00Z"), at("2026-03-09T00:00:00Z")) == 2 * 3600)
        // Fall back 2026-11-01: 01:00 EDT (05:00Z) to 04:00 EST (09:00Z) is 4 hours.
        #expect(try cal.between(at("2026-11-01T00:00:00Z"), at("2026-11-02T00:00:00Z")) == 4 * 3600)
        #expect(cal.nextOpen(at("2026-11-01T00:00:00Z")) == at("2026-11-01T05:00:00Z"))
    }

    @Test func aMissingLocalTimeMovesForwardAndARepeatedOneMeansTheEarlier() throws {
        let cal = try calendar(#"{"timezone": "America/New_York", "week": {"sun": [["02:30","05:00"]]}}"#)
        // 02:30 does not exist on 2026-03-08: it becomes 03:30 EDT = 07:30Z.
        #expect(cal.nextOpen(at("2026-03-08T00:00:00Z")) == at("2026-03-08T07:30:00Z"))
        let fall = try calendar(#"{"timezone": "America/New_York", "week": {"sun": [["01:30","05:00"]]}}"#)
        // 01:30 happens twice on 2026-11-01: the earlier is 01:30 EDT = 05:30Z.
        #expect(fall.nextOpen(at("2026-11-01T00:00:00Z")) == at("2026-11-01T05:30:00Z"))
    }

    @Test func aHolidayClosesAWholeLongLocalDay() throws {
        let cal = try calendar(
            #"""
            {"timezone": "America/New_York", "week": {"mon": [["00:00","24:00"]], "tue": [["00:00","24:00"]],
             "wed": [["00:00","24:00"]], "thu": [["00:00","24:00"]], "fri": [["00:00","24:00"]],
             "sat": [["00:00","24:00"]], "sun": [["00:00","24:00"]]}, "holidays": ["2026-11-01"]}
            """#)
        // Saturday 2026-10-31 00:00 EDT to Monday 2026-11-02 00:00 EST is 49 real hours; the 25-hour holiday leaves 24.
        #expect(try cal.between(at("2026-10-31T04:00:00Z"), at("2026-11-02T05:00:00Z")) == 24 * 3600)
    }

    @Test func aDeadlineAYearAwayIsComputed() throws {
        let cal = try calendar()
        let start = at("2026-11-30T13:00:00Z")
        let deadline = try cal.add(start, seconds: 2000 * 3600)
        // About 250 business days of 8 to 9 hours: mid-October 2027.
        #expect(deadline > at("2027-10-01T00:00:00Z") && deadline < at("2027-11-01T00:00:00Z"))
        #expect(try cal.between(start, deadline) == 2000 * 3600)
    }

    @Test func badCalendarsNameTheirFields() {
        func fields(_ json: String) -> [String] {
            do {
                _ = try BusinessCalendar.parse(json: Data(json.utf8))
                return []
            } catch { return error.problems.map(\.field) }
        }
        #expect(fields(#"{"timezone": "Mars/Base", "week": {"mon": [["08:00","17:00"]]}}"#) == ["timezone"])
        #expect(fields(#"{"timezone": "UTC", "week": {"mon": [["08:00","25:00"]]}}"#) == ["week.mon[0]"])
        #expect(fields(#"{"timezone": "UTC", "week": {"mon": [["09:00","12:00"],["11:00","13:00"]]}}"#) == ["week.mon[1]"])
        #expect(fields(#"{"timezone": "UTC", "week": {"mon": [["12:00","09:00"]]}}"#) == ["week.mon[0]"])
        #expect(fields(#"{"timezone": "UTC", "week": {"mon": [["13:00","17:00"],["08:00","12:00"]]}}"#) == ["week.mon[1]"])
        #expect(fields(#"{"timezone": "UTC", "week": {"funday": []}}"#) == ["week.funday"])
        #expect(fields(#"{"timezone": "UTC", "week": {}}"#) == ["week"])
        #expect(
            fields(#"{"timezone": "UTC", "week": {"mon": [["08:00","17:00"]]}, "holidays": ["2026-02-30"]}"#) == ["holidays[0]"])
        #expect(fields(#"{"week": {"mon": [["08:00","17:00"]]}, "colour": "red"}"#) == ["colour", "timezone"])
    }

    @Test func civilDatesFromDays() {
        #expect(LocalDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(LocalDate(daysSinceEpoch: 20_454).description == "2026-01-01")
        #expect(LocalDate(daysSinceEpoch: -1).description == "1969-12-31")
    }
}

@Suite struct CalendarBatchTests {
    let calendar = #"{"timezone":"America/New_York","week":{"mon":[["08:00","17:00"]]}}"#

    @Test func answersEachOperation() {
        var batch = CalendarBatch()
        #expect(
            batch.answer(#"{"calendar":\#(calendar),"op":"add","start":"2026-11-30T13:00:00Z","seconds":32400}"#)
                == #"{"result":"2026-11-30T22:00:00Z"}"#)
        #expect(
            batch.answer(#"{"calendar":\#(calendar),"op":"between","start":"2026-11-30T13:00:00Z","end":"2026-12-07T13:00:00Z"}"#)
                == #"{"result":32400}"#)
        #expect(
            batch.answer(#"{"calendar":\#(calendar),"op":"next_open","start":"2026-11-30T23:00:00Z"}"#)
                == #"{"result":"2026-12-07T13:00:00Z"}"#)
    }

    @Test func badLinesGetAnErrorLineNamingTheProblem() {
        var batch = CalendarBatch()
        #expect(batch.answer("not json").contains("line is not a JSON object"))
        #expect(batch.answer(#"{"calendar":\#(calendar),"op":"fly","start":"2026-11-30T13:00:00Z"}"#).contains("op must be"))
        #expect(batch.answer(#"{"calendar":\#(calendar),"op":"add","start":"yesterday","seconds":1}"#).contains("start must be"))
        #expect(
            batch.answer(#"{"calendar":\#(calendar),"op":"add","start":"2026-11-30T13:00:00Z","seconds":-5}"#).contains(
                "seconds must be"))
        #expect(
            batch.answer(
                #"{"calendar":{"timezone":"Nowhere","week":{"mon":[["08:00","17:00"]]}},"op":"next_open","start":"2026-11-30T13:00:00Z"}"#
            ).contains("calendar.timezone"))
        #expect(
            batch.answer(#"{"calendar":\#(calendar),"op":"between","start":"2026-12-07T13:00:00Z","end":"2026-11-30T13:00:00Z"}"#)
                .contains("end must not be before start"))
        #expect(
            batch.answer(#"{"calendar":\#(calendar),"op":"next_open","start":"2026-11-30T23:00:00Z"}"#).contains("result"),
            "the batch goes on")
    }
}

@Suite struct RFC3339Tests {
    @Test func wholeAndFractionalSecondsAndOffsetsAreRead() {
        #expect(CalendarInstant.parse("2026-12-05T10:53:49Z") == Date(timeIntervalSince1970: 1_796_468_029))
        #expect(CalendarInstant.parse("2026-12-05T10:53:49.827Z") == Date(timeIntervalSince1970: 1_796_468_029.827))
        #expect(CalendarInstant.parse("2026-12-05T11:53:49+01:00") == Date(timeIntervalSince1970: 1_796_468_029))
        #expect(CalendarInstant.parse("2026-12-05t05:23:49.5-05:30") == Date(timeIntervalSince1970: 1_796_468_029.5))
        #expect(CalendarInstant.parse("2024-02-29T00:00:00Z") != nil, "a leap day")
    }

    @Test(arguments: [
        "2026-02-30T10:00:00Z", "2026-02-29T10:00:00Z", "1900-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-04-31T00:00:00Z", "2026-12-05T24:00:00Z", "2026-12-05T10:60:00Z", "2026-12-05T10:00:60Z",
        "2026-12-05T10:00:00", "2026-12-05 10:00:00Z", "2026-12-05T10:00:00.Z", "2026-12-05T10:00:00+1:00",
        "2026-12-05T10:00:00Zjunk", "", "tomorrow", "2026-12-05",
    ])
    func impossibleOrMalformedDateTimesAreRefused(text: String) {
        #expect(CalendarInstant.parse(text) == nil, "\(text)")
    }

    @Test func itAgreesWithFoundationOnEveryValidDay() {
        let formatter = ISO8601DateFormatter()
        var day = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01
        for _ in 0..<(366 * 4) {
            let text = formatter.string(from: day)
            #expect(CalendarInstant.parse(text) == day, "\(text)")
            day.addTimeInterval(86_400 + 3_661)
        }
    }
}
