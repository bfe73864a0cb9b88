import Foundation
import MendCore
import SQLKit
import SQLiteKit

/// A ticket as the API and the pages show it: its columns and the names of its company, queue, assignee, contact
/// and site. A list reads them in one statement, the tickets joined with the names, without Fluent's models: their
/// per-field decoding was most of the first page of open tickets (BENCHMARKS.md, issue 24).
struct TicketListRow: Sendable {
    var id: UUID
    var number: Int
    var summary: String
    var description: String
    var type: String?
    var subtype: String?
    var impact: String
    var urgency: String
    var priority: String
    var source: String
    var status: String
    var queueID: UUID?
    var assigneeID: UUID?
    var companyID: UUID
    var contactID: UUID?
    var siteID: UUID?
    var configurationItem: String?
    var resolution: String?
    var restoredTested: Bool
    var verificationAttempted: Bool
    var clientInformed: Bool
    var exitParty: String?
    var exitReference: String?
    var minutesLogged: Int
    var reopenCount: Int
    var version: Int
    var createdAt: Date
    var updatedAt: Date
    var exitedAt: Date?
    var closedAt: Date?
    var slaClocks: String?
    var slaDueAt: Date?
    var alertSource: String?
    var alertFingerprint: String?
    var alertCount: Int?
    var alertLastSeen: Date?
    var incidentStartedAt: Date?
    var handoffAt: Date?
    var companyName: String?
    var queueName: String?
    var assigneeName: String?
    var contactName: String?
    var siteName: String?
}

extension TicketListRow {
    /// The ticket's columns in the SELECT of `TicketListRows`, each with its table's alias.
    static let columns =
        [
            "id", "number", "summary", "description", "type", "subtype", "impact", "urgency", "priority", "source", "status",
            "queue_id", "assignee_id", "company_id", "contact_id", "site_id", "configuration_item", "resolution",
            "restored_tested", "verification_attempted", "client_informed", "exit_party", "exit_reference", "minutes_logged",
            "reopen_count", "version", "created_at", "updated_at", "exited_at", "closed_at", "sla_clocks", "sla_due_at",
            "alert_source", "alert_fingerprint", "alert_count", "alert_last_seen", "incident_started_at", "handoff_at",
        ].map { "t.\($0)" }
        + [
            "c.name AS company_name", "q.name AS queue_name", "u.name AS assignee_name", "ct.name AS contact_name",
            "s.name AS site_name",
        ]

    init(_ columns: RowColumns) throws {
        var row = columns
        id = try row.uuid("id")
        number = try row.value("number", as: Int.self)
        summary = try row.value("summary", as: String.self)
        description = try row.value("description", as: String.self)
        type = try row.optional("type", as: String.self)
        subtype = try row.optional("subtype", as: String.self)
        impact = try row.value("impact", as: String.self)
        urgency = try row.value("urgency", as: String.self)
        priority = try row.value("priority", as: String.self)
        source = try row.value("source", as: String.self)
        status = try row.value("status", as: String.self)
        queueID = try row.optionalUUID("queue_id")
        assigneeID = try row.optionalUUID("assignee_id")
        companyID = try row.uuid("company_id")
        contactID = try row.optionalUUID("contact_id")
        siteID = try row.optionalUUID("site_id")
        configurationItem = try row.optional("configuration_item", as: String.self)
        resolution = try row.optional("resolution", as: String.self)
        restoredTested = try row.value("restored_tested", as: Bool.self)
        verificationAttempted = try row.value("verification_attempted", as: Bool.self)
        clientInformed = try row.value("client_informed", as: Bool.self)
        exitParty = try row.optional("exit_party", as: String.self)
        exitReference = try row.optional("exit_reference", as: String.self)
        minutesLogged = try row.value("minutes_logged", as: Int.self)
        reopenCount = try row.value("reopen_count", as: Int.self)
        version = try row.value("version", as: Int.self)
        createdAt = try row.value("created_at", as: Date.self)
        updatedAt = try row.value("updated_at", as: Date.self)
        exitedAt = try row.optional("exited_at", as: Date.self)
        closedAt = try row.optional("closed_at", as: Date.self)
        slaClocks = try row.optional("sla_clocks", as: String.self)
        slaDueAt = try row.optional("sla_due_at", as: Date.self)
        alertSource = try row.optional("alert_source", as: String.self)
        alertFingerprint = try row.optional("alert_fingerprint", as: String.self)
        alertCount = try row.optional("alert_count", as: Int.self)
        alertLastSeen = try row.optional("alert_last_seen", as: Date.self)
        incidentStartedAt = try row.optional("incident_started_at", as: Date.self)
        handoffAt = try row.optional("handoff_at", as: Date.self)
        companyName = try row.optional("company_name", as: String.self)
        queueName = try row.optional("queue_name", as: String.self)
        assigneeName = try row.optional("assignee_name", as: String.self)
        contactName = try row.optional("contact_name", as: String.self)
        siteName = try row.optional("site_name", as: String.self)
    }
}

