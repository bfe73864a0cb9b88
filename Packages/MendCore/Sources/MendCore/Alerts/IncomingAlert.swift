import Foundation

/// One alert from monitoring, whatever sent it, in the form the intake works with.
public struct IncomingAlert: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case firing, resolved
    }

    /// The sending system, e.g. "alertmanager".
    public var source: String
    /// Same fingerprint, same problem: repeats join the open ticket.
    public var fingerprint: String
    public var status: Status
    public var severity: String?
    /// The client company's code (as in the directory).
    public var companyCode: String
    /// A site of that company, by name.
    public var siteName: String?
    public var summary: String
    public var details: String
    public var startsAt: Instant?

    public init(
        source: String, fingerprint: String, status: Status, severity: String?, companyCode: String, siteName: String?,
        summary: String, details: String, startsAt: Instant?
    ) {
        self.source = source
        self.fingerprint = fingerprint
        self.status = status
        self.severity = severity
        self.companyCode = companyCode
        self.siteName = siteName
        self.summary = summary
        self.details = details
        self.startsAt = startsAt
    }

    /// The members of the generic form (`POST /api/v1/alerts`).
    public static let fields = [
        "source", "fingerprint", "status", "severity", "company", "site", "summary", "details", "startsAt",
    ]

    /// Parses the generic form: `{"source", "fingerprint", "status": "firing"|"resolved", "severity", "company",
    /// "site", "summary", "details", "startsAt"}`; `field` prefixes every problem's field.
    public static func parse(object: [String: Any], field prefix: String = "") throws(ValidationError) -> IncomingAlert {
        var check = FieldChecker()
        for key in object.keys.sorted() where !fields.contains(key) {
            check.add(prefix + key, "is not an alert field (" + fields.joined(separator: ", ") + ")")
        }
        func text(_ key: String, required: Bool, max: Int) -> String? {
            guard let raw = object[key], !(raw is NSNull) else {
                if required { check.add(prefix + key, "is required") }
                return nil
            }
            guard let value = raw as? String else {
                check.add(prefix + key, "must be a string")
                return nil
            }
            // Checked as sent (the API document's lengths and values); stored trimmed below.
            if required { check.required(value, prefix + key, max: max) } else { check.length(value, prefix + key, max: max) }
            return value
        }
        func trimmed(_ text: String?) -> String { (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let source = text("source", required: true, max: 60)
        let fingerprint = text("fingerprint", required: true, max: 200)
        let statusText = text("status", required: true, max: 20)
        let status = statusText.flatMap(Status.init(rawValue:))
        if statusText != nil, status == nil { check.add(prefix + "status", "must be firing or resolved") }
        let severity = text("severity", required: false, max: 40)
        let company = text("company", required: true, max: 40)
        let site = text("site", required: false, max: 200)
        let summary = text("summary", required: true, max: 200)
        let details = text("details", required: false, max: 20_000)
        var startsAt: Instant?
        if let raw = text("startsAt", required: false, max: 64) {
            startsAt = CalendarInstant.parse(raw)
            if startsAt == nil { check.add(prefix + "startsAt", "must be an ISO 8601 date-time such as 2026-11-27T09:30:00Z") }
        }
        try check.check()
        guard let status else { throw ValidationError(field: prefix + "status", "must be firing or resolved") }
        return IncomingAlert(
            source: trimmed(source), fingerprint: trimmed(fingerprint), status: status,
            severity: severity.map { trimmed($0) }.flatMap { $0.isEmpty ? nil : $0 }, companyCode: trimmed(company),
            siteName: site.map { trimmed($0) }.flatMap { $0.isEmpty ? nil : $0 }, summary: trimmed(summary),
            details: trimmed(details), startsAt: startsAt)
    }
}
