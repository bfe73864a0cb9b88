import Foundation
import Testing
import Vapor
import VaporTesting

@testable import MendServer

/// Requests meant to break the server: each gets an answer, and the server answers the next request as usual.
@Suite("Hostile requests", .serialized) struct HostileRequestTests {
    /// Paths the static files refuse before any session is loaded; the error page used to read the session and trap.
    static let badPaths = [
        "/../x", "/%2e%2e/x", "/%2E%2E/%2E%2E/etc/passwd", "/a/../../x", "/%ff", "/%", "/%zz",
        "/..%2fx", "/%00", "/mend.css/..",
    ]

    @Test(arguments: badPaths) func aBadPathOutsideTheAPIIsAnErrorPage(path: String) async throws {
        try await withMend { m in
            let r = try await m.send(.GET, path)
            #expect((400..<500).contains(r.status.code), "\(path): \(r.status)")
            #expect(r.headers.contentType?.subType == "html", "\(path)")
            #expect(try await m.send(.GET, "/healthz").status == .ok)
        }
    }

    @Test func aBadPathWithASessionCookieShowsTheErrorPage() async throws {
        try await withMend { m in
            let login = try await m.send(.GET, "/login")
            let cookie = try #require(login.headers.setCookie?["mend_session"]?.string)
            let r = try await m.app.testing().sendRequest(.GET, "/%ff", headers: ["Cookie": "mend_session=\(cookie)"])
            #expect((400..<500).contains(r.status.code))
            #expect(r.body.string.contains("<html"))
            for path in ["/tickets/%ff", "/tickets/T-%00", "/tickets/%2e%2e"] {
                let signedIn = try await m.send(.GET, path, as: m.fx.engineerToken)
                #expect(signedIn.status == .notFound, "\(path): \(signedIn.status)")
                #expect(signedIn.body.string.contains("<html"), "\(path)")
            }
        }
    }

    @Test func aBadPathInsideTheAPIIsAProblem() async throws {
        try await withMend { m in
            for path in ["/api/v1/%ff", "/api/v1/tickets/%ff", "/api/v1/../x", "/api/v1/tickets/T-%00"] {
                let r = try await m.send(.GET, path, as: m.fx.engineerToken)
                #expect((400..<500).contains(r.status.code), "\(path): \(r.status)")
                #expect(r.headers.contentType == .problemJSON, "\(path)")
            }
            #expect(try await m.send(.GET, "/healthz").status == .ok)
        }
    }

    @Test func unusualMethodsAreRefusedWithoutHarm() async throws {
        try await withMend { m in
            for method: HTTPMethod in [.TRACE, .CONNECT, .PROPFIND, .RAW(value: "BREW"), .DELETE, .PUT] {
                for path in ["/", "/tickets", "/api/v1/tickets"] {
                    let r = try await m.send(method, path, as: m.fx.engineerToken)
                    #expect((400..<500).contains(r.status.code), "\(method) \(path): \(r.status)")
                    if ![.DELETE, .PUT].contains(method) {
                        #expect(r.status == .notFound, "\(method) \(path) names no route: \(r.status)")
                    }
                }
            }
            #expect(try await m.send(.GET, "/healthz").status == .ok)
        }
    }

    @Test func anOverlongTargetIs414() async throws {
        try await withMend { m in
            let long = String(repeating: "a", count: RequestLimits.maxTargetBytes + 1)
            for path in ["/tickets?q=\(long)", "/api/v1/tickets?q=\(long)"] {
                let r = try await m.send(.GET, path, as: m.fx.engineerToken)
                #expect(r.status == .uriTooLong)
            }
            let api = try await m.send(.GET, "/api/v1/tickets?q=\(long)", as: m.fx.engineerToken)
            #expect(api.problem?.type == "urn:mend:problem:uri-too-long")
            let fits = try await m.send(.GET, "/api/v1/tickets?q=abc", as: m.fx.engineerToken)
            #expect(fits.status == .ok)
        }
    }

    @Test func oversizedHeadersAre431() async throws {
        try await withMend { m in
            let big = String(repeating: "b", count: RequestLimits.maxHeaderBytes)
            let one = try await m.send(.GET, "/api/v1/tickets", as: m.fx.engineerToken, headers: ["X-Filler": big])
            #expect(one.status == .requestHeaderFieldsTooLarge)
            #expect(one.problem?.type == "urn:mend:problem:header-fields-too-large")
            var many = HTTPHeaders()
            for i in 0..<400 { many.add(name: "X-Filler-\(i)", value: String(repeating: "c", count: 100)) }
            let page = try await m.send(.GET, "/login", headers: many)
            #expect(page.status == .requestHeaderFieldsTooLarge)
            #expect(try await m.send(.GET, "/healthz").status == .ok)
        }
    }

    @Test func hostileHeadersAndBodiesAreRefusedWithoutHarm() async throws {
        try await withMend { m in
            let attempts: [(HTTPHeaders, String)] = [
                (["Authorization": "Bearer \u{7F}"], "{}"),
                (["Authorization": "Basic Zm9vOmJhcg=="], "{}"),
                (["Cookie": "mend_session=%ff%00; mend_session=../../x"], "{}"),
                (["Content-Type": "application/json; charset=\"utf-99\""], "{\"summary\":\"x\"}"),
                (["Content-Type": "multipart/form-data; boundary="], "--\r\n"),
                (["Content-Type": "multipart/form-data"], "--\r\n"),
                (["Content-Type": "application/x-www-form-urlencoded"], "%ff=%zz&&=&_csrf"),
                (["Content-Type": "application/json", "If-Match": "\"\u{0}\""], "{\"summary\":\"\\ud800\"}"),
                (["Content-Type": "application/json"], String(repeating: "[", count: 5_000)),
            ]
            for (headers, body) in attempts {
                for path in ["/api/v1/tickets", "/tickets", "/login", "/tickets/T-000001/notes"] {
                    var all = headers
                    if all.contentType == nil { all.contentType = .json }
                    let r = try await m.app.testing().sendRequest(.POST, path, headers: all, body: ByteBuffer(string: body))
                    // A page refuses a stranger by sending them to sign in.
                    let toSignIn = r.status == .seeOther && r.headers.first(name: .location)?.hasPrefix("/login") == true
                    #expect(
                        (400..<500).contains(r.status.code) || (toSignIn && !path.hasPrefix("/api/")),
                        "\(path) \(headers): \(r.status) \(r.body.string)")
                }
            }
            #expect(try await TicketModel.query(on: m.app.db).count() == 0)
            #expect(try await m.send(.GET, "/healthz").status == .ok)
        }
    }

    @Test func pagesCarryTheSecurityHeaders() async throws {
        try await withMend { m in
            for path in ["/login", "/%ff", "/api/v1/openapi.json", "/mend.css"] {
                let r = try await m.send(.GET, path)
                let csp = try #require(r.headers.first(name: "Content-Security-Policy"), "\(path)")
                // Script files from Mend itself only: no inline script, no eval, no other origin.
                #expect(csp.contains("script-src 'self';"))
                #expect(!csp.contains("unsafe-eval"))
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(r.headers.first(name: "X-Frame-Options") == "DENY")
                #expect(r.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(r.headers.first(name: "Referrer-Policy") == "same-origin")
            }
        }
    }
}
