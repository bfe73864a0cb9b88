/// The KPI report operations (docs/kpis.md).
extension APIOperations {
    /// The period and cuts both KPI operations take.
    static let kpiQuery: [(name: String, description: String)] = [
        ("from", "First day, YYYY-MM-DD in the MSP's time zone (MEND_TIME_ZONE); the first of this month by default"),
        ("to", "Last day, inclusive; today by default; at most 5 years after from"),
        ("company", "Client company id"), ("priority", "p1, p2, p3 or p4"), ("queue", "Queue id"),
        ("engineer", "User id: tickets they resolved or were first assigned"), ("type", "Ticket type"),
        ("source", "direct, tier1_escalation, after_hours_on_call or monitoring_alert"),
    ]

    static let reports: [APIOperation] = [
        APIOperation(
            method: "get", path: "/api/v1/kpis",
            summary: "The six KPIs, SLA compliance, where the time went and why SLAs broke, with the period before",
            tag: "reports", response: (200, "KpiReport"), query: kpiQuery),
        APIOperation(
            method: "get", path: "/api/v1/kpis/tickets.csv",
            summary: "CSV of the tickets behind the KPIs (one row each, streamed, no cap)", tag: "reports",
            response: (200, nil), query: kpiQuery),
        APIOperation(
            method: "get", path: "/api/v1/companies/{companyID}/reviews/{month}",
            summary:
                "A client's service review of a month (YYYY-MM): its KPIs as /api/v1/kpis answers them for that company and month, its tickets, breaches with causes, survey answers and six months of trend. Onstage only; a client contact reads its own company's",
            tag: "reports", response: (200, "ClientReview")),
        APIOperation(
            method: "post", path: "/api/v1/companies/{companyID}/reviews/{month}/mail",
            summary: "Mail a month's review (the month must have ended) to every contact of the company with an email address",
            tag: "reports", response: (202, "ClientReviewMailed")),
        APIOperation(
            method: "put", path: "/api/v1/companies/{companyID}/review-delivery",
            summary: "How the company gets its review: on_demand, or monthly on the first working day (companies.edit)",
            tag: "reports", request: "ReviewDeliveryRequest", response: (200, "Company")),
    ]
}
