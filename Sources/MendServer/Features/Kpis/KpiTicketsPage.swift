import Foundation
import MendCore
import Vapor

/// The tickets behind one figure of the reports page, a page at a time, with the values that put each one in it.
struct KpiTicketsPage: Encodable {
    /// Tickets to a page.
    static let size = 200

    struct Row: Encodable {
        var number: String
        var summary: String
        var company: String
        var priority: String
        var engineer: String
        var cells: [String]
    }

    var layout: LayoutContext
    var title: String
    var period: String
    var backHref: String
    var csvHref: String
    var columns: [String]
    var rows: [Row]
    /// How many tickets are behind the figure, and which of them this page shows ("201–400").
    var total: Int
    var shown: String
    var previousHref: String?
    var nextHref: String?

    init(req: Request, query: KpiQuery, drill: KpiDrill, rows loaded: [KpiReads.Loaded], total: Int, page: Int) {
        let links = KpiLinks(query: query)
        layout = LayoutContext(req, title: drill.title)
        title = drill.title
        period = "\(query.period.from) to \(query.period.to)"
        backHref = "/reports?" + links.base
        csvHref = "/api/v1/kpis/tickets.csv?" + links.base
        columns = Self.columns(drill)
        self.total = total
        let first = (page - 1) * Self.size
        shown = loaded.isEmpty ? "none" : "\(first + 1)–\(first + loaded.count)"
        func href(_ page: Int) -> String { links.drill(drill) + "&page=\(page)" }
        previousHref = page > 1 ? href(page - 1) : nil
        nextHref = first + loaded.count < total ? href(page + 1) : nil
        rows = loaded.map { item in
            Row(
                number: TicketNumber.format(item.named.number), summary: item.named.summary,
                company: item.named.company_name, priority: item.row.priority.rawValue.uppercased(),
                engineer: item.named.resolved_by_name ?? item.named.first_assignee_name ?? "",
                cells: Self.cells(drill, item.row.facts))
        }
    }

    static func columns(_ drill: KpiDrill) -> [String] {
        switch drill {
        case .response, .restoration, .resolution:
            ["Ended", "Business time", "Wall-clock time", "Paused", "SLA"]
        case .compliance: ["Outcome", "At"]
        case .breaches: ["Breached at", "Status at breach", "Longest status", "Unassigned before"]
        case .firstContact: ["First contact resolution", "Resolved"]
        case .reopens: ["Reopened", "Time logged", "Resolved"]
        case .satisfaction: ["Survey sent", "Rating"]
        case .leftTier2: ["Left to", "At"]
        }
    }

    static func cells(_ drill: KpiDrill, _ facts: TicketKpiFacts) -> [String] {
        func time(_ instant: Date?) -> String { instant.map(WebFormat.time) ?? "" }
        func yes(_ flag: Bool) -> String { flag ? "yes" : "no" }
        switch drill {
        case .response, .restoration, .resolution:
            let kind: SlaClockKind = drill == .response ? .response : drill == .restoration ? .restoration : .resolution
            guard let measure = facts.measure(kind) else { return ["", "", "", "", ""] }
            return [
                time(measure.endedAt), KpiText.duration(measure.businessSeconds), KpiText.duration(measure.wallSeconds),
                KpiText.duration(measure.pausedSeconds),
                (facts.clocks[kind]?.outcome ?? .notMeasured).rawValue.replacingOccurrences(of: "_", with: " "),
            ]
        case .compliance(let clock):
            return [facts.clocks[clock]?.outcome.rawValue ?? "", time(facts.clocks[clock]?.at)]
        case .breaches(let clock):
            guard let cause = facts.breaches.first(where: { $0.clock == clock }) else { return ["", "", "", ""] }
            return [
                time(cause.breachedAt), cause.statusAtBreach.title, cause.longestStatus.title, yes(cause.wasUnassigned),
            ]
        case .firstContact:
            return [yes(facts.firstContactResolution == true), time(facts.resolution?.endedAt)]
        case .reopens:
            return [yes(facts.reopened), WebFormat.minutes(facts.totalLoggedMinutes), time(facts.resolution?.endedAt)]
        case .satisfaction:
            return [time(facts.surveySentAt), facts.rating.map { "\($0) / 5" } ?? "no answer"]
        case .leftTier2:
            return [facts.exitStatus?.title ?? "", time(facts.exitedAt)]
        }
    }
}
