import Foundation

/// What one alert does, given whether a ticket for its fingerprint is open (seed module: monitoring alerts
/// are an entry path of Tier 2).
public enum AlertIntake {
    public enum Decision: Sendable, Equatable {
        /// No open ticket: open one at this impact and urgency.
        case open(Impact, Urgency)
        /// An open ticket has this fingerprint: count the repeat on it.
        case repeatOnOpenTicket
        /// The problem cleared: note it on the open ticket, and mark it restored when the table says so.
        case resolve(restore: Bool)
        /// A resolved alert without an open ticket: nothing to do.
        case ignore
    }

    public static func decide(_ alert: IncomingAlert, hasOpenTicket: Bool, table: AlertSeverityTable) -> Decision {
        switch (alert.status, hasOpenTicket) {
        case (.firing, false):
            let row = table.row(for: alert.severity)
            return .open(row.impact, row.urgency)
        case (.firing, true): return .repeatOnOpenTicket
        case (.resolved, true): return .resolve(restore: table.resolvedAction == .restore)
        case (.resolved, false): return .ignore
        }
    }
}
