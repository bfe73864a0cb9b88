/// What a role may do; roles are data, and these are the rights they carry.
public enum Permission: String, Sendable, Codable, CaseIterable {
    case ticketsReadAll = "tickets.read_all"
    case ticketsWrite = "tickets.write"
    case ticketsBackstage = "tickets.backstage"
    case lowerPriority = "tickets.lower_priority"
    case timeLog = "time.log"
    case companiesEdit = "companies.edit"
    case contractsEdit = "contracts.edit"
    case usersManage = "users.manage"
    case queuesManage = "queues.manage"
    case tokensCreate = "tokens.create"
    /// Outbound webhooks: who may send ticket events to other systems.
    case integrationsManage = "integrations.manage"
    /// The KPI reports of every engineer and client; without it an engineer sees their own scorecard only.
    case reportsRead = "reports.read"
    /// Applying a new process definition: statuses, moves, gates and roles for every ticket.
    case processManage = "process.manage"
}

/// A named role and its permissions, as shipped; an admin may rename roles or change their rights.
public struct RoleDefinition: Sendable, Equatable {
    public var key: String
    public var name: String
    public var permissions: Set<Permission>
    /// Client contacts are scoped to their own company and to onstage content.
    public var isClient: Bool

    public init(key: String, name: String, permissions: Set<Permission>, isClient: Bool = false) {
        self.key = key
        self.name = name
        self.permissions = permissions
        self.isClient = isClient
    }

    /// The roles whose people go on site and so are offered for visits, as the process in force marks them
    /// (engineers, on-call engineers and SMEs in MSP-04c; not admins, CSRs or service managers).
    public static var fieldRoles: [String] { ProcessRules.current.onsiteRoles }

    /// The roles of PRODUCT.md section 1, as the MSP-04c definition names them.
    public static var defaults: [RoleDefinition] { ProcessRules(.msp04c).roles }
}
