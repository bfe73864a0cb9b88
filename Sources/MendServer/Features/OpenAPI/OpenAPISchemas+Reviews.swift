import MendCore

/// Schemas of the client service review (docs/kpis.md): the month's KPIs as `KpiReport` has them, and what the
/// client reads beside them.
extension OpenAPISchemas {
    /// YYYY-MM from 1970-01 to 9998-12, as `ReviewMonth` reads it.
    static var reviewMonth: Schema {
        ["type": "string", "pattern": "^(19[7-9][0-9]|[2-8][0-9]{3}|9[0-8][0-9]{2}|99[0-8][0-9]|999[0-8])-(0[1-9]|1[0-2])$"]
    }

    static var reviewSchemas: [String: Schema] {
        let ticket = object(
            [
                "number": string, "summary": string, "priority": enumeration(Priority.self),
                "status": enumeration(TicketStatus.self), "openedAt": dateTime, "resolvedAt": dateTime,
                "resolutionBusinessSeconds": integer,
                "sla": byName(SlaClockKind.self, enumeration(TicketKpiFacts.Outcome.self)),
            ], required: ["number", "summary", "priority", "status", "openedAt", "sla"])
        let breach = object(
            [
                "number": string, "summary": string, "priority": enumeration(Priority.self),
                "clock": enumeration(SlaClockKind.self), "breachedAt": dateTime,
                "statusAtBreach": enumeration(TicketStatus.self), "longestStatus": enumeration(TicketStatus.self),
            ], required: ["number", "summary", "priority", "clock", "breachedAt", "statusAtBreach", "longestStatus"])
        let comment = object(
            ["number": string, "rating": integer, "comment": string, "answeredAt": dateTime],
            required: ["number", "answeredAt"])
        let point = object(
            [
                // The six months before January 1970 are months too, empty ones.
                "month": ["type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"], "resolved": integer,
                "responseSla": optionalNumber, "resolutionSla": optionalNumber,
                "resolutionP50Seconds": optionalInteger, "meanRating": optionalNumber,
            ], required: ["month", "resolved", "responseSla", "resolutionSla", "resolutionP50Seconds", "meanRating"])
        let clockTime = object(
            [
                "clock": enumeration(SlaClockKind.self), "tickets": integer, "totalSeconds": integer,
                "pausedSeconds": integer, "secondsByStatus": byName(TicketStatus.self, integer),
            ], required: ["clock", "tickets", "totalSeconds", "pausedSeconds", "secondsByStatus"])
        let delivery = object(
            ["sentAt": dateTime, "recipients": integer, "scheduled": boolean],
            required: ["sentAt", "recipients", "scheduled"])
        func array(_ item: Schema) -> Schema { ["type": "array", "items": item] }
        return [
            "ClientReview": object(
                [
                    "company": object(["id": uuid, "name": string], required: ["id", "name"]), "month": reviewMonth,
                    "title": string, "definitionsVersion": string, "timeZone": string, "period": kpiPeriod,
                    "previousPeriod": kpiPeriod, "delivery": enumeration(ReviewDelivery.self), "kpis": kpiFigures,
                    "timeByClock": array(clockTime), "tickets": array(ticket), "breaches": array(breach),
                    "comments": array(comment), "trend": array(point), "deliveries": array(delivery),
                ],
                required: [
                    "company", "month", "title", "definitionsVersion", "timeZone", "period", "previousPeriod", "delivery",
                    "kpis", "timeByClock", "tickets", "breaches", "comments", "trend", "deliveries",
                ]),
            "ClientReviewMailed": object(
                ["month": reviewMonth, "recipients": array(email)], required: ["month", "recipients"]),
            "ReviewDeliveryRequest": request(["delivery": enumeration(ReviewDelivery.self)], required: ["delivery"]),
        ]
    }
}
