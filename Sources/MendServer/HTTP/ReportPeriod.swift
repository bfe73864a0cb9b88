import MendCore
import Vapor

/// The `from` and `to` query of a report: ISO 8601 instants, the last 30 days up to now by default.
enum ReportPeriod {
    static func parse(_ req: Request) throws -> (from: Date, to: Date) {
        func instant(_ name: String, _ fallback: Date) throws -> Date {
            guard let text = try? req.query.get(String.self, at: name) else { return fallback }
            guard let date = CalendarInstant.parse(text) else {
                throw Problem.invalid(name, "must be an ISO 8601 date-time such as 2026-11-01T00:00:00Z")
            }
            return date
        }
        let to = try instant("to", req.mend.clock.now())
        return (try instant("from", to.addingTimeInterval(-30 * 86_400)), to)
    }
}
