import Foundation

/// What Tier 1 did before escalating (seed module entry path "escalated from Tier 1"): carried into the
/// ticket as a backstage note so Tier 2 does not repeat it.
public struct Tier1Handoff: Sendable, Equatable {
    /// Tier 1's own ticket reference, if it has one elsewhere.
    public var reference: String?
    public var stepsTried: [String]
    public var findings: String?
    /// Links to screenshots, logs, captures (http or https).
    public var attachments: [String]

    public init(reference: String? = nil, stepsTried: [String] = [], findings: String? = nil, attachments: [String] = []) {
        self.reference = reference
        self.stepsTried = stepsTried
        self.findings = findings
        self.attachments = attachments
    }

    /// Every rule broken, named under `prefix` (for example `tier1.stepsTried[2]`).
    public func problems(prefix: String = "tier1.") -> [FieldProblem] {
        var check = FieldChecker()
        check.length(reference, prefix + "reference", max: 100)
        if stepsTried.count > 50 { check.add(prefix + "stepsTried", "must list at most 50 steps") }
        for (index, step) in stepsTried.enumerated() {
            if step.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                check.add(prefix + "stepsTried[\(index)]", "must not be blank")
            }
            check.length(step, prefix + "stepsTried[\(index)]", max: 500)
        }
        check.length(findings, prefix + "findings", max: 10_000)
        if attachments.count > 20 { check.add(prefix + "attachments", "must list at most 20 links") }
        for (index, link) in attachments.enumerated() where !WebLink.isValid(link) {
            check.add(prefix + "attachments[\(index)]", "must be an http or https link")
        }
        if stepsTried.isEmpty && (findings ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            check.add(prefix + "stepsTried", "or findings: say what Tier 1 tried or found")
        }
        return check.problems
    }

    /// The backstage note that carries the handoff.
    public var noteBody: String {
        var lines = ["Escalated from Tier 1" + (reference.map { " (\($0))" } ?? "") + "."]
        if !stepsTried.isEmpty {
            lines.append("")
            lines.append("Steps tried:")
            lines += stepsTried.enumerated().map {
                "\($0.offset + 1). \($0.element.trimmingCharacters(in: .whitespacesAndNewlines))"
            }
        }
        if let findings, !findings.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            lines.append("")
            lines.append("Findings: " + findings.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        if !attachments.isEmpty {
            lines.append("")
            lines.append("Attachments:")
            lines += attachments.map { "- \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
