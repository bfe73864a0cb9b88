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
