import MendCore
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

    /// The page without templates or session, for when the template itself cannot be rendered.
    static func plain(_ problem: Problem) -> Response {
        let html = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>\(HTMLText.escape(problem.title))</title>\
            <link rel="stylesheet" href="/mend.css"></head><body><main><h1>\(HTMLText.escape(problem.title))</h1>\
            <p>\(HTMLText.escape(problem.detail))</p><p><a href="/tickets">Back to the queue</a></p></main></body></html>
            """
        let response = Response(status: problem.status, body: .init(string: html))
        response.headers.contentType = .html
        return response
    }
}
