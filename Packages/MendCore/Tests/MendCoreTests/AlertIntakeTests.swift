import Foundation
import MendCore
import Testing

@Suite struct AlertIntakeTests {
    func alertmanager(_ alerts: String) throws(ValidationError) -> [IncomingAlert] {
        let object = try! JSONSerialization.jsonObject(
            with: Data(#"{"version":"4","status":"firing","receiver":"mend","alerts":\#(alerts)}"#.utf8))
        return try AlertmanagerPayload.parse(object: object as! [String: Any])
    }

    @Test func alertmanagerAlertsBecomeIncomingAlerts() throws {
        let alerts = try alertmanager(
            #"[{"status":"firing","labels":{"alertname":"HostDown","severity":"critical","company":"ACME","site":"HQ","instance":"fw1"},"annotations":{"summary":"Firewall fw1 down","description":"No ping for 5 minutes"},"startsAt":"2026-11-27T16:40:31.123456789Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom/graph","fingerprint":"a1b2"}]"#
        )
        #expect(alerts.count == 1)
        let alert = alerts[0]
        #expect(alert.fingerprint == "a1b2" && alert.companyCode == "ACME" && alert.siteName == "HQ")
        #expect(alert.summary == "Firewall fw1 down" && alert.severity == "critical" && alert.status == .firing)
        #expect(alert.details.contains("No ping") && alert.details.contains("instance=fw1"))
        #expect(abs(alert.startsAt!.timeIntervalSince1970 - 1_795_797_631.123) < 0.001)
    }

    @Test func aPayloadMissingWhatMendNeedsNamesEachField() {
        do {
            _ = try alertmanager(
                #"[{"status":"firing","labels":{"severity":"critical"},"annotations":{},"fingerprint":"x"},{"status":"sleeping","labels":{"company":"ACME","alertname":"A"}}]"#
            )
            Issue.record("accepted")
        } catch {
            #expect(
                Set(error.problems.map(\.field)) == [
                    "alerts[0].labels.company", "alerts[0].annotations.summary", "alerts[1].status", "alerts[1].fingerprint",
                ])
        }
        #expect(throws: ValidationError.self) { try AlertmanagerPayload.parse(object: ["status": "firing"]) }
    }

    @Test func theGenericFormIsCheckedStrictly() throws {
        let good = try IncomingAlert.parse(object: [
            "source": "zabbix", "fingerprint": "host-7/cpu", "status": "firing", "severity": "major", "company": "ACME",
            "summary": "CPU at 100%",
        ])
        #expect(good.source == "zabbix" && good.siteName == nil)
        do {
            _ = try IncomingAlert.parse(object: ["source": "x", "status": "burning", "colour": "red", "summary": 5])
            Issue.record("accepted")
        } catch {
            #expect(Set(error.problems.map(\.field)) == ["colour", "fingerprint", "status", "company", "summary"])
        }
    }

    @Test func severityDecidesImpactAndUrgencyAndRepeatsJoinTheOpenTicket() {
        func alert(_ status: IncomingAlert.Status, _ severity: String?) -> IncomingAlert {
            IncomingAlert(
                source: "t", fingerprint: "f", status: status, severity: severity, companyCode: "A", siteName: nil, summary: "s",
                details: "", startsAt: nil)
        }
        let table = AlertSeverityTable.standard
        #expect(AlertIntake.decide(alert(.firing, "CRITICAL"), hasOpenTicket: false, table: table) == .open(.high, .high))
        #expect(AlertIntake.decide(alert(.firing, "weird"), hasOpenTicket: false, table: table) == .open(.medium, .medium))
        #expect(AlertIntake.decide(alert(.firing, "critical"), hasOpenTicket: true, table: table) == .repeatOnOpenTicket)
        #expect(AlertIntake.decide(alert(.resolved, nil), hasOpenTicket: true, table: table) == .resolve(restore: false))
        var restoring = table
        restoring.resolvedAction = .restore
        #expect(AlertIntake.decide(alert(.resolved, nil), hasOpenTicket: true, table: restoring) == .resolve(restore: true))
        #expect(AlertIntake.decide(alert(.resolved, nil), hasOpenTicket: false, table: table) == .ignore)
    }

    @Test func theSeverityTableRoundTripsAndNamesBadRows() throws {
        let parsed = try AlertSeverityTable.parse(object: AlertSeverityTable.standard.jsonObject)
        #expect(parsed == .standard)
        do {
            _ = try AlertSeverityTable.parse(object: [
                "severities": ["critical": ["impact": "huge", "urgency": "high"]], "resolved_action": "close",
            ])
            Issue.record("accepted")
        } catch {
            #expect(Set(error.problems.map(\.field)) == ["severities.critical.impact", "fallback", "resolved_action"])
        }
    }
}
