import Fluent
import MendCore
import Vapor

/// The on-call page: each rotation, who is on call now, and the shifts of the coming four weeks.
struct OnCallWebController: RouteCollection {
    struct Page: Encodable {
        struct Shift: Encodable {
            var start: String
            var end: String
            var name: String
            var isOverride: Bool
        }
        struct Rotation: Encodable {
            var name: String
            var summary: String
            var onCallNow: String
            var shifts: [Shift]
        }

        struct MemberSlot: Encodable {
            var index: Int
            var number: Int
            var options: [Option]
        }

        var layout: LayoutContext
        var rotations: [Rotation]
        var canEdit: Bool
        var form: [String: String]
        var cadences: [Option]
        var weekdays: [Option]
        var slots: [MemberSlot]
        var afterHours: Bool
        var errors: [FieldProblem]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("oncall", use: show)
        routes.post("oncall", "rotations", use: create)
    }

    func show(req: Request) async throws -> View {
        let refusal = req.takeRefusal(for: "/oncall")
        return try await req.view.render(
            "oncall", try await page(req: req, form: refusal?.fields, errors: refusal?.problems(orUnder: "rotation") ?? []))
    }

    /// The "new rotation" form: members are picked in order, one per slot.
    func create(req: Request) async throws -> Response {
        let principal = try req.principal()
        let form = try req.content.decode([String: String].self)
        do {
            let members = try (0..<Self.slotCount).compactMap { index -> UUID? in
                guard let text = form["member-\(index)"].nonEmpty else { return nil }
                guard let id = UUID(uuidString: text) else { throw Problem.invalid("members[\(index)]", "is not a valid id") }
                return id
            }
            let ack = form["ackMinutes"].nonEmpty
            guard ack == nil || Int(ack!) != nil else { throw Problem.invalid("ackMinutes", "must be a whole number of minutes") }
            let request = RotationRequest(
                name: form["name"] ?? "", timezone: form["timezone"]?.trimmed ?? "", cadence: form["cadence"] ?? "",
                weekday: form["cadence"] == "weekly" ? form["weekday"] : nil, handoff: form["handoff"]?.trimmed ?? "",
                startDate: form["startDate"]?.trimmed ?? "", members: members, ackMinutes: ack.flatMap { Int($0) },
                afterHours: form["afterHours"] != nil)
            _ = try await req.onCall.create(request, by: principal)
            return req.redirect(to: "/oncall")
        } catch {
            let problem = ProblemMapping.problem(for: error)
            guard problem.status == .unprocessableEntity || problem.status == .conflict else { throw error }
            return req.refuse(problem, backTo: "/oncall")
        }
    }

    static let slotCount = 6

    func page(req: Request, form: [String: String]?, errors: [FieldProblem]) async throws -> Page {
        let principal = try req.principal()
        let now = req.mend.clock.now()
        var rotations: [Page.Rotation] = []
        for row in try await req.onCall.rotations(for: principal) {
            let r = try await req.onCall.response(row, now: now)
            let cadence =
                r.cadence == "weekly" ? "weekly on \(r.weekday.map(Self.dayName) ?? "")" : "daily"
            rotations.append(
                Page.Rotation(
                    name: r.name,
                    summary:
                        "\(r.members.map(\.name).joined(separator: " → ")) · hands off \(cadence) at \(r.handoff) \(r.timezone)"
                        + " · pages acknowledged within \(r.ackMinutes) min"
                        + (r.afterHours ? " · takes after-hours P1/P2 pages" : ""),
                    onCallNow: r.onCallNow?.name ?? "nobody yet",
                    shifts: r.shifts.map {
                        Page.Shift(
                            start: WebFormat.time($0.start), end: WebFormat.time($0.end),
                            name: $0.name, isOverride: $0.isOverride)
                    }))
        }
        let staff = try await UserModel.query(on: req.db).filter(\.$active == true).filter(\.$companyID == nil)
            .sort(\.$name).all()
        let values =
            form ?? [
                "timezone": "America/New_York", "handoff": "09:00", "ackMinutes": "15", "cadence": "weekly",
                "weekday": "mon", "startDate": LocalDate(now).description,
            ]
        return Page(
            layout: LayoutContext(req, title: "On call"), rotations: rotations, canEdit: principal.can(.queuesManage),
            form: values,
            cadences: ["daily", "weekly"].map { Option(value: $0, label: $0.capitalized, selected: values["cadence"] == $0) },
            weekdays: BusinessCalendar.dayKeys.map {
                Option(value: $0, label: Self.dayName($0), selected: values["weekday"] == $0)
            },
            slots: (0..<Self.slotCount).map { index in
                Page.MemberSlot(
                    index: index, number: index + 1,
                    options: [Option(value: "", label: "—", selected: (values["member-\(index)"] ?? "").isEmpty)]
                        + staff.map {
                            Option(
                                value: $0.id!.uuidString, label: $0.name, selected: values["member-\(index)"] == $0.id!.uuidString
                            )
                        })
            },
            afterHours: values["afterHours"] != nil, errors: errors)
    }

    static func dayName(_ key: String) -> String {
        [
            "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday", "sat": "Saturday",
            "sun": "Sunday",
        ][key] ?? key
    }
}
