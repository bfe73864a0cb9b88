import MendCore
import Vapor

/// The server's shared dependencies, built once in `configure` and reached through the application.
public struct MendServices: Sendable {
    public var config: MendConfig
    public var clock: any MendClock
    public var gate: WriteGate
    public var matrix: PriorityMatrix
    /// The process rules this server enforces: `mend serve` uses the process-wide source; each test app its own.
    public let process: ProcessRulesSource
    let creations: TicketCreationBatcher
    let changes: TicketChangeBatcher
    let settingsReads: SettingsReads
    let cache: DirectoryCache
    let tokens: PrincipalCache
    let sla: SlaParseCache
    /// The ticket folds this server stored last, parsed.
    let folds = FoldCache()
    let alertRepeats: GroupCommit<AlertRepeat, AlertRepeatResult?>
    let webhookSubscriptions: WebhookSubscriptionCache
    /// This server's Prometheus metrics.
    public let metrics = MendMetrics()
    /// Queues webhook deliveries for the events of a change.
    var webhooks: WebhookFanout { WebhookFanout(cache: webhookSubscriptions, publicURL: config.publicURL) }

    public init(
        config: MendConfig, clock: any MendClock, gate: WriteGate, matrix: PriorityMatrix = .standard,
        process: ProcessRulesSource = ProcessRulesSource(ProcessRules(.msp04c))
    ) {
        self.config = config
        self.process = process
        self.clock = clock
        self.gate = gate
        self.matrix = matrix
        let sla = SlaParseCache()
        let subscriptions = WebhookSubscriptionCache()
        let webhooks = WebhookFanout(cache: subscriptions, publicURL: config.publicURL)
        self.webhookSubscriptions = subscriptions
        let reads = SettingsReads(process: process)
        self.settingsReads = reads
        self.creations = TicketCreationBatcher(
            gate: gate, reads: reads, sla: sla, webhooks: webhooks, handoffMinutes: config.handoffReminderMinutes)
        self.changes = TicketChangeBatcher(gate: gate)
        self.cache = DirectoryCache()
        self.tokens = PrincipalCache()
        self.sla = sla
        self.alertRepeats = GroupCommit(gate: gate) { jobs, tx in
            try await TicketWriter.countRepeats(jobs, on: tx, webhooks: webhooks)
        }
    }
}

extension Application {
    private struct ServicesKey: StorageKey {
        typealias Value = MendServices
    }

    /// The services `configure` installed; using the app before `configure` is a programming error.
    public var mend: MendServices {
        get {
            guard let services = storage[ServicesKey.self] else { fatalError("configure(app) has not run") }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }
}

extension Request {
    var mend: MendServices { application.mend }
    var tickets: TicketService { TicketService(db: db, services: application.mend) }
    var directory: DirectoryService { DirectoryService(db: db, services: application.mend) }
}
