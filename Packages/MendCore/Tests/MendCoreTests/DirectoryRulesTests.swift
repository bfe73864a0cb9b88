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
