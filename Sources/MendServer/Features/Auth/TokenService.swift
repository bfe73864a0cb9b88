import Fluent
import MendCore
import Vapor

/// API tokens: `mend_` plus 32 random bytes, shown once; the database keeps only the SHA-256.
enum TokenService {
    static func create(name: String, for userID: UUID, on db: any Database, now: Date) async throws -> (APITokenModel, String) {
        var check = FieldChecker()
        check.required(name, "name", max: 100)
        try check.check()
        let trimmed = name.trimmed
        let raw = "mend_" + Data.random(count: 32).base64URLEncoded
        let token = APITokenModel()
        token.userID = userID
        token.name = trimmed
        token.tokenHash = hash(raw)
        token.createdAt = now
        try await token.create(on: db)
        return (token, raw)
    }

    /// Lowercase hex SHA-256 of the token; on every API request, so hex is written by hand
    /// (`String(format:)` per byte cost 5% of a request's CPU in the alert-intake profile).
    static func hash(_ raw: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(raw.utf8)) {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func principal(for raw: String, on db: any Database, cache: PrincipalCache, now: Date) async throws -> Principal? {
        guard raw.hasPrefix("mend_"), raw.count < 200 else { return nil }
        let digest = hash(raw)
        if let cached = cache.principal(forTokenHash: digest, now: now) { return cached }
        guard let token = try await APITokenModel.query(on: db).filter(\.$tokenHash == digest).first(),
            let principal = try await PrincipalLoader.load(userID: token.userID, on: db)
        else { return nil }
        cache.remember(principal, forTokenHash: digest, now: now)
        return principal
    }
}
