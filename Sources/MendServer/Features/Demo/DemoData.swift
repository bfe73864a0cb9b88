import MendCore

/// The believable MSP that `mend demo` creates: its clients, people and the shape of their incidents.
enum DemoData {
    static let password = "mend-demo-password"

    struct Company {
        var name: String
        var code: String
        var timezone: String
        var sites: [(String, String)]
        var contacts: [(String, String, String)]
        var coverage: String
    }

    static let companies: [Company] = [
        Company(
            name: "Harbor Dental Group", code: "HARBOR", timezone: "America/New_York",
            sites: [("Main Street Clinic", "12 Main St, Portland ME"), ("Bayside Office", "400 Commercial St, Portland ME")],
            contacts: [
                ("Dana Whitfield", "dana@harbordental.example", "Practice Manager"),
                ("Raj Patel", "raj@harbordental.example", "Office IT lead"),
            ],
            coverage: "8x5"),
        Company(
            name: "Northwind Logistics", code: "NWL", timezone: "America/Chicago",
            sites: [("Warehouse 3", "2200 W Cermak Rd, Chicago IL"), ("HQ", "1 N Wacker Dr, Chicago IL")],
            contacts: [
                ("Elena Sorokina", "elena@northwind.example", "Operations Director"),
                ("Marcus Lee", "marcus@northwind.example", "Dispatcher"),
            ],
            coverage: "24x7"),
        Company(
            name: "Brightline Legal LLP", code: "BRIGHT", timezone: "Europe/London",
            sites: [("London Office", "8 Fleet St, London")],
            contacts: [
                ("Olivia Grant", "olivia@brightline.example", "Managing Partner"),
                ("Tom Baker", "tom@brightline.example", "Office Manager"),
            ],
            coverage: "8x5"),
        Company(
            name: "Cedar Valley School District", code: "CVSD", timezone: "America/Denver",
            sites: [("District Office", "90 Cedar Ave, Boulder CO"), ("High School", "500 Valley Rd, Boulder CO")],
            contacts: [("Priya Nair", "priya@cedarvalley.example", "Technology Coordinator")],
            coverage: "8x5"),
    ]

    /// Staff covering every role of PRODUCT.md section 1.
    static let staff: [(name: String, email: String, role: String)] = [
        ("Alex Admin", "admin@mend.example", "admin"),
        ("Sam Rivera", "sam@mend.example", "engineer"),
        ("Jordan Kim", "jordan@mend.example", "engineer"),
        ("Casey Morgan", "casey@mend.example", "on_call_engineer"),
        ("Dr. Lena Fischer", "lena@mend.example", "sme"),
        ("Morgan Blake", "morgan@mend.example", "service_manager"),
        ("Riley Chen", "riley@mend.example", "csr"),
        ("Taylor Brooks", "taylor@mend.example", "engineer"),
    ]

    static let queues: [(key: String, name: String, description: String)] = [
        ("escalations", "Service Desk Escalations", "Tier 1 escalations waiting for Tier 2."),
        ("field", "Field Services", "Incidents that need onsite work or parts."),
    ]

    /// Incident shapes: summary, type, impact, urgency.
    static let incidents: [(String, String, Impact, Urgency)] = [
        ("Site-to-site VPN down", "Network", .high, .high),
        ("Email not syncing on mobile devices", "Email", .medium, .medium),
        ("Practice management server unreachable", "Server", .high, .high),
        ("Printer queue stuck on floor 2", "Printing", .low, .medium),
        ("Wi-Fi drops in the warehouse", "Network", .medium, .high),
        ("Backup job failed three nights running", "Backup", .medium, .medium),
        ("User locked out after password reset", "Identity", .low, .high),
        ("File share permissions broken after migration", "Storage", .medium, .medium),
        ("Firewall CPU at 100%", "Network", .high, .medium),
        ("VoIP calls dropping after 30 seconds", "Telephony", .high, .medium),
        ("Laptop will not boot after update", "Endpoint", .low, .medium),
        ("ISP circuit down at branch", "Network", .high, .high),
        ("Line-of-business app throws database error", "Application", .medium, .high),
        ("Disk nearly full on SQL server", "Server", .medium, .low),
        ("Scanner to email not working", "Printing", .low, .low),
        ("MFA prompts not arriving", "Identity", .medium, .high),
    ]

    static let noteBodies: [(String, Visibility)] = [
        ("Checked the WAN link and tunnel status; tunnel phase 2 renegotiating every few minutes.", .backstage),
        ("Called the client to confirm scope: affects all users at the site.", .onstage),
        ("Reviewed recent changes: a firmware update was applied last night.", .backstage),
        ("We are working on this and will update you within the hour.", .onstage),
        ("Rolled back the change in the maintenance window.", .backstage),
        ("Asked the user to restart and try again; the issue persists.", .onstage),
    ]
}

extension DemoData {
    /// A comment for each rating, 1 to 5, as clients write them.
    static let surveyComments = [
        "It took days and nobody told us what was going on.",
        "Fixed in the end, but we had to chase for updates.",
        "OK. The fix held, the updates were a bit sparse.",
        "Quick and clear, thank you.",
        "Back up within the hour and we were kept informed all along. Great work.",
    ]
}
