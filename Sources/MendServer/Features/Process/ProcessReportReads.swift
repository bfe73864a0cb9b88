import Fluent
import Foundation
import MendCore
import SQLKit

/// The event counts behind the Task Report: each event of a kind a task names that happened in the period, with
/// the time since its ticket's event before it (found by the ticket's index on `(ticket_id, seq)`).
struct ProcessReportReads {
    let db: any Database

    func runs(kinds: [String], from start: Date, to end: Date) async throws -> [String: ProcessReports.Runs] {
        guard !kinds.isEmpty else { return [:] }
        struct Row: Decodable {
            var kind: String
            var at: Date
            var previous: Date?
        }
        let sql = try db.sql
        let list = SQLList(kinds.map { SQLBind($0) })
        let rows = try await sql.raw(
            """
            SELECT e.kind AS kind, e.at AS at,
            (SELECT p.at FROM events p WHERE p.ticket_id = e.ticket_id AND p.seq < e.seq ORDER BY p.seq DESC LIMIT 1)
            AS previous
            FROM events e WHERE e.ticket_id IS NOT NULL AND e.at >= \(bind: start) AND e.at < \(bind: end)
            AND e.kind IN (\(list))
            """
        ).all(decoding: Row.self)
        defer { MemoryTrim.afterLargeRead() }
        return ProcessReports.runs(
            rows.map { row in (row.kind, row.previous.map { Int(row.at.timeIntervalSince($0).rounded()) }) })
    }
}

/// A KPI's value in a period, in the words the reports page uses.
enum ProcessKpiText {
    static func value(_ measure: String, _ figures: KpiFigures) -> String {
        switch measure {
        case "response_time": time(figures.responseTime)
        case "restoration_time": time(figures.restorationTime)
        case "resolution_time": time(figures.resolutionTime)
        case "sla_compliance":
            figures.slaCompliance.filter { $0.clock != .update }.map {
                "\($0.clock.title) \(KpiText.percent($0.rate.value))"
            }.joined(separator: ", ")
        case "first_contact_resolution": rate(figures.firstContactResolution.rate)
        case "time_logged":
            figures.timeLoggedByType.isEmpty
                ? "–"
                : figures.timeLoggedByType.prefix(3).map {
                    "\($0.type ?? "untyped") \(KpiText.minutes($0.meanMinutes))"
                }.joined(separator: ", ")
        case "reopen_rate": rate(figures.reopenRate.rate)
        case "client_satisfaction":
            "\(KpiText.rating(figures.satisfaction.meanRating)), \(KpiText.percent(figures.satisfaction.satisfied.value)) rated 4-5"
        default: "–"
        }
    }

    private static func time(_ figure: MeasureFigure) -> String {
        guard figure.business.n > 0 else { return "–" }
        return
            "median \(KpiText.duration(figure.business.p50Seconds.map(Double.init))) business time (\(figure.business.n) tickets)"
    }

    private static func rate(_ rate: RateFigure) -> String {
        "\(KpiText.percent(rate.value)) (\(rate.numerator) of \(rate.denominator))"
    }
}
