import MendCore

/// Schemas of the resolution paths: troubleshooting, checklists, parts, visits, consults, vendors, exits, reopen.
extension OpenAPISchemas {
    static var resolutionSchemas: [String: Schema] {
        let array: (Schema) -> Schema = { ["type": "array", "items": $0] }
        let gate = object(["gate": enumeration(ExitGate.self), "detail": string], required: ["gate", "detail"])
        return [
            "DiagnosisStepRequest": request(
                ["step": requiredText(max: 500), "finding": text(max: 4_000), "minutes": integer(0, TimeEntryRules.maxMinutes)],
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
            "ChecklistTicksRequest": request(
                [
                    "done": array([
                        "type": "integer", "minimum": 0, "maximum": 39, "description": "step numbers of the checklist",
                    ])
                ],
                required: ["done"]),
            "TicketChecklist": object(
                ["ticketType": string, "items": array(string), "done": array(integer)],
                required: ["ticketType", "items", "done"]),
            "ChecklistRequest": request(
                [
                    "ticketType": requiredText(max: 100),
                    "items": ["type": "array", "items": requiredText(max: 300), "minItems": 1, "maxItems": 40],
                ], required: ["ticketType", "items"]),
            "Checklist": object(
                ["id": uuid, "ticketType": string, "items": array(string), "updatedAt": dateTime, "updatedBy": string],
                required: ["id", "ticketType", "items", "updatedAt", "updatedBy"]),
            "ChecklistList": list(of: "Checklist"),
            "TimeboxRequest": request(
                [
                    "minutes": object(
                        Dictionary(uniqueKeysWithValues: Priority.allCases.map { ($0.rawValue, integer(5, 1_440)) }),
                        required: Priority.allCases.map(\.rawValue))
                ], required: ["minutes"]),
            "Timebox": object(["minutes": ["type": "object", "additionalProperties": integer]], required: ["minutes"]),
            "PartCreateRequest": request(
                [
                    "item": requiredText(max: 200), "quantity": integer(1, 10_000), "supplier": text(max: 200),
                    "rmaNumber": text(max: 100), "purchaseOrder": text(max: 100), "carrier": text(max: 100),
                    "trackingNumber": text(max: 100), "eta": dateTime,
                ], required: ["item", "quantity"]),
            "PartUpdateRequest": request(
                [
                    "state": enumeration(PartRequest.State.self), "carrier": text(max: 100),
                    "trackingNumber": text(max: 100), "eta": dateTime, "purchaseOrder": text(max: 100),
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
            "AppointmentRequest": request(
                ["engineerID": uuid, "siteID": uuid, "startsAt": dateTime, "endsAt": dateTime, "note": text(max: 2_000)],
                required: ["engineerID", "startsAt", "endsAt"]),
            "AppointmentMoveRequest": request(["engineerID": uuid, "startsAt": dateTime, "endsAt": dateTime], required: []),
            "VisitRequest": request(["travelMinutes": integer(0, 600), "reason": text(max: 500)], required: []),
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
                    "date": string, "days": integer(1, 14), "timezone": string,
                    "engineers": array(
                        object(
                            ["engineerID": uuid, "engineerName": string, "visits": array(ref("Appointment"))],
                            required: ["engineerID", "engineerName", "visits"])),
                ], required: ["date", "days", "timezone", "engineers"]),
            "ConsultRequest": request(
                [
                    "toUserID": uuid, "toQueueID": uuid, "question": requiredText(max: 4_000),
                    "urgency": enumeration(SmeConsult.Urgency.self),
                ], required: ["question"]),
            "ConsultAnswerRequest": request(
                ["answer": text(max: 8_000), "outcome": enumeration(SmeConsult.Outcome.self)], required: ["outcome"]),
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
            "VendorRequest": request(
                [
                    "name": requiredText(max: 200), "supportPhone": text(max: 50),
                    "supportEmail": ["type": "string", "maxLength": 200, "pattern": "^$|" + DirectoryRules.emailPattern],
                    "portalURL": ["type": "string", "maxLength": 500, "pattern": "^$|" + WebLink.pattern],
                    "notes": text(max: 4_000),
                ], required: ["name"]),
            "VendorContractRequest": request(
                ["companyID": uuid, "contractNumber": requiredText(max: 100)], required: ["companyID", "contractNumber"]),
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
            "VendorCaseRequest": request(
                [
                    "vendorID": uuid, "caseNumber": requiredText(max: 100), "contact": text(max: 200),
                    "severity": enumeration(VendorCase.Severity.self), "promisedResponseAt": dateTime,
                    "followUpHours": ["type": "integer", "minimum": 1, "maximum": 168],
                ], required: ["vendorID", "caseNumber", "severity"]),
            "VendorCaseUpdateRequest": request(
                ["state": enumeration(VendorCase.State.self), "promisedResponseAt": dateTime, "note": text(max: 2_000)],
                required: []),
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
            "ThirdPartyRequest": request(
                [
                    "party": requiredText(max: 200), "reference": text(max: 200), "contact": text(max: 200),
                    "escalated": requiredText(max: 4_000), "followUpHours": integer(1, 720),
                ], required: ["party", "escalated"]),
            "PartyResolvedRequest": request(["resolution": requiredText(max: 4_000)], required: ["resolution"]),
            "ClientITRequest": request(
                ["receivedBy": requiredText(max: 200), "handedOver": requiredText(max: 4_000)],
                required: ["receivedBy", "handedOver"]),
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
            "ReopenRequest": request(["reason": requiredText(max: 2_000)], required: ["reason"]),
            "Reopen": object(
                [
                    "outcome": ["type": "string", "enum": ["reopened", "linked_ticket"]], "ticket": ref("Ticket"),
                    "linkedFrom": string,
                ],
                required: ["outcome", "ticket"]),
        ]
    }
}
