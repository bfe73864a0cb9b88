import Foundation

extension MendConfig {
    /// Reads MEND_SMTP_* into `smtp`, adding every bad value to `problems`; no MEND_SMTP_HOST leaves mail unsent.
    static func smtp(from env: [String: String], mspName: String, problems: inout [String]) -> SMTPSettings? {
        guard let host = env["MEND_SMTP_HOST"]?.trimmingCharacters(in: .whitespaces), !host.isEmpty else { return nil }
        var security = SMTPSettings.Security.none
        if let text = env["MEND_SMTP_SECURITY"] {
            if let value = SMTPSettings.Security(rawValue: text.lowercased()) {
                security = value
            } else {
                problems.append("MEND_SMTP_SECURITY: must be none, starttls or tls")
            }
        }
        var port = security == .tls ? 465 : (security == .starttls ? 587 : 25)
        if let text = env["MEND_SMTP_PORT"] {
            if let value = Int(text), (1...65_535).contains(value) {
                port = value
            } else {
                problems.append("MEND_SMTP_PORT: must be a port number from 1 to 65535")
            }
        }
        var verify = true
        if let text = env["MEND_SMTP_VERIFY_CERTIFICATE"] {
            switch text.lowercased() {
            case "1", "true", "yes": verify = true
            case "0", "false", "no": verify = false
            default: problems.append("MEND_SMTP_VERIFY_CERTIFICATE: must be true or false")
            }
        }
        let username = env["MEND_SMTP_USERNAME"].flatMap { $0.isEmpty ? nil : $0 }
        let password = env["MEND_SMTP_PASSWORD"]
        if username != nil && password == nil { problems.append("MEND_SMTP_PASSWORD: is required with MEND_SMTP_USERNAME") }
        let from = env["MEND_SMTP_FROM"] ?? ""
        let parts = from.split(separator: "@")
        if parts.count != 2 || parts.contains(where: \.isEmpty) || from.contains(" ") {
            problems.append("MEND_SMTP_FROM: must be the address mail comes from, such as servicedesk@msp.example")
        }
        let domain = parts.count == 2 ? String(parts[1]) : "mend.localhost"
        return SMTPSettings(
            host: host, port: port, security: security, verifyCertificate: verify, username: username, password: password,
            from: from, fromName: env["MEND_SMTP_FROM_NAME"] ?? mspName, heloName: env["MEND_SMTP_HELO"] ?? domain)
    }
}
