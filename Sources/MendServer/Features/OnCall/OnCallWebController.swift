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

        var layout: LayoutContext
        var rotations: [Rotation]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("oncall", use: page)
    }

    func page(req: Request) async throws -> View {
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
                        "\(r.members.map(\.name).joined(separator: " → ")) · hands off \(cadence) at \(r.handoff) \(r.timezone)",
                    onCallNow: r.onCallNow?.name ?? "nobody yet",
                    shifts: r.shifts.map {
                        Page.Shift(
                            start: WebFormat.time($0.start, zone: r.timezone), end: WebFormat.time($0.end, zone: r.timezone),
                            name: $0.name, isOverride: $0.isOverride)
                    }))
        }
        return try await req.view.render("oncall", Page(layout: LayoutContext(req, title: "On call"), rotations: rotations))
    }

    static func dayName(_ key: String) -> String {
        [
            "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday", "sat": "Saturday",
            "sun": "Sunday",
        ][key] ?? key
    }
}
