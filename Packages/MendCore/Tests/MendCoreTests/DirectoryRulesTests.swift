import Foundation
import MendCore
import Testing

@Suite struct DirectoryRulesTests {
    @Test func companyNeedsNameCodeAndAKnownZone() {
        #expect(DirectoryRules.company(name: "Acme", code: "ACME", timezone: "America/New_York").isEmpty)
        let problems = DirectoryRules.company(name: "", code: "AC ME", timezone: "Mars/Olympus")
        #expect(problems.map(\.field) == ["name", "code", "timezone"])
    }

    @Test(arguments: ["a@b.co", "first.last@client.example.com"])
    func goodEmails(email: String) { #expect(DirectoryRules.isEmail(email)) }

    @Test(arguments: ["", "a", "a@b", "@b.co", "a@.co", "a b@c.co", "a@b@c.co", "a@b.co."])
    func badEmails(email: String) { #expect(!DirectoryRules.isEmail(email)) }

    @Test func contractDatesMustExistAndBeOrdered() {
        #expect(DirectoryRules.contract(name: "MSA", coverage: "8x5", startsOn: "2026-01-01", endsOn: "2026-12-31").isEmpty)
        #expect(
            DirectoryRules.contract(name: "MSA", coverage: "9x9", startsOn: "2026-02-30", endsOn: nil).map(\.field) == [
                "coverage", "startsOn",
            ])
        #expect(
            DirectoryRules.contract(name: "MSA", coverage: "24x7", startsOn: "2026-06-01", endsOn: "2026-05-31").map(\.field) == [
                "endsOn"
            ])
    }

    @Test func leapDays() {
        #expect(LocalDate("2028-02-29") != nil)
        #expect(LocalDate("2026-02-29") == nil)
        #expect(LocalDate("2100-02-29") == nil)
        #expect(LocalDate("2000-02-29")?.description == "2000-02-29")
    }

    @Test func queueKeysAreLowercaseIdentifiers() {
        #expect(DirectoryRules.queue(key: "noc", name: "NOC").isEmpty)
        #expect(DirectoryRules.queue(key: "NOC Queue", name: "").map(\.field) == ["key", "name"])
    }

    @Test func passwordsAreLongEnough() {
        #expect(DirectoryRules.user(email: "a@b.co", name: "A", password: "short").map(\.field) == ["password"])
        #expect(DirectoryRules.user(email: "a@b.co", name: "A", password: nil).isEmpty)
    }
}

@Suite struct SharedPatternTests {
    @Test func emailsAreReadByTheDocumentsPattern() {
        for good in ["dana@harbordental.example", "a@b.c", "first.last+tag@sub.example.org", "ü@exämple.de"] {
            #expect(DirectoryRules.isEmail(good), "\(good)")
        }
        for bad in ["", "a@b", "@b.c", "a@.b", "a@b.", "a b@c.d", "a@b@c.d", "a@b.c\u{2003}", "a\u{0}@b.c", "a@\u{85}b.c"] {
            #expect(!DirectoryRules.isEmail(bad), "\(bad.debugDescription)")
        }
    }

    @Test func linksAreReadByTheDocumentsPatternAndAreFoundationURLs() {
        for good in [
            "https://hooks.example/mend", "HTTP://host:8080", "http://10.0.0.1/a/b?c=d&e=%20f", "https://x.example/#top",
        ] {
            #expect(WebLink.isValid(good), "\(good)")
            #expect(URL(string: good)?.host != nil, "\(good)")
        }
        for bad in ["ftp://x.example", "https://user:pw@x.example/", "https://x.example/a b", "https://", "https://x/%z1"] {
            #expect(!WebLink.isValid(bad), "\(bad)")
        }
    }

    @Test func onlyNamedZonesAreKnown() {
        #expect(TimeZoneNames.isKnown("America/New_York") && TimeZoneNames.isKnown("UTC"))
        #expect(!TimeZoneNames.isKnown("EST") && !TimeZoneNames.isKnown("GMT+5") && !TimeZoneNames.isKnown("Mars/Base"))
    }
}

@Suite("A person's time zone") struct UserTimeZoneRuleTests {
    @Test func aPersonsZoneIsAnIANANameOrNone() {
        #expect(DirectoryRules.userTimeZone(nil).isEmpty)
        #expect(DirectoryRules.userTimeZone("Europe/London").isEmpty)
        #expect(DirectoryRules.userTimeZone("GMT+5").map(\.field) == ["timeZone"])
        #expect(DirectoryRules.userTimeZone("Mars/Olympus").map(\.field) == ["timeZone"])
    }

    @Test func weeksRunMondayToSundayAcrossMonthsAndYears() throws {
        let sunday = try #require(LocalDate("2027-01-03"))
        #expect(sunday.weekdayIndex == 6 && sunday.monday.description == "2026-12-28")
        let monday = try #require(LocalDate("2026-12-07"))
        #expect(monday.weekdayIndex == 0 && monday.monday == monday)
        #expect(LocalDate("1969-12-31")?.monday.description == "1969-12-29", "before the epoch too")
        #expect(monday.adding(days: 25).description == "2027-01-01" && monday.adding(days: -7).description == "2026-11-30")
    }
}
