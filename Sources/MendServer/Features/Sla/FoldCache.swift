import Foundation
import MendCore
import Synchronization

/// The folds this server stored last, by ticket, with the text they were stored as. A change finds its ticket's
/// stored fold here when the row's text is that text, and skips parsing it: a ticket moved back and forth between
/// statuses hundreds of times has a fold of hundreds of lines, and parsing it was 14% of a status change
/// (BENCHMARKS.md). The text is the key, so a fold another server or a rolled-back change left behind is a miss.
final class FoldCache: Sendable {
    private let folds = Mutex<[UUID: (text: String, fold: TicketFold)]>([:])
    private let limit: Int

    init(limit: Int = 2_048) {
        self.limit = limit
    }

    /// The fold stored as `text` for ticket `id`, when this server stored it.
    func fold(of id: UUID, text: String) -> TicketFold? {
        folds.withLock { folds in
            guard let entry = folds[id], entry.text == text else { return nil }
            return entry.fold
        }
    }

    /// Remembers the fold about to be stored as `text` for ticket `id`.
    func remember(_ fold: TicketFold, text: String, of id: UUID) {
        folds.withLock { folds in
            if folds[id] == nil, folds.count >= limit, let any = folds.keys.first { folds[any] = nil }
            folds[id] = (text, fold)
        }
    }
}
