/// Names of what a definition refers to by key, for drawings and reports; a key the definition lacks reads as
/// itself (the validator refuses such a definition before it is applied).
struct ProcessNames {
    let statuses: [String: ProcessStatus]
    let roles: [String: String]
    let systems: [String: String]
    let documents: [String: String]

    init(_ definition: ProcessDefinition) {
        statuses = Dictionary(definition.statuses.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        roles = Dictionary(definition.roles.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
        systems = Dictionary(definition.systems.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
        documents = Dictionary(definition.documents.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    func status(_ key: String) -> String { statuses[key]?.name ?? key }
    func kind(_ key: String) -> ProcessStatusKind? { statuses[key]?.kind }
    func role(_ key: String) -> String { roles[key] ?? key }
    func system(_ key: String) -> String { systems[key] ?? key }
    func document(_ key: String) -> String { documents[key] ?? key }
}
