import Foundation

/// The rules for what an MSP adds beside the module: statuses of its own, the statuses it retired, and its logo.
extension ProcessValidator {
    /// A status of the MSP's own works or waits (the module's records enter its other kinds), and reports its time
    /// as a module status of the same kind, so the KPI export keeps the seed's columns.
    static func ownStatus(_ status: ProcessStatus, _ path: String, _ check: inout Problems) {
        guard status.kind == .work || status.kind == .waiting else {
            check.add(
                "\(path).kind",
                "a status of the MSP's own must be work or waiting: the module's records enter the other kinds")
            return
        }
        let sameKind = MSP04c.statuses.filter { $0.kind == status.kind }.map(\.key)
        guard let reportsAs = status.reportsAs else {
            check.add(
                "\(path).reports_as",
                "is required on a status of the MSP's own: the module status its time counts as (\(sameKind.joined(separator: ", ")))"
            )
            return
        }
        if !sameKind.contains(reportsAs) {
            check.add(
                "\(path).reports_as",
                "must name a module status of kind \(status.kind.rawValue) (\(sameKind.joined(separator: ", ")))")
        }
    }

    static func retired(_ definition: ProcessDefinition, _ check: inout Problems) {
        let live = Dictionary(definition.statuses.map { ($0.key, $0.kind) }, uniquingKeysWith: { a, _ in a })
        let open = MSP04c.statuses.filter { $0.kind == .work || $0.kind == .waiting }.map(\.key)
        let list = definition.retired ?? []
        for (index, status) in list.enumerated() {
            let path = "retired[\(index)]"
            check.key(status.key, "\(path).key")
            check.text(status.name, "\(path).name", max: 60)
            if TicketStatus(rawValue: status.key)?.isModule == true {
                check.add("\(path).key", "the module's statuses are never retired (rename instead)")
            } else if live[status.key] != nil {
                check.add("\(path).key", "is still a status of this definition: list it in statuses or in retired, not both")
            }
            for (c, clock) in status.pauses.enumerated() where SlaClockKind(rawValue: clock) == nil {
                check.add(
                    "\(path).pauses[\(c)]",
                    "is not an SLA clock (\(SlaClockKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if !open.contains(status.reportsAs) {
                check.add(
                    "\(path).reports_as", "must name a module status of kind work or waiting (\(open.joined(separator: ", ")))")
            }
            let target = live[status.becomes]
            if target != .work && target != .waiting {
                check.add("\(path).becomes", "must name a work or waiting status of this definition: its open tickets move there")
            }
        }
        check.unique(list.map(\.key)) { "retired[\($0)].key" }
    }

    static func logo(_ definition: ProcessDefinition, _ check: inout Problems) {
        guard let logo = definition.logo else { return }
        let prefixes = ["data:image/png;base64,", "data:image/jpeg;base64,", "data:image/svg+xml;base64,"]
        guard let prefix = prefixes.first(where: logo.hasPrefix) else {
            check.add(
                "logo",
                "must be a data: address of a PNG, JPEG or SVG image (\(prefixes.map { $0 + "..." }.joined(separator: ", ")))")
            return
        }
        if logo.utf8.count > 400_000 {
            check.add("logo", "must be at most 400000 characters (about 290 KB of image)")
        } else if Data(base64Encoded: String(logo.dropFirst(prefix.count))) == nil {
            check.add("logo", "is not valid base64 after \"\(prefix)\"")
        }
    }

    /// What a change from `previous` to `next` would break for tickets already open: a status of the MSP's own that
    /// `next` drops must be listed in its `retired` with where its tickets go, and a retired status stays listed
    /// so that history still names it.
    public static func changeProblems(from previous: ProcessDefinition, to next: ProcessDefinition) -> [FieldProblem] {
        var check = Problems()
        let live = Set(next.statuses.map(\.key))
        let retired = Set((next.retired ?? []).map(\.key))
        for status in previous.statuses where !live.contains(status.key) && !retired.contains(status.key) {
            check.add(
                "retired",
                "must say where the open tickets of the dropped status \"\(status.key)\" go: add {\"key\": \"\(status.key)\", \"name\", \"reports_as\", \"pauses\", \"becomes\"}"
            )
        }
        for status in previous.retired ?? [] where !live.contains(status.key) && !retired.contains(status.key) {
            check.add("retired", "must keep the retired status \"\(status.key)\": history still names it")
        }
        return check.list
    }
}
