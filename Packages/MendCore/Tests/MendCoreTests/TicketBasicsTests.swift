import Foundation
import MendCore
import Testing

@Suite struct TicketBasicsTests {
    @Test(arguments: [(1, "T-000001"), (123, "T-000123"), (1_234_567, "T-1234567")])
    func numbersFormat(number: Int, text: String) {
        #expect(TicketNumber.format(number) == text)
        #expect(TicketNumber.parse(text) == number)
    }

    @Test(arguments: ["", "T-", "T-abc", "T--1", "0", "X-12", "T-0000000000000001", "+5", "T-+5", "T-٣"])
    func badNumbersDoNotParse(text: String) {
        #expect(TicketNumber.parse(text) == nil)
    }

    @Test func draftNeedsASummary() {
        #expect(TicketDraft(summary: "   ").problems() == [FieldProblem(field: "summary", message: "is required")])
        #expect(TicketDraft(summary: nil).problems().map(\.field) == ["summary"])
        #expect(TicketDraft(summary: "VPN down").problems().isEmpty)
    }

    @Test func draftLimitsLengths() {
        let long = String(repeating: "x", count: 201)
        let problems = TicketDraft(summary: long, type: String(repeating: "y", count: 81)).problems()
        #expect(problems.map(\.field) == ["summary", "type"])
    }

    @Test func timeEntriesAreBetweenAMinuteAndADay() {
        #expect(TimeEntryRules.problems(minutes: 0, note: nil).map(\.field) == ["minutes"])
        #expect(TimeEntryRules.problems(minutes: nil, note: nil).map(\.message) == ["is required"])
        #expect(TimeEntryRules.problems(minutes: 1441, note: nil).map(\.field) == ["minutes"])
        #expect(TimeEntryRules.problems(minutes: 45, note: "Rebooted the firewall").isEmpty)
    }

    @Test func defaultRolesCoverTheProductRoles() {
        let keys = Set(RoleDefinition.defaults.map(\.key))
        #expect(keys == ["engineer", "on_call_engineer", "sme", "service_manager", "csr", "client_contact", "admin"])
        let engineer = RoleDefinition.defaults.first { $0.key == "engineer" }!
        #expect(!engineer.permissions.contains(.contractsEdit))
        let admin = RoleDefinition.defaults.first { $0.key == "admin" }!
        #expect(admin.permissions.contains(.contractsEdit))
        let contact = RoleDefinition.defaults.first { $0.key == "client_contact" }!
        #expect(contact.isClient && !contact.permissions.contains(.ticketsBackstage))
    }
}

@Suite struct Tier1HandoffTests {
    @Test func theNoteCarriesStepsFindingsAndLinks() {
        let handoff = Tier1Handoff(
            reference: "T1-4411", stepsTried: ["Rebooted the router", "Checked the ISP status page"], findings: "Link light off",
            attachments: ["https://files.example/ping.txt"])
        #expect(handoff.problems().isEmpty)
        #expect(
            handoff.noteBody
                == "Escalated from Tier 1 (T1-4411).\n\nSteps tried:\n1. Rebooted the router\n2. Checked the ISP status page\n\nFindings: Link light off\n\nAttachments:\n- https://files.example/ping.txt"
        )
    }

    @Test func badHandoffsNameTheirFields() {
        let bad = Tier1Handoff(stepsTried: ["ok", "  "], attachments: ["ftp://x/y", "not a link"])
        #expect(Set(bad.problems().map(\.field)) == ["tier1.stepsTried[1]", "tier1.attachments[0]", "tier1.attachments[1]"])
        #expect(Tier1Handoff().problems().map(\.field) == ["tier1.stepsTried"])
    }
}
