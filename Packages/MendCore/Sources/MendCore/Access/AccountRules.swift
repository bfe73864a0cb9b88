/// What an admin may do to a person's account: the team must never lock itself out.
public enum AccountRules {
    /// The role that administers users.
    public static let adminRole = "admin"

    /// The problems of changing one account's role or activity. `isSelf`: the admin changes their own account;
    /// `otherActiveAdmins`: active admins besides this account.
    public static func change(
        currentRole: String, newRole: String?, active: Bool?, isSelf: Bool, otherActiveAdmins: Int
    ) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let losesAdmin = currentRole == adminRole && ((newRole.map { $0 != adminRole } ?? false) || active == false)
        if isSelf, active == false {
            problems.append(FieldProblem(field: "active", message: "cannot be turned off for your own account"))
        }
        if isSelf, let newRole, newRole != currentRole, currentRole == adminRole {
            problems.append(FieldProblem(field: "role", message: "cannot be taken from your own account: ask another admin"))
        }
        if losesAdmin, otherActiveAdmins == 0, problems.isEmpty {
            let field = active == false ? "active" : "role"
            problems.append(FieldProblem(field: field, message: "would leave no active admin: make someone else admin first"))
        }
        return problems
    }
}
