import Foundation
import MendCore

/// The text `ticket_kpi_facts.facts` holds: exactly what `KpiFactRows.encoder` writes (keys in byte order,
/// instants as seconds since 1970, absent members left out), written by hand. `JSONEncoder` was a fifth of a KPI
/// rebuild's time and runs on every ticket write; a test holds the two to the same text for thousands of facts.
enum KpiFactsJSON {
    static func text(_ facts: TicketKpiFacts) -> String {
        var members: [(String, String)] = [
            ("breaches", "[" + facts.breaches.map(breach).joined(separator: ",") + "]"),
            ("clocks", object(facts.clocks.map { ($0.key.rawValue, clock($0.value)) })),
            ("linkedFollowUps", String(facts.linkedFollowUps)),
            ("loggedMinutes", object(facts.loggedMinutes.map { ($0.key.rawValue, String($0.value)) })),
            ("reopened", facts.reopened ? "true" : "false"),
            ("resolutions", String(facts.resolutions)),
            ("startedAt", number(facts.startedAt)),
            ("updateMisses", String(facts.updateMisses)),
        ]
        func add(_ key: String, _ value: String?) {
            if let value { members.append((key, value)) }
        }
        add("exitStatus", facts.exitStatus.map { string($0.rawValue) })
        add("exitedAt", facts.exitedAt.map(number))
        add("firstAssignee", facts.firstAssignee.map { string($0.uuidString) })
        add("firstContactResolution", facts.firstContactResolution.map { $0 ? "true" : "false" })
        add("lastResolvedAt", facts.lastResolvedAt.map(number))
        add("rating", facts.rating.map { String($0) })
        add("resolution", facts.resolution.map(measure))
        add("resolvedBy", facts.resolvedBy.map { string($0.uuidString) })
        add("response", facts.response.map(measure))
        add("restoration", facts.restoration.map(measure))
        add("surveySentAt", facts.surveySentAt.map(number))
        return object(members)
    }

    private static func measure(_ measure: TicketKpiFacts.Measure) -> String {
        object([
            ("businessSeconds", String(measure.businessSeconds)), ("endedAt", number(measure.endedAt)),
            ("pausedSeconds", String(measure.pausedSeconds)),
            ("secondsByStatus", object(measure.secondsByStatus.map { ($0.key.rawValue, String($0.value)) })),
            ("wallSeconds", String(measure.wallSeconds)),
        ])
    }

    private static func clock(_ clock: TicketKpiFacts.Clock) -> String {
        var members = [("outcome", string(clock.outcome.rawValue))]
        if let at = clock.at { members.append(("at", number(at))) }
        return object(members)
    }

    private static func breach(_ cause: TicketKpiFacts.BreachCause) -> String {
        object([
            ("breachedAt", number(cause.breachedAt)), ("clock", string(cause.clock.rawValue)),
            ("longestStatus", string(cause.longestStatus.rawValue)),
            ("statusAtBreach", string(cause.statusAtBreach.rawValue)),
            ("wasUnassigned", cause.wasUnassigned ? "true" : "false"),
        ])
    }

    /// An object of members already written, in the byte order of their keys, as `.sortedKeys` orders them.
    private static func object(_ members: [(String, String)]) -> String {
        let sorted = members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        return "{" + sorted.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// Seconds since 1970 as `JSONEncoder` writes a `Double`: its shortest form, without a trailing ".0".
    private static func number(_ instant: Date) -> String {
        let text = instant.timeIntervalSince1970.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// A string with `JSONEncoder`'s escapes.
    private static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/": out += "\\/"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
