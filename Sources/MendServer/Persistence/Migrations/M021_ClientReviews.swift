import Fluent
import SQLKit

/// Monthly client service reviews: how each company gets its review (`review_delivery`, empty meaning on demand)
/// and every review mailed. A review sent by the schedule is unique per company and month, so two servers on one
/// database, or a restart, never mail it twice.
struct M021_ClientReviews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("companies").field("review_delivery", .string).update()
        try await database.schema("client_reviews")
            .id()
            .field("company_id", .uuid, .required, .references("companies", "id"))
            .field("month", .string, .required)
            .field("sent_at", .datetime, .required)
            .field("sent_by", .uuid)
            .field("recipients", .int, .required)
            .create()
        try await database.sql.raw(
            "CREATE UNIQUE INDEX idx_client_reviews_scheduled ON client_reviews (company_id, month) WHERE sent_by IS NULL"
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("client_reviews").delete()
        try await database.schema("companies").deleteField("review_delivery").update()
    }
}