/// Reads ticket lists: one keyset page in one statement with its names, and the counts per status.
enum TicketListRows {
    /// Up to `limit` tickets matching `filter` in `sort` order, after `cursor` when given.
    static func read(
        _ filter: TicketFilter, sort: TicketSort, after cursor: Cursor?, limit: Int, on sql: any SQLDatabase
    ) async throws -> [TicketListRow] {
        let select = base(filter, on: sql).limit(limit)
        switch sort {
        case .newest:
            if let cursor { select.where(column("number"), .lessThan, SQLBind(cursor.number)) }
            select.orderBy(SQLOrderBy(expression: column("number"), direction: SQLDirection.descending))
        case .oldest:
            if let cursor { select.where(column("number"), .greaterThan, SQLBind(cursor.number)) }
            select.orderBy(SQLOrderBy(expression: column("number"), direction: SQLDirection.ascending))
        case .priority:
            if let cursor {
                select.where { group in
                    group.where(column("priority"), .greaterThan, SQLBind(cursor.priority)).orWhere { same in
                        same.where(column("priority"), .equal, SQLBind(cursor.priority))
                            .where(column("number"), .lessThan, SQLBind(cursor.number))
                    }
                }
            }
            select.orderBy(SQLOrderBy(expression: column("priority"), direction: SQLDirection.ascending)).orderBy(
                SQLOrderBy(expression: column("number"), direction: SQLDirection.descending))
        case .deadline:
            return try await byDeadline(filter, after: cursor, limit: limit, on: sql)
        }
        return try await rows(select, on: sql)
    }

    /// The deadline order: the tickets with a running clock, nearest deadline first, then the rest by number. Read
    /// as two ranges, each in an index's order, rather than one sort of every matching ticket; the second only when
    /// the first does not fill the page.
    private static func byDeadline(
        _ filter: TicketFilter, after cursor: Cursor?, limit: Int, on sql: any SQLDatabase
    ) async throws -> [TicketListRow] {
        var page: [TicketListRow] = []
        if cursor == nil || cursor?.due != nil {
            let due = base(filter, on: sql).where(column("sla_due_at"), .isNot, SQLLiteral.null)
            if let cursor, let at = cursor.due.map(Date.init(timeIntervalSince1970:)) {
                due.where { group in
                    group.where(column("sla_due_at"), .greaterThan, SQLBind(at)).orWhere { same in
                        same.where(column("sla_due_at"), .equal, SQLBind(at))
                            .where(column("number"), .greaterThan, SQLBind(cursor.number))
                    }
                }
            }
            due.orderBy(SQLOrderBy(expression: column("sla_due_at"), direction: SQLDirection.ascending)).orderBy(
                SQLOrderBy(expression: column("number"), direction: SQLDirection.ascending)
            )
            page = try await rows(due.limit(limit), on: sql)
        }
        guard page.count < limit else { return page }
        let undated = base(filter, on: sql).where(column("sla_due_at"), .is, SQLLiteral.null)
        if let cursor, cursor.due == nil { undated.where(column("number"), .greaterThan, SQLBind(cursor.number)) }
        undated.orderBy(SQLOrderBy(expression: column("number"), direction: SQLDirection.ascending))
        return page + (try await rows(undated.limit(limit - page.count), on: sql))
    }

    /// The rows of `select`. On SQLite the statement goes to SQLiteNIO as text and binds and its rows are read as
    /// SQLiteNIO gives them, past SQLiteKit's `Decoder` per value (`RowColumns`).
    private static func rows(_ select: SQLSelectBuilder, on sql: any SQLDatabase) async throws -> [TicketListRow] {
        guard let sqlite = sql as? any SQLiteDatabase else {
            return try await select.all().map { try TicketListRow(RowColumns(sql: $0)) }
        }
        var serializer = SQLSerializer(database: sql)
        select.query.serialize(to: &serializer)
        let encoder = SQLiteDataEncoder()
        let binds = try serializer.binds.map { try encoder.encode($0) }
        return try await sqlite.query(serializer.sql, binds).map { try TicketListRow(RowColumns(sqlite: $0)) }
    }

