import Fluent
import MendCore
import Vapor

/// Stores how a company gets its monthly review.
struct ClientReviewDelivery {
    let db: any Database
    let gate: WriteGate

    /// The delivery `text` names, or 422 naming `delivery`.
    static func parse(_ text: String?) throws -> ReviewDelivery {
        guard let delivery = text.flatMap(ReviewDelivery.init(rawValue:)) else {
            throw Problem.invalid(
                "delivery", "must be one of: " + ReviewDelivery.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return delivery
    }

    func set(_ company: CompanyModel, to delivery: ReviewDelivery) async throws {
        company.reviewDelivery = delivery.rawValue
        try await gate.transaction(on: db) { tx in try await company.update(on: tx) }
    }
}
