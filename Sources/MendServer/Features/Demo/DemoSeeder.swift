import Fluent
import MendCore
import Vapor

/// Fills an empty database with the demo MSP: clients, staff, queues, 300 tickets of the last 60 days in every status,
/// and 540 tickets of the past year closed or passed on, for the reports.
public struct DemoSeeder: Sendable {
    let db: any Database
    let services: MendServices
    public var ticketCount = 300
    /// Tickets of the past twelve months, closed or passed on.
    public var historyCount = 540
    public static let adminEmail = "admin@mend.example"
    public static let password = DemoData.password

    public init(db: any Database, services: MendServices) {
        self.db = db
        self.services = services
    }

    public enum Outcome: Sendable {
        case seeded(tickets: Int)
        case refusedNotEmpty
    }

    public func isEmpty() async throws -> Bool {
        let companies = try await CompanyModel.query(on: db).count()
        let tickets = try await TicketModel.query(on: db).count()
        let users = try await UserModel.query(on: db).count()
        return companies + tickets + users == 0
    }

    public func run(force: Bool) async throws -> Outcome {
        if !force {
            let empty = try await isEmpty()
            if !empty { return .refusedNotEmpty }
        }
        let hash = try await PasswordHasher.hash(DemoData.password)
        let now = services.clock.now()
        let count = ticketCount
        let outcome = try await services.gate.transaction(on: db) { tx in
            var rng = SeededGenerator(seed: 2026)
            var world = try await Self.createWorld(on: tx, hash: hash, now: now)
            try await DemoResolution.seed(companies: world.companies.map(\.company), now: now, on: tx)
            world.sla = try await SlaSettingsLoader(db: tx, cache: services.sla).current(
                for: Set(world.companies.map { $0.company.id! }), today: LocalDate(now))
            let batch = DemoBatch()
            for index in 0..<count {
                try await Self.createTicket(index: index, world: world, now: now, rng: &rng, into: batch, on: tx)
            }
            for index in 0..<historyCount {
                let plan = Self.pastPlan(now: now, rng: &rng)
                try await Self.createTicket(
                    index: count + index, plan: plan, world: world, now: now, rng: &rng, into: batch, on: tx)
            }
            try await batch.flush(on: tx)
            return Outcome.seeded(tickets: count + historyCount)
        }
        // The demo writes its histories directly, as they happened; their KPI facts are computed from them after.
        _ = try await KpiFactsStore(db: db, sla: services.sla).rebuild(gate: services.gate, today: LocalDate(now), now: now)
        return outcome
    }

    struct World {
        var companies: [(company: CompanyModel, sites: [SiteModel], contacts: [ContactModel])]
        var staff: [Principal]
        var engineers: [Principal]
        var queues: [QueueModel]
        /// Each client's SLA settings (its demo contract, the default policy).
        var sla: [UUID: SlaSettings] = [:]
    }

