import Foundation
import Testing
import VaporTesting

@testable import MendServer

extension TestMend {
    /// Sends as the engineer and returns the JSON object, expecting `status`.
    @discardableResult
    func post(
        _ path: String, _ json: String?, method: HTTPMethod = .POST, as token: String? = nil,
        expect status: HTTPStatus = .created, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let r = try await send(method, path, as: token ?? fx.engineerToken, json: json)
        #expect(r.status == status, "\(method) \(path): \(r.body.string)", sourceLocation: sourceLocation)
        return (try? object(r)) ?? [:]
    }

    /// The body of a refusal: its status, and the fields it names.
    func refused(
        _ method: HTTPMethod, _ path: String, _ json: String?, as token: String? = nil
    ) async throws -> (HTTPStatus, [String]) {
        let r = try await send(method, path, as: token ?? fx.engineerToken, json: json)
        let body = (try? object(r)) ?? [:]
        let fields = ((body["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }
        return (r.status, fields.isEmpty ? [body["field"] as? String].compactMap { $0 } : fields)
    }

    /// One pass of the vendor and third-party follow-up reminders.
    @discardableResult
    func followUpTick() async throws -> Int {
        try await FollowUpScheduler(db: app.db, services: app.mend).tick(now: clock.now())
    }
}
