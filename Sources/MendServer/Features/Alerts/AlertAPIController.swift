import Fluent
import MendCore
import Vapor

/// /api/v1 monitoring alerts: Alertmanager's webhook, the generic form, and the severity table.
struct AlertAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("alerts", "alertmanager", use: alertmanager)
        routes.post("alerts", use: generic)
        routes.get("alerts", "severity-table", use: severityTable)
        routes.put("alerts", "severity-table", use: setSeverityTable)
    }

    func alertmanager(req: Request) async throws -> AlertIntakeResponse {
        let principal = try req.principal()
        let alerts = try AlertmanagerPayload.parse(object: try StrictJSON.object(from: req, refuseNUL: false))
        let fields = alerts.indices.map { "alerts[\($0)].labels.company" }
        return AlertIntakeResponse(try await req.alerts.ingest(alerts, companyFields: fields, by: principal))
    }

    func generic(req: Request) async throws -> AlertIntakeResponse {
        let principal = try req.principal()
        let alert = try IncomingAlert.parse(object: try StrictJSON.object(from: req))
        return AlertIntakeResponse(try await req.alerts.ingest([alert], companyFields: ["company"], by: principal))
    }

    func severityTable(req: Request) async throws -> SeverityTableBody {
        try req.principal().requireStaff("alert settings")
        return SeverityTableBody(try await req.alerts.severityTable())
    }

    func setSeverityTable(req: Request) async throws -> SeverityTableBody {
        let principal = try req.principal()
        return SeverityTableBody(try await req.alerts.setSeverityTable(try StrictJSON.object(from: req), by: principal))
    }
}

/// What each alert of a call did: opened a ticket, counted as a repeat, resolved (or restored) one, or nothing.
struct AlertIntakeResponse: Content {
    struct Item: Content {
        var fingerprint: String
        var action: AlertService.Outcome.Action
        var ticket: String?
        var status: TicketStatus?
    }

    var items: [Item]

    init(_ outcomes: [AlertService.Outcome]) {
        items = outcomes.map {
            Item(
                fingerprint: $0.fingerprint, action: $0.action, ticket: $0.ticketNumber.map(TicketNumber.format),
                status: $0.status.flatMap(TicketStatus.init(rawValue:)))
        }
    }
}

/// The severity table's JSON form.
struct SeverityTableBody: Content {
    struct Row: Content {
        var impact: Impact
        var urgency: Urgency
    }

    var severities: [String: Row]
    var fallback: Row
    var resolved_action: ResolvedAlertAction

    init(_ table: AlertSeverityTable) {
        severities = table.rows.mapValues { Row(impact: $0.impact, urgency: $0.urgency) }
        fallback = Row(impact: table.fallback.impact, urgency: table.fallback.urgency)
        resolved_action = table.resolvedAction
    }
}

/// A monitoring ticket's alert: where it came from, its fingerprint, how often it fired, when last seen.
struct TicketAlertResponse: Content {
    var source: String
    var fingerprint: String
    var count: Int
    var lastSeenAt: Date?
    /// When the incident started, as the alert's `startsAt` said.
    var startedAt: Date?
}

extension Request {
    var alerts: AlertService { AlertService(db: db, services: application.mend) }
}
