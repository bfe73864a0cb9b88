import Fluent

/// Every migration in order; append only. Reads as the schema's changelog.
enum MendMigrations {
    static let all: [any Migration] = [
        M001_CreateDirectory(),  // companies, sites, contacts, contracts, queues, roles, users, tokens
        M002_CreateTickets(),  // tickets, notes, time, verifications, events, number counter
        M003_SeedReferenceData(),  // default roles and the NOC queue
        SessionRecord.migration,  // web sessions
        M004_TicketNumberSequence(),  // PostgreSQL numbers tickets from a sequence
        M005_SlaEngine(),  // SLA policies, contract calendars, ticket clock columns
        M006_Alerts(),  // monitoring alert columns on tickets, settings documents
        M007_OnCall(),  // on-call rotations and overrides
        M008_Escalation(),  // escalation policies, ticket watch, notifications, pages, CSR handoffs
        M009_ResolutionPaths(),  // troubleshooting, checklists, parts, onsite visits, SME consults, vendors, exits
        M010_Outbox(),  // client message outbox, message templates
        M011_InboundMail(),  // inbound mail log and quarantine, attachments
        M012_Surveys(),  // satisfaction surveys
        M013_WebhooksAndSignIn(),  // webhook subscriptions and deliveries, portal sign-in links
        M014_SlaTimerQueue(),  // SLA timers queued by instant instead of searched on tickets
        M015_EventsWithoutTicketCheck(),  // the event log drops its foreign key to tickets
        M016_SlaBreachRowsQueued(),  // each SLA timer queued as its own row, breaches with their warnings
        M017_SettingsGeneration(),  // SQLite: a counter moved by every change to what new tickets' settings read
        M018_TicketAggregate(),  // client told of a transfer, when a monitored incident started, open pages by ticket
        M019_TicketKpiFacts(),  // each ticket's KPI facts, written with its events
        M020_KpiFactsOfEndedTickets(),  // facts rows only for tickets with something ended
        M021_ClientReviews(),  // how each client gets its monthly review, and the reviews mailed
        M022_KpiFactColumns(),  // the KPI facts as columns and breach rows, added up in SQL
        M023_KpiDailyTotals(),  // the KPI facts added up per day, and how to find the days that changed
        M024_KpiDailyAll(),  // the daily KPI totals per day, priority and type alone, for reports not cut by source or queue
        M025_TicketFold(),  // each ticket's history folded, so a change carries its clocks forward
        M026_SettingsGenerationPostgres(),  // PostgreSQL: the settings counter of M017, moved by statement triggers
        M027_UserTimeZone(),  // each person's own time zone for the pages
        M028_ProcessDefinitions(),  // the process definition as versioned data, and the version each event ran under
    ]
}
