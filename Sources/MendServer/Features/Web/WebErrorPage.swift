import Vapor

/// The HTML page shown for an error outside the API.
enum WebErrorPage {
    struct Context: Encodable {
        var layout: LayoutContext
        var status: Int
        var title: String
        var detail: String
    }

    static func render(_ problem: Problem, for req: Request) async throws -> Response {
        if problem.status == .unauthorized {
            return req.redirect(
                to: "/login?next=" + (req.url.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
        }
        let context = Context(
            layout: LayoutContext(req, title: problem.title), status: Int(problem.status.code), title: problem.title,
            detail: problem.detail)
        let response = try await req.view.render("error", context).encodeResponse(for: req)
        response.status = problem.status
        return response
    }
}

/// What every page's layout needs: the viewer, the MSP's name and the CSRF token for forms.
struct LayoutContext: Encodable {
    var title: String
    var mspName: String
    var userName: String?
    var roleName: String?
    var isStaff: Bool
    var csrf: String

    init(_ req: Request, title: String) {
        let principal = req.auth.get(Principal.self)
        self.title = title
        self.mspName = req.mend.config.mspName
        self.userName = principal?.name
        self.roleName = principal?.roleName
        self.isStaff = principal.map { !$0.isClient } ?? false
        self.csrf = CSRF.token(for: req)
    }
}

/// Times on pages, in UTC until per-user zones arrive with calendars.
enum WebFormat {
    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date) + " UTC"
    }

    static func minutes(_ total: Int) -> String {
        total >= 60 ? "\(total / 60) h \(total % 60) min" : "\(total) min"
    }
}
