import MendCore
import Vapor

/// An RFC 9457 problem: a stable `type`, a title, a detail and the field or gate at fault.
public struct Problem: Error, Sendable {
    public var status: HTTPResponseStatus
    /// The stable slug; the `type` member is `urn:mend:problem:<slug>`.
    public var slug: String
    public var title: String
    public var detail: String
    public var field: String?
    public var errors: [FieldProblem] = []
    public var gates: [ExitGate] = []
    public var allowed: [String] = []

    public init(
        _ status: HTTPResponseStatus, _ slug: String, _ title: String, detail: String, field: String? = nil
    ) {
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
        self.field = field
    }

    public var type: String { "urn:mend:problem:\(slug)" }

    static func notFound(_ what: String) -> Problem {
        Problem(.notFound, "not-found", "Not found", detail: "No \(what) with that identifier is visible to you.")
    }

    static func forbidden(_ permission: Permission) -> Problem {
        Problem(
            .forbidden, "forbidden", "Not permitted",
            detail: "Your role lacks the permission '\(permission.rawValue)'.")
    }

    static func validation(_ error: ValidationError) -> Problem {
        var problem = Problem(
            .unprocessableEntity, "validation", "Invalid input",
            detail: error.problems.map { "\($0.field) \($0.message)" }.joined(separator: "; "),
            field: error.problems.first?.field)
        problem.errors = error.problems
        return problem
    }

    static func invalid(_ field: String, _ message: String) -> Problem {
        validation(ValidationError(field: field, message))
    }
}

/// The JSON body of a problem response.
struct ProblemBody: Content {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var field: String?
    var errors: [FieldProblem]?
    var gates: [GateBody]?
    var allowed: [String]?

    struct GateBody: Content {
        var gate: String
        var detail: String
    }

    init(_ problem: Problem) {
        type = problem.type
        title = problem.title
        status = Int(problem.status.code)
        detail = problem.detail
        field = problem.field
        errors = problem.errors.isEmpty ? nil : problem.errors
        gates = problem.gates.isEmpty ? nil : problem.gates.map { GateBody(gate: $0.rawValue, detail: $0.explanation) }
        allowed = problem.allowed.isEmpty ? nil : problem.allowed
    }
}

extension Optional {
    /// The value of a field the validation above requires, or a 422 naming it: validated input is read without
    /// a force unwrap, so a gap in the validation is a refusal, never a crash.
    func required(_ field: String) throws -> Wrapped {
        guard let value = self else { throw Problem.invalid(field, "is required") }
        return value
    }

    /// A value the code above guarantees, or a 500 naming it: a broken guarantee fails one request, not the process.
    func guaranteed(_ what: String) throws -> Wrapped {
        guard let value = self else {
            throw Problem(.internalServerError, "internal", "Internal error", detail: "Missing \(what); nothing was changed.")
        }
        return value
    }
}
