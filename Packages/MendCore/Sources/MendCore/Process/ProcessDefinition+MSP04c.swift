/// The module Mend ships: MSP-04c Tier 2 Incident Resolution, as the seed describes it and as Mend enforced it
/// before the process became data. Applying it unchanged keeps every rule as it was.
extension ProcessDefinition {
    /// The default definition, version 0 until an MSP applies it.
    public static let msp04c = ProcessDefinition(
        version: 0, module: "MSP-04c", name: "Tier 2 Incident Resolution", organisation: "Mend",
        roles: MSP04c.roles, systems: MSP04c.systems, documents: MSP04c.documents, kpis: MSP04c.kpis,
        statuses: MSP04c.statuses, moves: MSP04c.moves, subprocesses: MSP04c.subprocesses, entry: MSP04c.entry,
        exit: MSP04c.exit)
}

/// The parts of the default definition, each a table as the seed's Detail Report would list it.
enum MSP04c {
    static let roles: [ProcessRole] = {
        let work = ["tickets.read_all", "tickets.write", "tickets.backstage", "time.log", "tokens.create"]
        return [
            ProcessRole(key: "engineer", name: "NOC / Tier 2 engineer", permissions: work, onsite: true),
            ProcessRole(key: "on_call_engineer", name: "On-call engineer", permissions: work, onsite: true),
            ProcessRole(key: "sme", name: "Subject-matter expert", permissions: work, onsite: true),
            ProcessRole(
                key: "service_manager", name: "Service manager",
                permissions: work + ["tickets.lower_priority", "queues.manage", "reports.read"]),
            ProcessRole(
                key: "csr", name: "Client service rep", permissions: work + ["tickets.lower_priority", "companies.edit"]),
            ProcessRole(key: "client_contact", name: "Client contact", permissions: ["tickets.write"], client: true),
            ProcessRole(key: "admin", name: "Administrator", permissions: Permission.allCases.map(\.rawValue)),
        ]
    }()

    static let systems = [
        ProcessItem(key: "mend", name: "Mend"),
        ProcessItem(key: "rmm", name: "RMM and monitoring"),
        ProcessItem(key: "remote", name: "Remote access tool"),
        ProcessItem(key: "phone", name: "Phone"),
        ProcessItem(key: "email", name: "Email"),
        ProcessItem(key: "portal", name: "Client portal"),
        ProcessItem(key: "vendor_portal", name: "Vendor's support portal"),
        ProcessItem(key: "distributor", name: "Distributor's ordering system"),
    ]

    static let documents = [
        ProcessItem(key: "service_ticket", name: "Service ticket"),
        ProcessItem(key: "troubleshooting_log", name: "Troubleshooting log"),
        ProcessItem(key: "restoration_test", name: "Restoration test record"),
        ProcessItem(key: "verification_record", name: "Verification record"),
        ProcessItem(key: "resolution_note", name: "Resolution note"),
        ProcessItem(key: "time_entry", name: "Time entry"),
        ProcessItem(key: "part_request", name: "Part request (RMA or PO)"),
        ProcessItem(key: "appointment", name: "Onsite appointment"),
        ProcessItem(key: "consult", name: "SME consult"),
        ProcessItem(key: "vendor_case", name: "Vendor case"),
        ProcessItem(key: "third_party_reference", name: "Third-party reference"),
        ProcessItem(key: "handoff_record", name: "Handoff record"),
        ProcessItem(key: "survey", name: "Satisfaction survey"),
    ]

    static let kpis = [
        ProcessKpi(key: "client_satisfaction", name: "Client Satisfaction - Service Tickets", measure: "client_satisfaction"),
        ProcessKpi(key: "first_contact_resolution", name: "First Contact Resolution Rate", measure: "first_contact_resolution"),
        ProcessKpi(key: "time_logged", name: "Average Time Logged on Service Tickets (by type)", measure: "time_logged"),
        ProcessKpi(key: "reopen_rate", name: "Service Ticket Reopen Rate", measure: "reopen_rate"),
        ProcessKpi(key: "resolution_time", name: "Service Ticket Resolution Time", measure: "resolution_time"),
        ProcessKpi(key: "response_time", name: "Service Ticket Response Time", measure: "response_time"),
        ProcessKpi(key: "sla_compliance", name: "SLA Compliance", measure: "sla_compliance"),
    ]

