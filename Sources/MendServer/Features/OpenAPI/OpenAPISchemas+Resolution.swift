import MendCore

/// Schemas of the resolution paths: troubleshooting, checklists, parts, visits, consults, vendors, exits, reopen.
extension OpenAPISchemas {
    static var resolutionSchemas: [String: Schema] {
        let array: (Schema) -> Schema = { ["type": "array", "items": $0] }
        let gate = object(["gate": enumeration(ExitGate.self), "detail": string], required: ["gate", "detail"])
        return [
            "DiagnosisStepRequest": object(
                ["step": string, "finding": string, "minutes": ["type": "integer", "minimum": 0, "maximum": 1440]],
                required: ["step"]),
            "DiagnosisStep": object(
                [
                    "id": uuid, "step": string, "finding": string, "minutes": integer, "byName": string, "at": dateTime,
                ], required: ["id", "step", "minutes", "byName", "at"]),
            "Diagnosis": object(
                [
                    "ticket": string, "steps": array(ref("DiagnosisStep")), "timeboxMinutes": integer,
                    "timeboxEndsAt": dateTime, "timeboxUsedUp": boolean, "checklist": ref("TicketChecklist"),
                ], required: ["ticket", "steps", "timeboxMinutes", "timeboxUsedUp"]),
            "ChecklistTicksRequest": object(["done": array(integer)], required: ["done"]),
            "TicketChecklist": object(
                ["ticketType": string, "items": array(string), "done": array(integer)],
                required: ["ticketType", "items", "done"]),
            "ChecklistRequest": object(["ticketType": string, "items": array(string)], required: ["ticketType", "items"]),
            "Checklist": object(
                ["id": uuid, "ticketType": string, "items": array(string), "updatedAt": dateTime, "updatedBy": string],
                required: ["id", "ticketType", "items", "updatedAt", "updatedBy"]),
            "ChecklistList": list(of: "Checklist"),
            "TimeboxRequest": object(
                ["minutes": ["type": "object", "additionalProperties": integer, "description": "p1..p4: 5 to 1440 minutes"]],
                required: ["minutes"]),
            "Timebox": object(["minutes": ["type": "object", "additionalProperties": integer]], required: ["minutes"]),
            "PartCreateRequest": object(
                [
                    "item": string, "quantity": integer, "supplier": string, "rmaNumber": string, "purchaseOrder": string,
                    "carrier": string, "trackingNumber": string, "eta": dateTime,
                ], required: ["item", "quantity"]),
            "PartUpdateRequest": object(
                [
                    "state": enumeration(PartRequest.State.self), "carrier": string, "trackingNumber": string, "eta": dateTime,
                    "purchaseOrder": string,
                ], required: []),
            "Part": object(
                [
                    "id": uuid, "ticket": string, "item": string, "quantity": integer, "supplier": string, "rmaNumber": string,
                    "purchaseOrder": string, "carrier": string, "trackingNumber": string, "eta": dateTime,
                    "state": enumeration(PartRequest.State.self), "nextStates": array(enumeration(PartRequest.State.self)),
                    "awaited": boolean, "requestedBy": string, "createdAt": dateTime, "updatedAt": dateTime,
                ],
                required: [
                    "id", "ticket", "item", "quantity", "state", "nextStates", "awaited", "requestedBy", "createdAt", "updatedAt",
                ]),
            "PartList": list(of: "Part"),
            "AppointmentRequest": object(
                ["engineerID": uuid, "siteID": uuid, "startsAt": dateTime, "endsAt": dateTime, "note": string],
                required: ["engineerID", "startsAt", "endsAt"]),
            "VisitRequest": object(
                ["travelMinutes": ["type": "integer", "minimum": 0, "maximum": 600]], required: []),
            "Appointment": object(
                [
                    "id": uuid, "ticket": string, "ticketSummary": string, "engineerID": uuid, "engineerName": string,
                    "siteID": uuid, "siteName": string, "startsAt": dateTime, "endsAt": dateTime,
                    "state": enumeration(Appointment.State.self), "note": string, "checkedInAt": dateTime,
                    "checkedOutAt": dateTime,
                ], required: ["id", "ticket", "engineerID", "engineerName", "siteName", "startsAt", "endsAt", "state"]),
            "AppointmentList": list(of: "Appointment"),
            "DispatchBoard": object(
                [
                    "date": string, "timezone": string,
                    "engineers": array(
                        object(
                            ["engineerID": uuid, "engineerName": string, "visits": array(ref("Appointment"))],
                            required: ["engineerID", "engineerName", "visits"])),
                ], required: ["date", "timezone", "engineers"]),
            "ConsultRequest": object(
                ["toUserID": uuid, "toQueueID": uuid, "question": string, "urgency": enumeration(SmeConsult.Urgency.self)],
                required: ["question"]),
            "ConsultAnswerRequest": object(
                ["answer": string, "outcome": enumeration(SmeConsult.Outcome.self)], required: ["outcome"]),
            "Consult": object(
                [
                    "id": uuid, "ticket": string, "toUserID": uuid, "toQueueID": uuid, "toName": string, "question": string,
                    "urgency": enumeration(SmeConsult.Urgency.self), "respondBy": dateTime, "overdue": boolean,
                    "askedBy": string, "createdAt": dateTime, "answer": string,
                    "outcome": enumeration(SmeConsult.Outcome.self), "answeredBy": string, "answeredAt": dateTime,
                ],
                required: [
                    "id", "ticket", "toName", "question", "urgency", "respondBy", "overdue", "askedBy", "createdAt",
                ]),
            "ConsultList": list(of: "Consult"),
            "VendorRequest": object(
                ["name": string, "supportPhone": string, "supportEmail": string, "portalURL": string, "notes": string],
                required: ["name"]),
            "VendorContractRequest": object(
                ["companyID": uuid, "contractNumber": string], required: ["companyID", "contractNumber"]),
            "Vendor": object(
                [
                    "id": uuid, "name": string, "supportPhone": string, "supportEmail": string, "portalURL": string,
                    "notes": string,
                    "contracts": array(
                        object(
                            ["companyID": uuid, "companyName": string, "contractNumber": string],
                            required: ["companyID", "companyName", "contractNumber"])),
                ], required: ["id", "name", "contracts"]),
            "VendorList": list(of: "Vendor"),
            "VendorCaseRequest": object(
                [
                    "vendorID": uuid, "caseNumber": string, "contact": string,
                    "severity": enumeration(VendorCase.Severity.self), "promisedResponseAt": dateTime,
                    "followUpHours": ["type": "integer", "minimum": 1, "maximum": 168],
                ], required: ["vendorID", "caseNumber", "severity"]),
            "VendorCaseUpdateRequest": object(
                ["state": enumeration(VendorCase.State.self), "promisedResponseAt": dateTime, "note": string], required: []),
            "VendorCase": object(
                [
                    "id": uuid, "ticket": string, "vendorID": uuid, "vendorName": string, "contractNumber": string,
                    "caseNumber": string, "contact": string, "severity": enumeration(VendorCase.Severity.self),
                    "state": enumeration(VendorCase.State.self), "promisedResponseAt": dateTime, "followUpHours": integer,
                    "nextFollowUpAt": dateTime, "openedBy": string, "createdAt": dateTime,
                ],
                required: [
                    "id", "ticket", "vendorID", "vendorName", "caseNumber", "severity", "state", "followUpHours", "openedBy",
                    "createdAt",
                ]),
            "VendorCaseList": list(of: "VendorCase"),
            "ThirdPartyRequest": object(
                [
                    "party": string, "reference": string, "contact": string, "escalated": string,
                    "followUpHours": ["type": "integer", "minimum": 1, "maximum": 720],
                ], required: ["party", "escalated"]),
            "PartyResolvedRequest": object(["resolution": string], required: ["resolution"]),
            "ClientITRequest": object(["receivedBy": string, "handedOver": string], required: ["receivedBy", "handedOver"]),
            "TicketExit": object(
                [
                    "id": uuid, "ticket": string, "kind": enumeration(TicketExitKind.self), "party": string,
                    "reference": string, "contact": string, "summary": string, "followUpHours": integer,
                    "nextFollowUpAt": dateTime, "partyResolvedAt": dateTime, "partyResolution": string,
                    "recordedBy": string, "createdAt": dateTime,
                ], required: ["id", "ticket", "kind", "party", "summary", "recordedBy", "createdAt"]),
            "TicketExitList": list(of: "TicketExit"),
            "ExitOutcome": object(
                [
                    "exit": ref("TicketExit"), "status": enumeration(TicketStatus.self), "left": boolean,
                    "unmetGates": array(gate),
                ], required: ["exit", "status", "left", "unmetGates"]),
            "ReopenRequest": object(["reason": string], required: ["reason"]),
            "Reopen": object(
                [
                    "outcome": ["type": "string", "enum": ["reopened", "linked_ticket"]], "ticket": ref("Ticket"),
                    "linkedFrom": string,
                ],
                required: ["outcome", "ticket"]),
        ]
    }
}
