import Fluent
import MendCore
import Vapor

/// /api/v1/kpis: the module's KPIs for a period and its cuts, and the CSV of the tickets behind them.
struct KpiAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("kpis", use: figures)
        routes.get("kpis", "tickets.csv", use: tickets)
    }

    func figures(req: Request) async throws -> KpiResponse {
        let query = try await req.kpiQuery()
        let daily = try KpiDaily(db: req.db, gate: req.mend.gate, timeZone: req.mend.config.timeZone)
        return KpiResponse(
            query: query, figures: try await KpiReads(db: req.db).figures(query, daily: daily),
            timeZone: req.mend.config.timeZone)
    }

    /// Streams the rows page by page: no cap, and the memory of one page whatever the period.
    func tickets(req: Request) async throws -> Response {
        let query = try await req.kpiQuery()
        let reads = KpiReads(db: req.application.db)
        let response = Response(
            status: .ok,
            body: .init(managedAsyncStream: { writer in
                try await writer.write(.buffer(ByteBuffer(string: KpiExport.line(KpiExport.header))))
                try await reads.scan(query, from: query.period.start, to: query.period.end) { page in
                    var text = ""
                    for named in page {
                        let facts = try KpiFactRows.decoder.decode(TicketKpiFacts.self, from: Data(named.facts.utf8))
                        // The SQL bounds are the span of a ticket's ends; only tickets with an end in the period count.
                        guard facts.endInstants.contains(where: query.period.contains) else { continue }
                        text += KpiExport.line(KpiExport.fields(try named.exportRow(facts: facts)))
                    }
                    if !text.isEmpty { try await writer.write(.buffer(ByteBuffer(string: text))) }
                }
            }))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(
            name: .contentDisposition,
            value: "attachment; filename=\"mend-kpis-\(query.period.from)-\(query.period.to).csv\"")
        return response
    }
}

extension KpiReads.Named {
    func exportRow(facts: TicketKpiFacts) throws -> KpiExportRow {
        KpiExportRow(
            number: TicketNumber.format(number), company: company_name,
            priority: try StoredValue.read(Priority.self, priority, column: "priority"), queue: queue_name, type: type,
            source: try StoredValue.read(TicketSource.self, source, column: "source"), firstAssignee: first_assignee_name,
            resolvedBy: resolved_by_name, facts: facts)
    }
}

extension Request {
    /// The KPI query of this request, for its principal, in the MSP's time zone.
    func kpiQuery(extra: Set<String> = []) async throws -> KpiQuery {
        try await KpiQuery.parse(
            url.query ?? "", viewer: try principal(), zone: try BusinessCalendar.allDay(in: mend.config.timeZone),
            now: mend.clock.now(), extra: extra, on: db)
    }
}
