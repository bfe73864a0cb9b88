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

    /// Whether `value` has the syntax of a key: 1 to 40 of a-z, 0-9 and _, starting with a letter.
    static func isKey(_ value: String) -> Bool {
        // Over the UTF-8 bytes, without allocating: every stored status is read through this.
        var count = 0
        for byte in value.utf8 {
            count += 1
            let letter = byte >= 0x61 && byte <= 0x7A
            if count > 40 || (count == 1 && !letter) { return false }
            if !letter && !(byte >= 0x30 && byte <= 0x39) && byte != 0x5F { return false }
        }
        return count > 0
    }
}