    static let statuses: [ProcessStatus] = [
        ProcessStatus(
            key: "new", name: "New", clientName: "Received",
            clientText: "We have your request and an engineer is being lined up for it.", kind: .intake),
        ProcessStatus(
            key: "assigned", name: "Assigned", clientName: "Received",
            clientText: "We have your request and an engineer is being lined up for it.", kind: .work),
        ProcessStatus(
            key: "in_progress", name: "In Progress", clientName: "Being worked on",
            clientText: "An engineer is working on it.", kind: .work),
        ProcessStatus(
            key: "waiting_on_client", name: "Waiting on Client", clientName: "Waiting for you",
            clientText: "We need something from you before we can go on: see the latest message below.",
            kind: .waiting, pauses: ["restoration", "resolution", "update"]),
        ProcessStatus(
            key: "waiting_on_parts", name: "Waiting on Parts", clientName: "Waiting for parts",
            clientText: "We are waiting for a part to be delivered.", kind: .waiting),
        ProcessStatus(
            key: "waiting_on_vendor", name: "Waiting on Vendor", clientName: "With a supplier",
            clientText: "A supplier is working on their part of the problem; we are following it up.", kind: .waiting),
        ProcessStatus(
            key: "waiting_on_third_party", name: "Waiting on Third Party", clientName: "With a supplier",
            clientText: "A supplier is working on their part of the problem; we are following it up.", kind: .waiting),
        ProcessStatus(
            key: "onsite_scheduled", name: "Onsite Scheduled", clientName: "Engineer visit booked",
            clientText: "An engineer is booked to come on site.", kind: .waiting),
        ProcessStatus(
            key: "with_sme", name: "With SME", clientName: "Being worked on",
            clientText: "An engineer is working on it with a specialist.", kind: .waiting),
        ProcessStatus(
            key: "restored", name: "Restored", clientName: "Fixed: please check",
            clientText: "We have restored service and tested it. Please check it works for you.", kind: .restored),
        ProcessStatus(
            key: "resolved", name: "Resolved", clientName: "Resolved",
            clientText: "This is resolved. If the problem comes back, reopen it here.", kind: .exit,
            outcome: .restored),
        ProcessStatus(
            key: "escalated_out", name: "Escalated Out", clientName: "Passed to a third party",
            clientText: "We passed this to the third party responsible; we will follow it up with them.", kind: .exit,
            outcome: .transferred),
        ProcessStatus(
            key: "handed_off", name: "Handed Off", clientName: "Handed to your IT team",
            clientText: "We handed this to your own IT team, as agreed.", kind: .exit, outcome: .transferred),
        ProcessStatus(key: "closed", name: "Closed", clientName: "Closed", clientText: "This is closed.", kind: .closed),
    ]

    static let moves: [ProcessMove] = {
        let open = ["@intake", "@work", "@waiting"]
        let documented: [GateRequirement] = [.gate("resolution_note"), .gate("time_entered")]
        let passedOn: [GateRequirement] = [.gate("exit_path_recorded"), .gate("client_informed")] + documented
        return [
            ProcessMove(from: open, to: ["@work", "@waiting"]),
            // Only a passing restoration test restores (04c.02): naming Restored would meet the clock untested.
            ProcessMove(from: ["@work", "@waiting"], to: ["@restored"], kind: .record),
            ProcessMove(from: open, to: ["escalated_out", "handed_off"], gates: passedOn),
            // Back to work when verification shows the restoration did not hold.
            ProcessMove(from: ["@restored"], to: ["in_progress"]),
            ProcessMove(
                from: ["@restored"], to: ["resolved"],
                gates: [.gate("service_restored_and_tested"), .gate("verification_attempted")] + documented),
            ProcessMove(from: ["@exit", "@closed"], to: ["in_progress"], kind: .reopen),
            ProcessMove(
                from: ["@exit"], to: ["@closed"],
                gates: [.anyOf(["service_restored_and_tested", "exit_path_recorded"]), .gate("verification_attempted")]
                    + documented),
        ]
    }()

    static let entry = [
        ProcessCondition(key: "assigned_engineer", text: "The service ticket is assigned to a NOC or Tier 2 engineer."),
        ProcessCondition(key: "noc_queue", text: "The service ticket is in the NOC queue."),
        ProcessCondition(
            key: "tier1_escalation", text: "The incident is escalated from Tier 1, with its troubleshooting so far."),
        ProcessCondition(key: "on_call_remote", text: "The after-hours on-call engineer elects remote resolution."),
        ProcessCondition(
            key: "csr_handoff",
            text: "For critical and high priority, the client service rep has done a handoff and set the client's expectations."),
    ]

    static let exit = [
        ProcessCondition(
            key: "passed_on", text: "The ticket is escalated to a third party or to the client for resolution.",
            gates: ["exit_path_recorded", "client_informed"]),
        ProcessCondition(
            key: "restored", text: "Service has been restored and tested.", gates: ["service_restored_and_tested"]),
        ProcessCondition(
            key: "verified", text: "Verification has been attempted with the client.", gates: ["verification_attempted"]),
        ProcessCondition(
            key: "documented", text: "Service ticket notes and status have been updated and time entered.",
            gates: ["resolution_note", "time_entered"]),
    ]
}
