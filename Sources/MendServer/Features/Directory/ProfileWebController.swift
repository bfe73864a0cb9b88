import MendCore
import Vapor

/// The signed-in person's profile page: who they are, and the time zone their pages show times in.
struct ProfileWebController: RouteCollection {
    struct Page: Encodable {
        var layout: LayoutContext
        var name: String
        var email: String
        var role: String
        /// The default zone, shown in the first choice ("the MSP's", "your company's").
        var defaultZone: String
        var defaultLabel: String
        var zones: [Option]
        var saved: Bool
        var now: String
        var refusal: FormRefusal.View?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("profile", use: show)
        routes.post("profile", use: save)
    }

    func show(req: Request) async throws -> View {
        let principal = try req.principal()
        let refusal = req.takeRefusal(for: "/profile")
        let user = try await UserModel.find(principal.userID, on: req.db)
        let chosen = refusal?.fields["timeZone"] ?? user?.timeZone ?? ""
        let defaultZone = try await req.profiles.defaultZone(for: principal)
        return try await req.view.render(
            "profile",
            Page(
                layout: LayoutContext(req, title: "Your profile"), name: principal.name, email: principal.email,
                role: principal.roleName, defaultZone: defaultZone,
                defaultLabel: principal.isClient ? "Your company's time zone" : "The service desk's time zone",
                zones: TimeZoneNames.known.map {
                    Option(value: $0, label: $0.replacingOccurrences(of: "_", with: " "), selected: $0 == chosen)
                },
                saved: (try? req.query.get(String.self, at: "saved")) == "1", now: WebFormat.time(req.mend.clock.now()),
                refusal: refusal?.view))
    }

    func save(req: Request) async throws -> Response {
        try await req.runForm(backTo: "/profile") {
            let form = try req.content.decode([String: String].self)
            // The form's "default" choice is empty.
            _ = try await req.profiles.setTimeZone(form["timeZone"].nonEmpty, by: try req.principal())
            return "/profile?saved=1"
        }
    }
}
