import MendCore
import Prometheus

/// The server's Prometheus metrics (`GET /metrics`, docs/operations.md). Counters and histograms are this process's
/// own, as Prometheus expects of each server it scrapes; the gauges are read from the database at each scrape, so
/// every server behind a proxy reports the same open tickets and outbox. No label ever holds a ticket id.
public final class MendMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    static let httpBuckets: [Duration] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
        .map { Duration.nanoseconds(Int64($0 * 1e9)) }
    static let tickBuckets: [Duration] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
        .map { Duration.nanoseconds(Int64($0 * 1e9)) }
    static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    /// The name, unit and help of one of Mend's metrics, all under the `mend` namespace (built on each use: the
    /// descriptor type is not Sendable, so it cannot be a stored static).
    private static func descriptor(_ name: String, unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "mend", metricName: name, unitName: unit, helpText: help)
    }

    static var http: MetricNameDescriptor {
        descriptor(
            "http_request_duration", unit: "seconds", "Time to answer an HTTP request, by method, route pattern and status class."
        )
    }
    static var tick: MetricNameDescriptor {
        descriptor(
            "sla_scheduler_tick_duration", unit: "seconds",
            "Time of one SLA scheduler tick that fired warnings or breaches, or found none due.")
    }
    static var warnings: MetricNameDescriptor {
        descriptor(
            "sla_warnings", unit: "total", "SLA warnings fired by this server, by clock and priority.")
    }
    static var breaches: MetricNameDescriptor {
        descriptor(
            "sla_breaches", unit: "total", "SLA breaches fired by this server, by clock and priority.")
    }
    static var openTickets: MetricNameDescriptor {
        descriptor(
            "tickets_open", unit: "", "Open tickets by priority and status, read from the database.")
    }
    static var outbox: MetricNameDescriptor {
        descriptor(
            "outbox_messages", unit: "",
            "Outbox messages (mail and webhooks) waiting to be sent or failed for good, read from the database.")
    }

    public init() {
        // Every series exists from the start, at zero, so a rate over a fresh server is not missing.
        for clock in SlaClockKind.allCases {
            for priority in Priority.allCases {
                _ = slaCounter(breach: false, clock: clock, priority: priority.rawValue)
                _ = slaCounter(breach: true, clock: clock, priority: priority.rawValue)
            }
        }
        _ = registry.makeDurationHistogram(descriptor: Self.tick, labels: [], buckets: Self.tickBuckets)
    }

    /// Records one answered request; methods outside HTTP's usual ones are counted as `other`, so a client
    /// inventing verbs cannot create series.
    func recordRequest(method: String, route: String, status: UInt, duration: Duration) {
        let method = Self.knownMethods.contains(method) ? method : "other"
        registry.makeDurationHistogram(
            descriptor: Self.http, labels: [("method", method), ("route", route), ("status", "\(status / 100)xx")],
            buckets: Self.httpBuckets
        ).record(duration)
    }

    func recordTick(_ duration: Duration) {
        registry.makeDurationHistogram(descriptor: Self.tick, labels: [], buckets: Self.tickBuckets)
            .record(duration)
    }

    /// Counts the warnings and breaches a committed tick fired.
    func recordFired(_ timers: [(timer: SlaTimer, priority: String)]) {
        for fired in timers {
            slaCounter(breach: fired.timer.isBreach, clock: fired.timer.clock, priority: fired.priority).increment()
        }
    }

    private func slaCounter(breach: Bool, clock: SlaClockKind, priority: String) -> Counter {
        registry.makeCounter(
            descriptor: breach ? Self.breaches : Self.warnings, labels: [("clock", clock.rawValue), ("priority", priority)])
    }

    /// Sets the gauges read from the database, every known series included (at zero when there is none).
    func setGauges(open: [OpenCount], outbox: [OutboxCount]) {
        for priority in Priority.allCases {
            for status in TicketStatus.allCases where status.isOpen {
                let count = open.first { $0.priority == priority.rawValue && $0.status == status.rawValue }?.count ?? 0
                registry.makeGauge(
                    descriptor: Self.openTickets, labels: [("priority", priority.rawValue), ("status", status.rawValue)]
                ).set(Double(count))
            }
        }
        for channel in [OutboxChannel.email, OutboxChannel.webhook] {
            for state in ["pending", "failed"] {
                let count = outbox.first { $0.channel == channel && $0.state == state }?.count ?? 0
                registry.makeGauge(descriptor: Self.outbox, labels: [("channel", channel), ("state", state)])
                    .set(Double(count))
            }
        }
    }

    /// The text exposition of every metric.
    func text() -> String { registry.emitToString() }

    struct OpenCount: Decodable {
        var priority: String
        var status: String
        var count: Int
    }

    struct OutboxCount: Decodable {
        var channel: String
        var state: String
        var count: Int
    }
}