    private static func createWorld(on db: any Database, hash: String, now: Date) async throws -> World {
        var companies: [(CompanyModel, [SiteModel], [ContactModel])] = []
        for spec in DemoData.companies {
            let company = CompanyModel()
            company.name = spec.name
            company.code = spec.code
            company.timezone = spec.timezone
            company.createdAt = now.addingTimeInterval(-400 * 86_400)
            try await company.create(on: db)
            var sites: [SiteModel] = []
            for (name, address) in spec.sites {
                let site = SiteModel()
                site.companyID = company.id!
                site.name = name
                site.address = address
                try await site.create(on: db)
                sites.append(site)
            }
            var contacts: [ContactModel] = []
            for (name, email, title) in spec.contacts {
                let contact = ContactModel()
                contact.companyID = company.id!
                contact.name = name
                contact.email = email
                contact.title = title
                try await contact.create(on: db)
                contacts.append(contact)
            }
            try await createContract(for: company, coverage: spec.coverage, now: now, on: db)
            // The first contact of each client can sign in, to show what a client sees.
            _ = try await createUser(
                name: contacts[0].name, email: contacts[0].email!, role: "client_contact", hash: hash, contact: contacts[0],
                on: db)
            companies.append((company, sites, contacts))
        }
        var staff: [Principal] = []
        for person in DemoData.staff {
            let user = try await createUser(
                name: person.name, email: person.email, role: person.role, hash: hash, contact: nil, on: db)
            // Day staff get New York office hours: their routine notifications wait for the morning.
            if person.role != "admin" && person.role != "on_call_engineer" {
                user.workingHours = try BusinessCalendar.officeHours(timezone: "America/New_York").jsonText
                try await user.update(on: db)
            }
            if let principal = try await PrincipalLoader.principal(for: user, on: db) { staff.append(principal) }
        }
        var queues = try await QueueModel.query(on: db).all()
        for spec in DemoData.queues where !queues.contains(where: { $0.key == spec.key }) {
            let queue = QueueModel()
            queue.key = spec.key
            queue.name = spec.name
            queue.description = spec.description
            try await queue.create(on: db)
            queues.append(queue)
        }
        let engineers = staff.filter { ["engineer", "on_call_engineer", "sme"].contains($0.roleKey) }
        // An after-hours rotation of the engineers, handing off Mondays at 09:00 New York, started a month ago.
        let rotation = RotationModel()
        rotation.id = UUID()
        rotation.name = "After-hours on-call"
        rotation.timezone = "America/New_York"
        rotation.cadence = "weekly"
        rotation.weekday = 0
        rotation.handoff = "09:00"
        rotation.startDate = LocalDate(now.addingTimeInterval(-28 * 86_400)).description
        rotation.members = engineers.map(\.userID.uuidString).joined(separator: ",")
        rotation.createdAt = now
        rotation.ackMinutes = 15
        rotation.afterHours = true
        if !engineers.isEmpty, try await RotationModel.query(on: db).filter(\.$name == rotation.name).count() == 0 {
            try await rotation.create(on: db)
        }
        try await createEscalationPolicies(rotation: rotation.id!, on: db, now: now)
        return World(companies: companies, staff: staff, engineers: engineers, queues: queues)
    }

    /// P1 and P2 escalation policies: the service manager hears early, the on-call engineer is paged late.
    private static func createEscalationPolicies(rotation: UUID, on db: any Database, now: Date) async throws {
        guard try await EscalationPolicyModel.query(on: db).count() == 0 else { return }
        let policies: [(Priority, String)] = [
            (
                .p1,
                #"[{"trigger": {"clock": "response", "percent": 50}, "actions": {"notify": {"roles": ["service_manager"], "users": []}}},"#
                    + #" {"trigger": {"status": "in_progress", "minutes": 45}, "actions": {"notify": {"roles": ["service_manager"], "users": []}, "page_rotation": "\#(rotation.uuidString)"}}]"#
            ),
            (
                .p2,
                #"[{"trigger": {"clock": "restoration", "percent": 75}, "actions": {"notify": {"roles": ["service_manager"], "users": []}}},"#
                    + #" {"trigger": {"clock": "restoration", "percent": 100}, "actions": {"raise_priority": "p1", "queue": "escalations"}}]"#
            ),
        ]
        for (priority, json) in policies {
            let levels = try EscalationLevel.parse(json: json)
            let row = EscalationPolicyModel()
            row.id = UUID()
            row.name = "\(priority.rawValue.uppercased()) standard escalation"
            row.priority = priority.rawValue
            row.version = 1
            row.levels = EscalationLevel.jsonText(levels)
            row.updatedAt = now
            row.updatedBy = "Mend demo"
            try await row.create(on: db)
            let version = EscalationPolicyVersionModel()
            version.id = UUID()
            version.policyID = row.id!
            version.version = 1
            version.levels = row.levels
            version.createdAt = now
            version.createdBy = "Mend demo"
            try await version.create(on: db)
        }
    }

    /// A managed services agreement on `coverage`, in force over the whole demo history and a year ahead.
    static func createContract(for company: CompanyModel, coverage: String, now: Date, on db: any Database)
        async throws
    {
        let contract = ContractModel()
        contract.companyID = company.id!
        contract.name = "Managed Services Agreement \(coverage)"
        contract.coverage = coverage
        contract.startsOn = LocalDate(now.addingTimeInterval(-400 * 86_400)).description
        contract.endsOn = LocalDate(now.addingTimeInterval(400 * 86_400)).description
        try await contract.create(on: db)
    }

    static func createUser(
        name: String, email: String, role: String, hash: String, contact: ContactModel?, on db: any Database
    ) async throws -> UserModel {
        let user = UserModel()
        user.name = name
        user.email = email
        user.roleKey = role
        user.passwordHash = hash
        user.active = true
        user.contactID = contact?.id
        user.companyID = contact?.companyID
        try await user.create(on: db)
        return user
    }
}

/// A small deterministic generator (SplitMix64), so every demo database is the same.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
