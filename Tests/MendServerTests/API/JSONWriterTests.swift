import Foundation
import MendCore
import NIOCore
import Testing

@testable import MendServer

/// The hand-written ticket JSON must say exactly what `JSONEncoder` says about the same value.
@Suite("Hand-written JSON") struct JSONWriterTests {
    private func encoded(_ value: some Encodable) throws -> NSDictionary {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return try #require(try JSONSerialization.jsonObject(with: encoder.encode(value)) as? NSDictionary)
    }

    private func written(_ value: some JSONWritable) throws -> NSDictionary {
        var json = JSONWriter(capacity: 64)
        value.write(to: &json)
        let bytes = Data(json.buffer.readableBytesView)
        return try #require(try JSONSerialization.jsonObject(with: bytes) as? NSDictionary)
    }

    private func ticket(full: Bool) -> TicketResponse {
        let text = "Quote \" backslash \\ slash / newline \n tab \t bell \u{07} nul \u{00} unicode é ✓ 🚒"
        let at = Date(timeIntervalSince1970: 1_795_885_661.875)
        let clock = SlaClockResponse(
            clock: .restoration, state: .breached, dueAt: full ? at : nil, leftSeconds: -125, percentElapsed: 104,
            targetSeconds: 28_800, basis: .always, misses: 2, atRisk: true)
        return TicketResponse(
            id: UUID(), number: "T-000042", summary: text, description: full ? text : "", type: full ? "network" : nil,
            subtype: full ? "vpn" : nil, impact: .high, urgency: .low, priority: .p2, source: .monitoringAlert,
            status: .inProgress, queueID: full ? UUID() : nil, queueName: full ? "NOC" : nil,
            assigneeID: full ? UUID() : nil, assigneeName: full ? "Ana <Eng>" : nil, companyID: UUID(),
            companyName: "Northwind & Co", contactID: full ? UUID() : nil, contactName: full ? "Pat" : nil,
            siteID: full ? UUID() : nil, siteName: full ? "HQ" : nil, configurationItem: full ? "fw-01" : nil,
            resolution: full ? text : nil, restoredTested: full, verificationAttempted: !full, clientInformed: full,
            exitParty: full ? "vendor" : nil, exitReference: full ? "CASE-9" : nil, minutesLogged: 95, reopenCount: 1,
            version: 7, createdAt: Date(timeIntervalSince1970: -86_399.5), updatedAt: at,
            exitedAt: full ? Date(timeIntervalSince1970: 4_102_444_799) : nil,
            closedAt: full ? Date(timeIntervalSince1970: 951_782_400) : nil,
            sla: full
                ? TicketSlaResponse(
                    policy: "Gold \"24x7\"", timezone: "Europe/London", clocks: [clock, clock], atRisk: true, breached: true)
                : nil,
            alert: full
                ? TicketAlertResponse(source: "alertmanager", fingerprint: "abc", count: 3, lastSeenAt: at, startedAt: at)
                : nil,
            handoffMissing: full)
    }

    @Test func aFullTicketMatchesJSONEncoder() throws {
        let value = ticket(full: true)
        let written = try written(value)
        #expect(written == (try encoded(value)))
        #expect((written["summary"] as? String) == value.summary)
        #expect((written["sla"] as? NSDictionary)?["clocks"] as? [Any] != nil)
    }

    @Test func absentMembersAreLeftOutAsJSONEncoderDoes() throws {
        let value = ticket(full: false)
        let written = try written(value)
        #expect(written == (try encoded(value)))
        #expect(written["sla"] == nil)
        #expect(written["assigneeID"] == nil)
    }

    @Test func aPageOfTicketsMatchesJSONEncoder() throws {
        let page = TicketPageResponse(items: [ticket(full: true), ticket(full: false)], nextCursor: "abc")
        #expect(try written(page) == (try encoded(page)))
        let empty = TicketPageResponse(items: [], nextCursor: nil)
        #expect(try written(empty) == (try encoded(empty)))
    }

    @Test func datesAreWhatISO8601DateFormatterWrites() {
        let formatter = ISO8601DateFormatter()
        var generator = SystemRandomNumberGenerator()
        let instants =
            [
                -12_212_553_600, -2_208_988_800.25, 755_454_813.999785, 755_454_813.9994, -1, -0.5, 0, 0.999, 951_782_400,
                4_107_542_399.9, 253_402_300_799,
            ]
            + (0..<2_000).map { _ in Double.random(in: -2_208_988_800...4_102_444_800, using: &generator) }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            var bytes: [UInt8] = []
            ISO8601Seconds.write(date, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == formatter.string(from: date), "\(seconds)")
        }
    }

    @Test func integersAndIdsAreWhatStringAndUuidStringWrite() {
        struct Sample: JSONWritable {
            var number: Int
            var id: UUID

            func write(to json: inout JSONWriter) {
                json.object { json in
                    json.member("n", number)
                    json.member("id", id)
                }
            }
        }
        var generator = SystemRandomNumberGenerator()
        let numbers =
            [0, 1, -1, 9, 10, -10, 99, 100, 1_799, -86_400, Int.max, Int.min]
            + (0..<500).map { _ in Int.random(in: Int.min...Int.max, using: &generator) }
        for number in numbers {
            let id = UUID()
            var json = JSONWriter(capacity: 64)
            Sample(number: number, id: id).write(to: &json)
            #expect(json.text == #"{"n":\#(number),"id":"\#(id.uuidString)"}"#)
        }
    }

    @Test func eventValuesAreTheTextJSONEncoderWithSortedKeysWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        let samples: [[String: String]] = [
            [:], ["status": "new"], ["status": "in_progress", "reason": "Waiting on the vendor"],
            ["assigneeID": "E0E7431A-79A5-4436-A7C7-ECCC7F56883F", "assignee": "Ana", "Zed": "z", "a_b": "1"],
            ["note": "Quote \" back \\ slash / https://x.example/a?b=c", "ctl": controls, "uni": "é ✓ 🚒 \u{7F}"],
        ]
        for values in samples {
            let expected = String(decoding: try encoder.encode(values), as: UTF8.self)
            #expect(EventRecorder.json(values) == expected)
        }
    }
}
