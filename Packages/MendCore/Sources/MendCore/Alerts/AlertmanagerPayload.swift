import Foundation

/// Prometheus Alertmanager's webhook body (version 4), as Alertmanager sends it. Members Mend does not use
/// are ignored, as Alertmanager adds some between releases; the ones it needs are checked and named.
public enum AlertmanagerPayload {
    /// The alerts of one webhook call. The client company is the `company` label (its directory code) and
    /// the site the optional `site` label; the summary is the `summary` annotation, else the alert name.
    public static func parse(object root: [String: Any]) throws(ValidationError) -> [IncomingAlert] {
        var check = FieldChecker()
        guard let alerts = root["alerts"] as? [Any] else {
            throw ValidationError(field: "alerts", root["alerts"] == nil ? "is required" : "must be a list of alerts")
        }
        var result: [IncomingAlert] = []
        for (index, raw) in alerts.enumerated() {
            let field = "alerts[\(index)]"
            guard let alert = raw as? [String: Any] else {
                check.add(field, "must be an alert object")
                continue
            }
            // Labels are strings (they all go into the ticket); of the annotations Mend reads summary and description.
            let labels = alert["labels"] as? [String: String]
            if labels == nil { check.add("\(field).labels", "is required: an object of text labels") }
            let annotations = alert["annotations"] as? [String: Any] ?? [:]
            for (key, value) in (labels ?? [:]) where (key + value).unicodeScalars.contains("\u{0}") {
                check.add("\(field).labels.\(key)", "must not contain a NUL character")
            }
            for key in ["summary", "description"] where (annotations[key] as? String)?.unicodeScalars.contains("\u{0}") == true {
                check.add("\(field).annotations.\(key)", "must not contain a NUL character")
            }
            if (alert["fingerprint"] as? String)?.unicodeScalars.contains("\u{0}") == true {
                check.add("\(field).fingerprint", "must not contain a NUL character")
            }
            let status = (alert["status"] as? String).flatMap(IncomingAlert.Status.init(rawValue:))
            if status == nil { check.add("\(field).status", "must be firing or resolved") }
            let fingerprint = (alert["fingerprint"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if fingerprint.isEmpty { check.add("\(field).fingerprint", "is required") }
            let company = (labels?["company"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if labels != nil, company.isEmpty {
                check.add("\(field).labels.company", "is required: the client company's code in Mend")
            }
            // The summary annotation, else the alert's name: the first of them that says something.
            let summary =
                [annotations["summary"] as? String, labels?["alertname"] as? String].compactMap { $0 }
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.first { !$0.isEmpty } ?? ""
            if labels != nil, summary.isEmpty {
                check.add("\(field).annotations.summary", "is required when the alert has no alertname label")
            }
            guard let labels, let status, !fingerprint.isEmpty, !company.isEmpty, !summary.isEmpty else { continue }
            let labelLines = labels.keys.sorted().map { "\($0)=\(labels[$0] ?? "")" }
            let description = (annotations["description"] as? String).map { $0 + "\n\n" } ?? ""
            result.append(
                IncomingAlert(
                    source: "alertmanager", fingerprint: String(fingerprint.prefix(200)), status: status,
                    severity: labels["severity"], companyCode: company, siteName: labels["site"],
                    summary: String(summary.prefix(200)),
                    details: String((description + "Labels: " + labelLines.joined(separator: ", ")).prefix(20_000)),
                    startsAt: (alert["startsAt"] as? String).flatMap(Self.instant)))
        }
        try check.check()
        return result
    }

    /// RFC 3339 with any number of fractional digits (Alertmanager writes nanoseconds).
    static func instant(_ text: String) -> Instant? {
        if let plain = CalendarInstant.parse(text) { return plain }
        guard let dot = text.firstIndex(of: "."),
            let zone = text[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" })
        else { return nil }
        return CalendarInstant.parse(String(text[..<dot]) + String(text[zone...]))
    }
}
