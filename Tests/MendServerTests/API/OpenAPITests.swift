import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// The served OpenAPI document must match the server: every route, its parameters and its bodies.
@Suite("OpenAPI document", .serialized) struct OpenAPITests {
    func document(_ m: TestMend) async throws -> [String: Any] {
        let r = try await m.send(.GET, "/api/v1/openapi.json")
        #expect(r.status == .ok)
        return try #require(try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any])
    }

    @Test func everyRegisteredRouteIsDocumentedAndNothingElse() async throws {
        try await withMend { m in
            let doc = try await document(m)
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
            }
            let registered = Set(
                m.app.routes.all.compactMap { route -> String? in
                    let parts = route.path.map(\.description)
                    guard parts.starts(with: ["api", "v1"]) else { return nil }
                    let path = "/" + parts.map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : $0 }.joined(separator: "/")
                    return "\(route.method.rawValue) \(path)"
                })
            #expect(registered.subtracting(documented).isEmpty, "undocumented: \(registered.subtracting(documented).sorted())")
            #expect(
                documented.subtracting(registered).isEmpty,
                "documented but not served: \(documented.subtracting(registered).sorted())")
        }
    }

    @Test func pathParametersAreDeclared() async throws {
        try await withMend { m in
            let paths = try #require(try await document(m)["paths"] as? [String: [String: [String: Any]]])
            for (path, operations) in paths {
                let inPath = Set(
                    path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
                for (method, operation) in operations {
                    let parameters = operation["parameters"] as? [[String: Any]] ?? []
                    let declared = Set(parameters.filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String })
                    #expect(declared == inPath, "\(method) \(path)")
                }
            }
        }
    }

    /// Request schemas list exactly the members the server accepts (anything else is refused as unknown).
    @Test func requestSchemasMatchTheAcceptedMembers() async throws {
        try await withMend { m in
            let schemas = try #require(
                (try await document(m)["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
            func members(_ name: String) -> Set<String> {
                Set((schemas[name]?["properties"] as? [String: Any])?.keys ?? [:].keys)
            }
            let expected: [String: Set<String>] = [
                "CreateTicketRequest": Set(CreateTicketRequest.CodingKeys.allCases.map(\.rawValue)),
                "UpdateTicketRequest": Set(UpdateTicketRequest.CodingKeys.allCases.map(\.rawValue)),
                "TransitionRequest": Set(TransitionTicketRequest.CodingKeys.allCases.map(\.rawValue)),
                "CreateNoteRequest": Set(CreateNoteRequest.CodingKeys.allCases.map(\.rawValue)),
                "CreateTimeEntryRequest": Set(CreateTimeEntryRequest.CodingKeys.allCases.map(\.rawValue)),
                "RestorationRequest": Set(RestorationRequest.CodingKeys.allCases.map(\.rawValue)),
                "VerificationRequest": Set(VerificationRequest.CodingKeys.allCases.map(\.rawValue)),
                "CompanyRequest": Set(CompanyRequest.CodingKeys.allCases.map(\.rawValue)),
                "ReviewDeliveryRequest": Set(ClientReviewAPIController.DeliveryRequest.CodingKeys.allCases.map(\.rawValue)),
                "SiteRequest": Set(SiteRequest.CodingKeys.allCases.map(\.rawValue)),
                "ContactRequest": Set(ContactRequest.CodingKeys.allCases.map(\.rawValue)),
                "ContractRequest": Set(ContractRequest.CodingKeys.allCases.map(\.rawValue)),
                "QueueRequest": Set(QueueRequest.CodingKeys.allCases.map(\.rawValue)),
                "UserRequest": Set(UserRequest.CodingKeys.allCases.map(\.rawValue)),
                "TokenRequest": Set(TokenRequest.CodingKeys.allCases.map(\.rawValue)),
                "SlaPolicyDefinition": Set(SlaPolicy.fields),
                "ContractSlaRequest": Set(SlaService.contractSlaFields),
                "Alert": Set(IncomingAlert.fields),
                "RotationRequest": Set(RotationRequest.CodingKeys.allCases.map(\.rawValue)),
                "RotationOverrideRequest": Set(RotationOverrideRequest.CodingKeys.allCases.map(\.rawValue)),
                "SeverityTable": Set(AlertSeverityTable.fields),
                "EscalationPolicyDefinition": Set(EscalationPolicyService.fields),
                "ManualEscalationRequest": Set(ManualEscalationRequest.CodingKeys.allCases.map(\.rawValue)),
                "PageDeclineRequest": Set(PageDeclineRequest.CodingKeys.allCases.map(\.rawValue)),
                "HandoffRequest": Set(HandoffRequest.CodingKeys.allCases.map(\.rawValue)),
                "WorkingHoursRequest": ["workingHours"],
                "ProfileRequest": Set(ProfileRequest.CodingKeys.allCases.map(\.rawValue)),
                "UserUpdateRequest": Set(UserUpdateRequest.CodingKeys.allCases.map(\.rawValue)),
                "DiagnosisStepRequest": Set(DiagnosisStepRequest.CodingKeys.allCases.map(\.rawValue)),
                "ChecklistTicksRequest": Set(ChecklistTicksRequest.CodingKeys.allCases.map(\.rawValue)),
                "ChecklistRequest": Set(ChecklistRequest.CodingKeys.allCases.map(\.rawValue)),
                "TimeboxRequest": Set(TimeboxRequest.CodingKeys.allCases.map(\.rawValue)),
                "PartCreateRequest": Set(PartCreateRequest.CodingKeys.allCases.map(\.rawValue)),
                "PartUpdateRequest": Set(PartUpdateRequest.CodingKeys.allCases.map(\.rawValue)),
                "AppointmentRequest": Set(AppointmentRequest.CodingKeys.allCases.map(\.rawValue)),
                "AppointmentMoveRequest": Set(AppointmentMoveRequest.CodingKeys.allCases.map(\.rawValue)),
                "VisitRequest": Set(VisitRequest.CodingKeys.allCases.map(\.rawValue)),
                "ConsultRequest": Set(ConsultRequest.CodingKeys.allCases.map(\.rawValue)),
                "ConsultAnswerRequest": Set(ConsultAnswerRequest.CodingKeys.allCases.map(\.rawValue)),
                "VendorRequest": Set(VendorRequest.CodingKeys.allCases.map(\.rawValue)),
                "VendorContractRequest": Set(VendorContractRequest.CodingKeys.allCases.map(\.rawValue)),
                "VendorCaseRequest": Set(VendorCaseRequest.CodingKeys.allCases.map(\.rawValue)),
                "VendorCaseUpdateRequest": Set(VendorCaseUpdateRequest.CodingKeys.allCases.map(\.rawValue)),
                "ThirdPartyRequest": Set(ThirdPartyRequest.CodingKeys.allCases.map(\.rawValue)),
                "PartyResolvedRequest": Set(PartyResolvedRequest.CodingKeys.allCases.map(\.rawValue)),
                "ClientITRequest": Set(ClientITRequest.CodingKeys.allCases.map(\.rawValue)),
                "ReopenRequest": Set(ReopenRequest.CodingKeys.allCases.map(\.rawValue)),
                "StatusUpdateRequest": Set(StatusUpdateRequest.CodingKeys.allCases.map(\.rawValue)),
                "TemplateRequest": Set(TemplateRequest.CodingKeys.allCases.map(\.rawValue)),
                "TemplatePreviewRequest": Set(TemplateRequest.CodingKeys.allCases.map(\.rawValue)),
                "ConfirmationRequest": Set(ConfirmationRequest.CodingKeys.allCases.map(\.rawValue)),
                "SurveyAnswerRequest": Set(SurveyAnswerRequest.CodingKeys.allCases.map(\.rawValue)),
                "AcceptMailRequest": Set(InboundMailAPIController.AcceptRequest.CodingKeys.allCases.map(\.rawValue)),
                "WebhookRequest": Set(WebhookRequest.CodingKeys.allCases.map(\.rawValue)),
                "WebhookUpdateRequest": Set(WebhookRequest.CodingKeys.allCases.map(\.rawValue)),
                "LoginLinkRequest": Set(PortalAPIController.LinkRequest.CodingKeys.allCases.map(\.rawValue)),
                "ProcessDefinition": ProcessDefinition.memberNames,
                // Alertmanager's own body: Mend reads the members it needs and ignores the rest on purpose.
                "AlertmanagerWebhook": ["version", "status", "receiver", "groupKey", "alerts"],
            ]
            for (name, keys) in expected { #expect(members(name) == keys, "\(name)") }
            let documentedRequests = Set(APIOperations.all.compactMap(\.request))
            #expect(documentedRequests.isSubset(of: Set(expected.keys)))
        }
    }

    /// Real responses carry only documented members, and every required one.
    @Test func responsesMatchTheirSchemas() async throws {
        try await withMend { m in
            let schemas = try #require(
                (try await document(m)["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
            func check(_ path: String, _ schemaName: String, token: String? = nil, method: HTTPMethod = .GET, json: String? = nil)
                async throws
            {
                let r = try await m.send(method, path, as: token ?? m.fx.adminToken, json: json)
                #expect(r.status.code < 300, "\(path): \(r.status)")
                var object = try #require(
                    try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any])
                var name = schemaName
                if let items = (schemas[name]?["properties"] as? [String: Any])?["items"] as? [String: Any],
                    let ref = (items["items"] as? [String: Any])?["$ref"] as? String
                {
                    name = String(ref.split(separator: "/").last!)
                    guard let first = (object["items"] as? [[String: Any]])?.first else { return }
                    object = first
                }
                let schema = try #require(schemas[name], "\(name)")
                let properties = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
                let required = Set(schema["required"] as? [String] ?? [])
                #expect(
                    Set(object.keys).isSubset(of: properties), "\(path): undocumented \(Set(object.keys).subtracting(properties))"
                )
                #expect(required.isSubset(of: Set(object.keys)), "\(path): missing \(required.subtracting(Set(object.keys)))")
            }
            let n = try await m.openTicket()
            try await m.send(
                .POST, "/api/v1/tickets/\(n)/notes", as: m.fx.engineerToken, json: #"{"body":"n","visibility":"onstage"}"#)
            try await m.send(
                .POST, "/api/v1/tickets/\(n)/time-entries", as: m.fx.engineerToken,
                json: #"{"minutes":5,"workType":"diagnosis","note":"x"}"#)
            try await m.send(
                .POST, "/api/v1/tickets/\(n)/verifications", as: m.fx.engineerToken,
                json: #"{"channel":"phone","outcome":"no_answer"}"#)
            try await check("/api/v1/tickets/\(n)", "Ticket")
            try await check("/api/v1/tickets", "TicketPage")
            try await check("/api/v1/tickets/\(n)/notes", "NoteList")
            try await check("/api/v1/tickets/\(n)/time-entries", "TimeEntryList")
            try await check("/api/v1/tickets/\(n)/events", "EventList")
            try await check("/api/v1/tickets/\(n)/verifications", "VerificationList")
            try await check("/api/v1/tickets/\(n)/transitions", "TransitionOptionList")
            try await check("/api/v1/companies", "CompanyList")
            try await check("/api/v1/companies/\(m.fx.companyA)/sites", "SiteList")
            try await check("/api/v1/companies/\(m.fx.companyA)/contacts", "ContactList")
            try await check("/api/v1/queues", "QueueList")
            try await check("/api/v1/users", "UserList")
            try await check("/api/v1/users/me", "Me")
            try await check("/api/v1/roles", "RoleList")
            try await check("/api/v1/tokens", "Token", method: .POST, json: #"{"name":"ci"}"#)
            try await check("/api/v1/sla-policies", "SlaPolicyList")
            try await check("/api/v1/sla-policies/\(SlaPolicyModel.standardID)", "SlaPolicy")
            try await check("/api/v1/contracts/\(m.fx.contractA)/sla", "ContractSla")
            try await check("/api/v1/sla/at-risk", "TicketList")
            try await check("/api/v1/alerts/severity-table", "SeverityTable")
            let rotation =
                #"{"name":"NOC nights","timezone":"America/New_York","cadence":"weekly","weekday":"mon","handoff":"09:00","startDate":"2026-11-02","members":["\#(m.fx.engineer)","\#(m.fx.manager)"]}"#
            try await check("/api/v1/rotations", "Rotation", method: .POST, json: rotation)
            try await check("/api/v1/rotations", "RotationList")
            try await check("/api/v1/oncall", "OnCall")
            try await check(
                "/api/v1/alerts", "AlertIntake", method: .POST,
                json: #"{"source":"zabbix","fingerprint":"f1","status":"firing","company":"ACME","summary":"Disk full"}"#)
            // The resolution paths, each with a record so the lists are checked item by item.
            let t = "/api/v1/tickets/\(n)"
            try await check(
                "\(t)/diagnosis", "DiagnosisStep", method: .POST, json: #"{"step":"Ping","finding":"Loss","minutes":3}"#)
            try await check(
                "/api/v1/checklists", "Checklist", method: .POST, json: #"{"ticketType":"Network","items":["WAN","Tunnel"]}"#)
            try await check("/api/v1/checklists", "ChecklistList")
            try await check("/api/v1/settings/timebox", "Timebox")
            try await check("\(t)/diagnosis", "Diagnosis")
            try await check("\(t)/parts", "Part", method: .POST, json: #"{"item":"PSU","quantity":1,"rmaNumber":"R-1"}"#)
            try await check("\(t)/parts", "PartList")
            try await check(
                "\(t)/visits", "Appointment", method: .POST,
                json: #"{"engineerID":"\#(m.fx.engineer)","startsAt":"2026-12-01T09:00:00Z","endsAt":"2026-12-01T10:00:00Z"}"#)
            try await check("\(t)/visits", "AppointmentList")
            try await check("/api/v1/dispatch?date=2026-12-01", "DispatchBoard")
            try await check(
                "\(t)/consults", "Consult", method: .POST, json: #"{"question":"Why?","toQueueID":"\#(m.fx.nocQueue)"}"#)
            try await check("\(t)/consults", "ConsultList")
            let vendor = try m.object(
                try await m.send(.POST, "/api/v1/vendors", as: m.fx.adminToken, json: #"{"name":"Dell","supportPhone":"1"}"#))
            let vendorID = try #require(vendor["id"] as? String)
            try await check(
                "/api/v1/vendors/\(vendorID)/contracts", "Vendor", method: .POST,
                json: #"{"companyID":"\#(m.fx.companyA)","contractNumber":"D-1"}"#)
            try await check("/api/v1/vendors", "VendorList")
            try await check(
                "\(t)/vendor-cases", "VendorCase", method: .POST,
                json: #"{"vendorID":"\#(vendorID)","caseNumber":"C-1","severity":"sev1"}"#)
            try await check("\(t)/vendor-cases", "VendorCaseList")
            try await check(
                "\(t)/third-party", "ExitOutcome", method: .POST, json: #"{"party":"Carrier","escalated":"Circuit"}"#)
            try await check("\(t)/exits", "TicketExitList")
            try await check("\(t)/updates", "StatusUpdate", method: .POST, json: #"{"body":"Still on it."}"#)
            try await check("\(t)/messages", "OutboxMessageList")
            try await check("/api/v1/outbox", "OutboxMessageList")
            try await check("/api/v1/message-templates", "TemplateList")
            try await check("/api/v1/message-templates/resolved", "Template")
            try await check("/api/v1/message-templates/resolved/preview", "Preview", method: .POST, json: "{}")
            let problem = try await m.send(.GET, "/api/v1/tickets/T-999999", as: m.fx.adminToken)
            let body = try #require(
                try JSONSerialization.jsonObject(with: Data(problem.body.readableBytesView)) as? [String: Any])
            let problemProps = Set((schemas["Problem"]?["properties"] as? [String: Any] ?? [:]).keys)
            #expect(Set(body.keys).isSubset(of: problemProps))
        }
    }
}
