import Foundation
import MendCore
import Vapor

/// A refused form: what was typed and why it was refused, carried through the session to the page the browser is sent
/// back to. Post, redirect, get: the page then reloads at its own address, and nothing typed is lost.
struct FormRefusal: Codable {
    /// The page path the refusal belongs to; another page leaves it untouched.
    var page: String
    /// The form's `_form` field, a name the page's template knows the form by.
    var form: String
    /// The `_row` field of a form repeated once per row (a part, a visit): which row's form it was.
    var row: String
    var fields: [String: String]
    var error: ErrorBox

    static let sessionKey = "refusal"

    /// The view the templates read: `refusal.typed.<form>.<field>`, `refusal.invalid.<form>.<field>`, `refusal.form`.
    var view: View {
        var invalid: [String: String] = [:]
        for problem in error.fields where invalid[problem.field] == nil { invalid[problem.field] = problem.message }
        return View(form: form, row: row, typed: [form: fields], invalid: [form: invalid], error: error)
    }

    /// The problems field by field; one about the whole form stands under `field`.
    func problems(orUnder field: String) -> [FieldProblem] {
        error.fields.isEmpty ? [FieldProblem(field: field, message: error.detail)] : error.fields
    }

    struct View: Encodable {
        var form: String
        var row: String
        var typed: [String: [String: String]]
        var invalid: [String: [String: String]]
        var error: ErrorBox
    }
}

extension Request {
    /// Keeps what the refused form held and sends the browser back to `page`, to the form's problem.
    func refuse(_ problem: Problem, backTo page: String) -> Response {
        var fields = FormFields.parse(body.string ?? "")
        let form = Self.formName(fields["_form"])
        let row = fields["_row"].flatMap { UUID(uuidString: $0)?.uuidString } ?? ""
        for internalField in ["_csrf", "_form", "_row"] { fields[internalField] = nil }
        let refusal = FormRefusal(page: page, form: form, row: row, fields: fields, error: ErrorBox(problem))
        if let data = try? JSONEncoder().encode(refusal) {
            session.data[FormRefusal.sessionKey] = String(decoding: data, as: UTF8.self)
        }
        return redirect(to: page + "#error", redirectType: .normal)
    }

    /// Runs a form's action and goes back to `page`; a refusal goes back with the reason and what was typed.
    func runForm(backTo page: String, _ action: () async throws -> Void) async throws -> Response {
        try await runForm(backTo: page) {
            try await action()
            return page
        }
    }

    /// Runs a form's action and goes where it says; a refusal goes back to `page` with the reason and what was typed.
    func runForm(backTo page: String, _ action: () async throws -> String) async throws -> Response {
        do {
            return redirect(to: try await action())
        } catch {
            let problem = ProblemMapping.problem(for: error)
            guard problem.status.code < 500, problem.status != .notFound, problem.status != .unauthorized else { throw error }
            return refuse(problem, backTo: page)
        }
    }

    /// The refusal kept for `page`, taken from the session: the page shows it once, then afresh.
    func takeRefusal(for page: String) -> FormRefusal? {
        guard hasSession, let text = session.data[FormRefusal.sessionKey],
            let refusal = try? JSONDecoder().decode(FormRefusal.self, from: Data(text.utf8)), refusal.page == page
        else { return nil }
        session.data[FormRefusal.sessionKey] = nil
        return refusal
    }

    /// Only names a template can use as a key; anything else stands for "no form named", shown at the top.
    private static func formName(_ text: String?) -> String {
        guard let text, !text.isEmpty, text.count <= 40, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return "" }
        return text
    }
}
