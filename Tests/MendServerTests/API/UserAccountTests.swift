import Fluent
import Foundation
import MendCore
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// Admins manage people's accounts through the API and the People page; nobody can lock the team out.
@Suite struct UserAccountTests {
    let web = WebTests()

    @Test func anAdminChangesARoleTurnsAnAccountOffAndResetsAPassword() async throws {
        try await withMend { m in
            let path = "/api/v1/users/\(m.fx.engineer)"
            let sme = try await m.send(.PATCH, path, as: m.fx.adminToken, json: #"{"role":"sme"}"#)
            #expect(sme.status == .ok && sme.body.string.contains(#""role":"sme""#))
            let client = try await m.send(.PATCH, path, as: m.fx.adminToken, json: #"{"role":"client_contact"}"#)
            #expect(client.status == .conflict && client.body.string.contains("must be a staff role"))
            let denied = try await m.send(.PATCH, path, as: m.fx.engineerToken, json: #"{"name":"Eli"}"#)
            #expect(denied.status == .forbidden)

            let reset = try await m.send(.POST, "\(path)/password", as: m.fx.adminToken)
            #expect(reset.status == .ok)
            let password = try #require(
                (try JSONSerialization.jsonObject(with: Data(reset.body.readableBytesView)) as? [String: Any])?["password"]
                    as? String)
            let user = try #require(try await UserModel.find(m.fx.engineer, on: m.app.db))
            #expect(await PasswordHasher.verify(password, hash: user.passwordHash ?? ""))

            let off = try await m.send(.PATCH, path, as: m.fx.adminToken, json: #"{"active":false}"#)
            #expect(off.status == .ok && off.body.string.contains(#""active":false"#))
            m.clock.advance(seconds: 11)
            #expect(try await m.send(.GET, "/api/v1/users/me", as: m.fx.engineerToken).status == .unauthorized)
        }
    }

    @Test func nobodyCanLockTheTeamOut() async throws {
        try await withMend { m in
            let me = "/api/v1/users/\(m.fx.admin)"
            let selfOff = try await m.send(.PATCH, me, as: m.fx.adminToken, json: #"{"active":false}"#)
            #expect(selfOff.status == .conflict && selfOff.body.string.contains("your own account"))
            let selfDemoted = try await m.send(.PATCH, me, as: m.fx.adminToken, json: #"{"role":"engineer"}"#)
            #expect(selfDemoted.status == .conflict)
            #expect(try await UserModel.find(m.fx.admin, on: m.app.db)?.roleKey == "admin")
            let missing = try await m.send(.PATCH, "/api/v1/users/\(UUID())", as: m.fx.adminToken, json: #"{"active":false}"#)
            #expect(missing.status == .notFound)
        }
    }

    @Test func thePeoplePageInvitesAndShowsTheNewPasswordOnce() async throws {
        try await withMend { m in
            let admin = try await web.signIn(m, email: "ada.admin@test.example")
            let page = try await web.page(m, "/settings/users", admin).body.string
            #expect(page.contains("Eli Engineer") && page.contains("Carl Client") && page.contains("id=\"invite-form\""))
            let refused = try await web.refusal(
                m, "/settings/users", admin, ["_form": "invite", "name": "Nia Noc", "email": "nia@", "role": "engineer"],
                backTo: "/settings/users")
            #expect(refused.contains("value=\"Nia Noc\"") && refused.contains("email"))
            let invited = try await web.form(
                m, .POST, "/settings/users", cookie: admin.cookie,
                ["_csrf": admin.csrf, "_form": "invite", "name": "Nia Noc", "email": "nia@test.example", "role": "engineer"])
            #expect(invited.status == .seeOther)
            let shown = try await web.page(m, "/settings/users?done=invited", admin).body.string
            #expect(shown.contains("id=\"shown-once\"") && shown.contains("nia@test.example: "))
            let again = try await web.page(m, "/settings/users", admin).body.string
            #expect(!again.contains("id=\"shown-once\""), "the password is shown once")
            let engineer = try await web.signIn(m)
            #expect(try await web.page(m, "/settings/users", engineer).status == .forbidden)
        }
    }
}
