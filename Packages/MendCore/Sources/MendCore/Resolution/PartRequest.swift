import Foundation

/// A part needed to restore service (04c.03): what, how many, from whom, and where it stands.
public struct PartRequest: Sendable, Equatable {
    /// Where a part stands; a part moves forward only, and only an RMA part is returned.
    public enum State: String, Sendable, Codable, CaseIterable {
        case requested, ordered, shipped, received, installed, returned

        /// Human label for pages.
        public var title: String { rawValue.capitalized }
    }

    public var item: String
    public var quantity: Int
    public var supplier: String?
    /// Set for a return-merchandise authorisation: the faulty unit goes back once the replacement is in.
    public var rmaNumber: String?
    public var purchaseOrder: String?
    public var state: State

    /// Validates a new request; every problem is named by its field.
    public init(
        item: String?, quantity: Int?, supplier: String? = nil, rmaNumber: String? = nil, purchaseOrder: String? = nil
    ) throws(ValidationError) {
        var check = FieldChecker()
        check.required(item, "item", max: 200)
        if let quantity { check.range(quantity, "quantity", 1...10_000) } else { check.add("quantity", "is required") }
        check.length(supplier, "supplier", max: 200)
        check.length(rmaNumber, "rmaNumber", max: 100)
        check.length(purchaseOrder, "purchaseOrder", max: 100)
        try check.check()
        self.item = (item ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        self.quantity = quantity!
        self.supplier = supplier
        self.rmaNumber = rmaNumber
        self.purchaseOrder = purchaseOrder
        self.state = .requested
    }

    /// A part read back from storage at `state`.
    public init(stored state: State, rmaNumber: String?) {
        self.item = ""
        self.quantity = 1
        self.rmaNumber = rmaNumber
        self.state = state
    }

    /// The states this part may move to next.
    public var nextStates: [State] {
        switch state {
        case .requested: [.ordered]
        case .ordered: [.shipped, .received]
        case .shipped: [.received]
        case .received: [.installed]
        case .installed: rmaNumber == nil ? [] : [.returned]
        case .returned: []
        }
    }

    /// Moves the part on, or says why it cannot (a part received before it was ordered, a return without an RMA).
    public mutating func move(to next: State) throws(ValidationError) {
        guard nextStates.contains(next) else {
            let allowed = nextStates.map(\.rawValue).joined(separator: ", ")
            let why =
                next == .returned && rmaNumber == nil
                ? "only a part with an RMA number is returned"
                : "cannot go from \(state.rawValue) to \(next.rawValue)" + (allowed.isEmpty ? "" : "; next: \(allowed)")
            throw ValidationError(field: "state", why)
        }
        state = next
    }

    /// Whether the ticket still waits on this part: until it is received.
    public var isAwaited: Bool { [.requested, .ordered, .shipped].contains(state) }

    /// True while any part of a ticket is still awaited: the ticket waits on parts.
    public static func waitingOnParts(_ parts: [PartRequest]) -> Bool { parts.contains(where: \.isAwaited) }
}
