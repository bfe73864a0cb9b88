import MendCore
import NIOConcurrencyHelpers

/// Runs a pass every `interval` until stopped. Stopping lets the pass under way finish (a scheduler tick or an outbox
/// send is never cut off halfway through) and cuts only the wait before the next one short, so SIGTERM ends
/// `mend serve` promptly without abandoning work it had started.
final class BackgroundLoop: Sendable {
    private let stopping = NIOLockedValueBox(false)
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    /// Starts the passes, each under the process rules of `rules` (the server's own).
    func start(interval: Duration, rules: ProcessRulesSource, _ pass: @escaping @Sendable () async -> Void) {
        let stopping = stopping
        task.withLockedValue {
            $0 = Task {
                while !stopping.withLockedValue({ $0 }) {
                    await ProcessRules.$source.withValue(rules) { await pass() }
                    // The wait in short slices, each a look at whether to stop.
                    var waited = Duration.zero
                    while waited < interval, !stopping.withLockedValue({ $0 }) {
                        let slice = min(.milliseconds(50), interval - waited)
                        try? await Task.sleep(for: slice)
                        waited += slice
                    }
                }
            }
        }
    }

    /// Returns once the pass under way, if any, has finished.
    func stop() async {
        stopping.withLockedValue { $0 = true }
        await task.withLockedValue { $0 }?.value
    }
}
