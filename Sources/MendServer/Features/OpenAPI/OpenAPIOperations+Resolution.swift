/// The operations of the resolution paths (04c.01 to 04c.08) and reopen.
extension APIOperations {
    static let resolution: [APIOperation] = {
        let t = "/api/v1/tickets/{number}"
        func op(
            _ method: String, _ path: String, _ summary: String, tag: String = "resolution", request: String? = nil,
            _ response: (Int, String?), query: [(name: String, description: String)] = []
        ) -> APIOperation {
            APIOperation(
                method: method, path: path, summary: summary, tag: tag, request: request, response: response, query: query)
        }
        return [
            op("get", "\(t)/diagnosis", "Troubleshooting steps, the time box and the type's checklist", (200, "Diagnosis")),
            op(
                "post", "\(t)/diagnosis", "Record a troubleshooting step (its minutes are logged as diagnosis time)",
                request: "DiagnosisStepRequest", (201, "DiagnosisStep")),
            op(
                "put", "\(t)/checklist", "Tick the steps of the ticket type's checklist", request: "ChecklistTicksRequest",
                (200, "TicketChecklist")),
            op("get", "\(t)/parts", "Part requests", (200, "PartList")),
            op(
                "post", "\(t)/parts", "Request a part (the ticket waits on parts until it is received)",
                request: "PartCreateRequest", (201, "Part")),
            op(
                "patch", "\(t)/parts/{partID}", "Move a part on (forward only) or update its shipping",
                request: "PartUpdateRequest", (200, "Part")),
            op("get", "\(t)/visits", "Onsite visits", (200, "AppointmentList")),
            op(
                "post", "\(t)/visits", "Book an onsite visit (no double booking)", request: "AppointmentRequest",
                (201, "Appointment")),
            op(
                "patch", "\(t)/visits/{visitID}",
                "Move a scheduled visit to another engineer or window (no double booking; a new start keeps the length)",
                request: "AppointmentMoveRequest", (200, "Appointment")),
            op(
                "post", "\(t)/visits/{visitID}/check-in", "Check in at the site; travel there becomes a time entry",
                request: "VisitRequest", (200, "Appointment")),
            op(
                "post", "\(t)/visits/{visitID}/check-out", "Check out; time on site and travel back become time entries",
                request: "VisitRequest", (200, "Appointment")),
            op(
                "post", "\(t)/visits/{visitID}/cancel", "Cancel a visit that has not started", request: "VisitRequest",
                (200, "Appointment")),
            op("get", "\(t)/consults", "SME consults", (200, "ConsultList")),
            op(
                "post", "\(t)/consults", "Ask an SME or SME group (response target by urgency)", request: "ConsultRequest",
                (201, "Consult")),
            op(
                "post", "\(t)/consults/{consultID}/answer", "The SME's answer (a backstage note) and outcome",
                request: "ConsultAnswerRequest", (200, "Consult")),
            op("get", "\(t)/vendor-cases", "Vendor cases", (200, "VendorCaseList")),
            op(
                "post", "\(t)/vendor-cases", "Open a vendor case (follow-up reminders scheduled)",
                request: "VendorCaseRequest", (201, "VendorCase")),
            op(
                "patch", "\(t)/vendor-cases/{caseID}", "Move a vendor case on or record the vendor's promise",
                request: "VendorCaseUpdateRequest", (200, "VendorCase")),
            op("get", "\(t)/exits", "Third-party escalations and client-IT handoffs", (200, "TicketExitList")),
            op(
                "post", "\(t)/third-party", "Escalate to a third party; leaves as Escalated Out once the exit gates are met",
                request: "ThirdPartyRequest", (201, "ExitOutcome")),
            op(
                "post", "\(t)/third-party/resolved", "The third party reports resolution (follow-ups stop)",
                request: "PartyResolvedRequest", (200, "TicketExit")),
            op(
                "post", "\(t)/client-it", "Hand off to the client's IT; leaves as Handed Off once the exit gates are met",
                request: "ClientITRequest", (201, "ExitOutcome")),
            op(
                "post", "\(t)/reopen",
                "Reopen within the window (200), or open a linked ticket after it (201)", tag: "tickets",
                request: "ReopenRequest", (200, "Reopen")),
            op("get", "/api/v1/checklists", "Checklists per ticket type", tag: "settings", (200, "ChecklistList")),
            op(
                "post", "/api/v1/checklists", "Add a checklist (contracts.edit)", tag: "settings", request: "ChecklistRequest",
                (201, "Checklist")),
            op(
                "put", "/api/v1/checklists/{id}", "Change a checklist", tag: "settings", request: "ChecklistRequest",
                (200, "Checklist")),
            op("delete", "/api/v1/checklists/{id}", "Remove a checklist", tag: "settings", (204, nil)),
            op("get", "/api/v1/settings/timebox", "Troubleshooting time box per priority", tag: "settings", (200, "Timebox")),
            op(
                "put", "/api/v1/settings/timebox", "Set the time box per priority (contracts.edit)", tag: "settings",
                request: "TimeboxRequest", (200, "Timebox")),
            op("get", "/api/v1/vendors", "The vendor directory", tag: "vendors", (200, "VendorList")),
            op(
                "post", "/api/v1/vendors", "Add a vendor (companies.edit)", tag: "vendors", request: "VendorRequest",
                (201, "Vendor")),
            op("get", "/api/v1/vendors/{id}", "A vendor", tag: "vendors", (200, "Vendor")),
            op("put", "/api/v1/vendors/{id}", "Change a vendor", tag: "vendors", request: "VendorRequest", (200, "Vendor")),
            op(
                "post", "/api/v1/vendors/{id}/contracts", "Record a client's contract number with the vendor", tag: "vendors",
                request: "VendorContractRequest", (200, "Vendor")),
            op(
                "get", "/api/v1/dispatch", "The dispatch board: each field engineer's visits over one day or more",
                tag: "dispatch", (200, "DispatchBoard"),
                query: [
                    ("date", "YYYY-MM-DD (UTC day), the first day shown; today by default"),
                    ("days", "how many days from date, 1 to 14 (7 for a week); 1 by default"),
                ]),
        ]
    }()
}
