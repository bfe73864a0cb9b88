import Vapor

/// What every page's layout needs: the viewer, the MSP's name and the CSRF token for forms.
struct LayoutContext: Encodable {
    var title: String
    var mspName: String
    var userName: String?
    var roleName: String?
    var isStaff: Bool
    var csrf: String
    /// Delivered, unread notifications: the badge beside Notifications.
    var unread: Int
    /// Admins see the Webhooks link.
    var managesIntegrations: Bool
    /// Admins see the People link.
    var managesUsers: Bool
    /// The zone the page's times are in, for labels such as "From (Europe/London)".
    var zoneName: String

    init(_ req: Request, title: String) {
        let principal = req.auth.get(Principal.self)
        self.title = title
        self.mspName = req.mend.config.mspName
        self.userName = principal?.name
        self.roleName = principal?.roleName
        self.isStaff = principal.map { !$0.isClient } ?? false
        // A request refused before its session was loaded (a bad path, say) renders without one: no form on such a
        // page can be sent anyway, and reading the session there would trap.
        self.csrf = SessionsReady.isReady(req) ? CSRF.token(for: req) : ""
        self.unread = req.storage[UnreadNotificationsKey.self] ?? 0
        self.managesIntegrations = principal?.can(.integrationsManage) ?? false
        self.managesUsers = principal?.can(.usersManage) ?? false
        self.zoneName = WebFormat.zone.identifier
    }
}
