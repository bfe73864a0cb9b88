import Testing

@testable import MendCore

@Suite("Account rules") struct AccountRulesTests {
    @Test func anAdminCannotLockThemselvesOut() {
        let selfOff = AccountRules.change(currentRole: "admin", newRole: nil, active: false, isSelf: true, otherActiveAdmins: 3)
        #expect(selfOff.map(\.field) == ["active"])
        let selfDemoted = AccountRules.change(
            currentRole: "admin", newRole: "engineer", active: nil, isSelf: true, otherActiveAdmins: 3)
        #expect(selfDemoted.map(\.field) == ["role"])
    }

    @Test func theLastActiveAdminStays() {
        let last = AccountRules.change(
            currentRole: "admin", newRole: "engineer", active: nil, isSelf: false, otherActiveAdmins: 0)
        #expect(last.map(\.field) == ["role"])
        let lastOff = AccountRules.change(currentRole: "admin", newRole: nil, active: false, isSelf: false, otherActiveAdmins: 0)
        #expect(lastOff.map(\.field) == ["active"])
        #expect(
            AccountRules.change(currentRole: "admin", newRole: "engineer", active: nil, isSelf: false, otherActiveAdmins: 1)
                .isEmpty)
    }

    @Test func anyoneElseMayChange() {
        #expect(
            AccountRules.change(currentRole: "engineer", newRole: "sme", active: false, isSelf: false, otherActiveAdmins: 0)
                .isEmpty)
        #expect(
            AccountRules.change(currentRole: "engineer", newRole: "admin", active: true, isSelf: false, otherActiveAdmins: 0)
                .isEmpty)
    }
}
