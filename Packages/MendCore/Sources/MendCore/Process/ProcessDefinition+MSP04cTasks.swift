/// The eight sub-processes of MSP-04c with their tasks, in the order each runs.
extension MSP04c {
    static let subprocesses: [Subprocess] = [
        Subprocess(
            id: "04c.01", name: "Incident Diagnosis and Troubleshooting",
            purpose: "Find the cause, time-boxed by priority, and choose the way to restore service.",
            statuses: ["assigned", "in_progress", "waiting_on_client"],
            tasks: [
                ProcessTask(
                    id: "04c.01.1", name: "Describes the symptoms and answers questions", lane: .client,
                    role: "client_contact", system: "portal", event: "created"),
                ProcessTask(
                    id: "04c.01.2", name: "Take the ticket and acknowledge the client", lane: .onstage, role: "engineer",
                    system: "mend", document: "service_ticket", kpis: ["response_time"], event: "assigned"),
                ProcessTask(
                    id: "04c.01.3", name: "Review Tier 1's notes and the monitoring alerts", lane: .backstage,
                    role: "engineer", system: "rmm"),
                ProcessTask(
                    id: "04c.01.4", name: "Diagnose and try fixes, logging each step", lane: .backstage,
                    role: "engineer", system: "remote", document: "troubleshooting_log", event: "diagnosis_logged"),
                ProcessTask(
                    id: "04c.01.5", name: "Work through the checklist of the ticket type", lane: .backstage,
                    role: "engineer", system: "mend", event: "checklist_ticked"),
                ProcessTask(
                    id: "04c.01.6", name: "Choose the way to restore service", lane: .backstage, role: "engineer",
                    system: "mend", decision: "Can the engineer restore it remotely inside the time box?",
                    event: "escalated"),
            ]),
        Subprocess(
            id: "04c.02", name: "Service Restoration",
            purpose: "Restore service, test it, and have the client verify it before the ticket is resolved.",
            statuses: ["in_progress", "restored", "resolved"],
            tasks: [
                ProcessTask(
                    id: "04c.02.1", name: "Apply the fix", lane: .backstage, role: "engineer", system: "remote",
                    document: "troubleshooting_log"),
                ProcessTask(
                    id: "04c.02.2", name: "Test the restored service and record the test", lane: .backstage,
                    role: "engineer", system: "mend", document: "restoration_test", kpis: ["sla_compliance"],
                    decision: "Did the test pass?", event: "restoration_tested"),
                ProcessTask(
                    id: "04c.02.3", name: "Tell the client service is restored and ask them to check", lane: .onstage,
                    role: "engineer", system: "email", event: "client_message"),
                ProcessTask(
                    id: "04c.02.4", name: "Checks that the service works", lane: .client, role: "client_contact",
                    system: "portal"),
                ProcessTask(
                    id: "04c.02.5", name: "Record the verification attempt and its outcome", lane: .onstage,
                    role: "engineer", system: "phone", document: "verification_record",
                    decision: "Did the client confirm, or stop answering after the allowed attempts?",
                    event: "verification_attempted"),
                ProcessTask(
                    id: "04c.02.6", name: "Write the resolution note and enter time", lane: .backstage,
                    role: "engineer", system: "mend", document: "resolution_note", kpis: ["time_logged"],
                    event: "time_logged"),
                ProcessTask(
                    id: "04c.02.7", name: "Resolve the ticket", lane: .onstage, role: "engineer", system: "mend",
                    kpis: ["resolution_time", "first_contact_resolution", "reopen_rate", "sla_compliance"],
                    event: "status_changed"),
                ProcessTask(
                    id: "04c.02.8", name: "Answers the satisfaction survey", lane: .client, role: "client_contact",
                    system: "email", document: "survey", kpis: ["client_satisfaction"], event: "survey_answered"),
            ]),
        Subprocess(
            id: "04c.03", name: "Coordinate for Repair or Replacement Parts",
            purpose: "Get the part that restores service, and keep the client told while it comes.",
            statuses: ["waiting_on_parts"],
            tasks: [
                ProcessTask(
                    id: "04c.03.1", name: "Identify the part and its supplier", lane: .backstage, role: "engineer",
                    system: "distributor"),
                ProcessTask(
                    id: "04c.03.2", name: "Request the part with its RMA or PO number", lane: .backstage,
                    role: "engineer", system: "mend", document: "part_request", event: "part_requested"),
                ProcessTask(
                    id: "04c.03.3", name: "Tell the client the part is ordered and when it should arrive",
                    lane: .onstage, role: "engineer", system: "email", event: "client_message"),
                ProcessTask(
                    id: "04c.03.4", name: "Supplier ships the part; track it to delivery", lane: .support,
                    role: "service_manager", system: "distributor", event: "part_moved"),
                ProcessTask(
                    id: "04c.03.5", name: "Receive and install the part", lane: .backstage, role: "engineer",
                    system: "mend", document: "part_request", event: "part_moved"),
            ]),
        Subprocess(
            id: "04c.04", name: "Dispatch Engineer for Onsite Resolution",
            purpose: "Send an engineer on site when the incident cannot be fixed remotely.",
            statuses: ["onsite_scheduled"],
            tasks: [
                ProcessTask(
                    id: "04c.04.1", name: "Book the visit on the dispatch board", lane: .backstage,
                    role: "service_manager", system: "mend", document: "appointment",
                    decision: "Is an engineer free in the window the client needs?", event: "appointment_booked"),
                ProcessTask(
                    id: "04c.04.2", name: "Confirm the visit window with the client", lane: .onstage, role: "csr",
                    system: "phone", event: "client_message"),
                ProcessTask(
                    id: "04c.04.3", name: "Lets the engineer in and shows the problem", lane: .client,
                    role: "client_contact"),
                ProcessTask(
                    id: "04c.04.4", name: "Check in on site and work the incident", lane: .onstage, role: "engineer",
                    system: "mend", event: "appointment_changed"),
                ProcessTask(
                    id: "04c.04.5", name: "Check out and log travel and onsite time", lane: .backstage,
                    role: "engineer", system: "mend", document: "time_entry", kpis: ["time_logged"],
                    event: "time_logged"),
            ]),
        Subprocess(
            id: "04c.05", name: "Engage Subject Matter Expert",
            purpose: "Bring in a specialist's opinion or hands when the engineer's own skills run out.",
            statuses: ["with_sme"],
            tasks: [
                ProcessTask(
                    id: "04c.05.1", name: "Ask an SME or SME group, saying what was tried", lane: .backstage,
                    role: "engineer", system: "mend", document: "consult", event: "sme_consulted"),
                ProcessTask(
                    id: "04c.05.2", name: "Answer the consult or take the work over", lane: .support, role: "sme",
                    system: "mend", document: "consult", decision: "Does the SME take the ticket over?",
                    event: "sme_answered"),
                ProcessTask(
                    id: "04c.05.3", name: "Apply the advice and log the outcome", lane: .backstage, role: "engineer",
                    system: "remote", document: "troubleshooting_log", event: "diagnosis_logged"),
            ]),
        Subprocess(
            id: "04c.06", name: "Engage Technology Vendor",
            purpose: "Open and follow a case with the maker of the failing product.",
            statuses: ["waiting_on_vendor"],
            tasks: [
                ProcessTask(
                    id: "04c.06.1", name: "Open a case with the vendor", lane: .backstage, role: "engineer",
                    system: "vendor_portal", document: "vendor_case", event: "vendor_case_opened"),
                ProcessTask(
                    id: "04c.06.2", name: "Vendor works the case to its promised times", lane: .support,
                    role: "engineer", system: "vendor_portal", document: "vendor_case", event: "vendor_case_changed"),
                ProcessTask(
                    id: "04c.06.3", name: "Follow the case up when a check is due", lane: .backstage,
                    role: "engineer", system: "mend", event: "follow_up_due"),
                ProcessTask(
                    id: "04c.06.4", name: "Update the client on the vendor's progress", lane: .onstage,
                    role: "engineer", system: "email", event: "client_message"),
            ]),
        Subprocess(
            id: "04c.07", name: "Escalate to a 3rd Party",
            purpose: "Pass the incident to the carrier, ISP or software house that owns the fault.",
            statuses: ["waiting_on_third_party", "escalated_out"],
            tasks: [
                ProcessTask(
                    id: "04c.07.1", name: "Raise it with the third party and record their reference",
                    lane: .backstage, role: "engineer", system: "phone", document: "third_party_reference",
                    decision: "Does the fault lie with a third party?", event: "exit_recorded"),
                ProcessTask(
                    id: "04c.07.2", name: "Tell the client who has it and what happens next", lane: .onstage,
                    role: "csr", system: "email", event: "client_message"),
                ProcessTask(
                    id: "04c.07.3", name: "Write the resolution note, enter time and escalate out", lane: .backstage,
                    role: "engineer", system: "mend", document: "resolution_note", kpis: ["time_logged"],
                    event: "status_changed"),
                ProcessTask(
                    id: "04c.07.4", name: "Third party works it; check on them until they resolve", lane: .support,
                    role: "engineer", system: "phone", event: "follow_up_due"),
            ]),
        Subprocess(
            id: "04c.08", name: "Handoff to Client Internal IT Support",
            purpose: "Hand the incident to the client's own IT team when it is theirs to fix.",
            statuses: ["handed_off"],
            tasks: [
                ProcessTask(
                    id: "04c.08.1", name: "Agree with the client that their IT takes it", lane: .onstage, role: "csr",
                    system: "phone", decision: "Is it the client's own IT's to fix?"),
                ProcessTask(
                    id: "04c.08.2", name: "Hand over what was found and tried", lane: .onstage, role: "engineer",
                    system: "email", document: "handoff_record", event: "exit_recorded"),
                ProcessTask(
                    id: "04c.08.3", name: "Acknowledges the handoff", lane: .client, role: "client_contact",
                    system: "email"),
                ProcessTask(
                    id: "04c.08.4", name: "Write the resolution note, enter time and hand off", lane: .backstage,
                    role: "engineer", system: "mend", document: "resolution_note", kpis: ["time_logged"],
                    event: "status_changed"),
            ]),
    ]
}