    /// Ticket counts per status for the filter, ignoring its status part (the queue view's tabs), in one query.
    static func statusCounts(_ filter: TicketFilter, on sql: any SQLDatabase) async throws -> [TicketStatus: Int] {
        struct Count: Decodable {
            var status: String
            var n: Int
        }
        var scoped = filter
        scoped.statuses = []
        scoped.openOnly = false
        let select = sql.select().column(column("status"), as: "status").column(SQLRaw("COUNT(*)"), as: "n")
            .from(SQLAlias(SQLIdentifier(TicketModel.schema), as: SQLIdentifier("t")))
        scoped.apply(to: select, postgres: sql.dialect.name == "postgresql")
        var counts: [TicketStatus: Int] = [:]
        for row in try await select.groupBy(column("status")).all(decoding: Count.self) {
            counts[try StoredValue.read(TicketStatus.self, row.status, column: "status")] = row.n
        }
        return counts
    }

    /// The tickets matching `filter` with their names joined.
    private static func base(_ filter: TicketFilter, on sql: any SQLDatabase) -> SQLSelectBuilder {
        let select = joined(sql.select().columns(TicketListRow.columns.map { SQLRaw($0) }))
        filter.apply(to: select, postgres: sql.dialect.name == "postgresql")
        return select
    }

    private static func joined(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
        select.from(SQLAlias(SQLIdentifier(TicketModel.schema), as: SQLIdentifier("t")))
            .join(
                SQLAlias(SQLIdentifier("companies"), as: SQLIdentifier("c")), method: SQLJoinMethod.left,
                on: SQLRaw("c.id = t.company_id")
            )
            .join(
                SQLAlias(SQLIdentifier("queues"), as: SQLIdentifier("q")), method: SQLJoinMethod.left,
                on: SQLRaw("q.id = t.queue_id")
            )
            .join(
                SQLAlias(SQLIdentifier("users"), as: SQLIdentifier("u")), method: SQLJoinMethod.left,
                on: SQLRaw("u.id = t.assignee_id")
            )
            .join(
                SQLAlias(SQLIdentifier("contacts"), as: SQLIdentifier("ct")), method: SQLJoinMethod.left,
                on: SQLRaw("ct.id = t.contact_id")
            )
            .join(
                SQLAlias(SQLIdentifier("sites"), as: SQLIdentifier("s")), method: SQLJoinMethod.left,
                on: SQLRaw("s.id = t.site_id"))
    }

    /// A column of the tickets table in these queries.
    static func column(_ name: String) -> SQLColumn { SQLColumn(name, table: "t") }
}

extension TicketFilter {
    /// Stored values for `IN (...)`.
    private static func list<Value: RawRepresentable<String>>(_ values: [Value]) -> SQLGroupExpression {
        SQLGroupExpression(SQLList(values.map { SQLBind($0.rawValue) }))
    }

    /// The filter as conditions on the tickets table aliased `t`.
    func apply(to select: SQLSelectBuilder, postgres: Bool) {
        let column = TicketListRows.column
        if !statuses.isEmpty {
            select.where(column("status"), .in, Self.list(statuses))
        }
        if openOnly {
            select.where(
                column("status"), .notIn, Self.list(TicketStatus.exits + [.closed]))
        }
        if !priorities.isEmpty {
            select.where(column("priority"), .in, Self.list(priorities))
        }
        if let queueID { select.where(column("queue_id"), .equal, SQLBind(queueID)) }
        switch assignee {
        case .anyone: break
        case .nobody: select.where(column("assignee_id"), .is, SQLLiteral.null)
        case let .user(id): select.where(column("assignee_id"), .equal, SQLBind(id))
        }
        if let companyID { select.where(column("company_id"), .equal, SQLBind(companyID)) }
        switch contact {
        case .anyone: break
        case let .contact(id): select.where(column("contact_id"), .equal, SQLBind(id))
        case .noOne: select.where(SQLRaw("1 = 0"))
        }
        if let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let pattern = "%" + text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            let like = SQLRaw(postgres ? "ILIKE" : "LIKE")
            let number = TicketNumber.parse(text)
            select.where { group in
                let words = group.orWhere(SQLBinaryExpression(left: column("summary"), op: like, right: SQLBind(pattern)))
                    .orWhere(SQLBinaryExpression(left: column("description"), op: like, right: SQLBind(pattern)))
                guard let number else { return words }
                return words.orWhere(
                    SQLBinaryExpression(left: column("number"), op: SQLBinaryOperator.equal, right: SQLBind(number)))
            }
        }
    }
}
