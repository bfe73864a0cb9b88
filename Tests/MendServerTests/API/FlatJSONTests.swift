import Foundation
import Testing

@testable import MendServer

/// The flat-body fast path must read exactly what `JSONDecoder` reads, and leave everything else to it.
@Suite("Flat request bodies") struct FlatJSONTests {
    private let company = "E0E7431A-79A5-4436-A7C7-ECCC7F56883F"

    private func fields(_ r: CreateTicketRequest) -> [String] {
        [
            r.summary, "\(r.description as Any)", "\(r.type as Any)", "\(r.subtype as Any)", "\(r.impact as Any)",
            "\(r.urgency as Any)", "\(r.source as Any)", "\(r.companyID as Any)", "\(r.contactID as Any)",
            "\(r.siteID as Any)", "\(r.queueID as Any)", "\(r.assigneeID as Any)", "\(r.configurationItem as Any)",
            "\(r.tier1 != nil)",
        ]
    }

    private func fast(_ body: String) -> CreateTicketRequest? {
        FlatJSONObject.parse(Data(body.utf8)).flatMap(CreateTicketRequest.init(flat:))
    }

    @Test func flatBodiesReadAsJSONDecoderReadsThem() throws {
        let bodies = [
            #"{"summary":"VPN down","companyID":"\#(company)","impact":"high","urgency":"low","source":"monitoring_alert"}"#,
            " \n\t{ \"summary\" : \"Spaced\" ,\r\n \"description\" : null , \"type\":\"\" }  \n",
            #"{"summary":"Quote \" slash \/ back \\ nl \n tab \t cr \r bs \b ff \f","description":"é ✓ 🚒 <script>"}"#,
            #"{"summary":"All","description":"d","type":"t","subtype":"s","impact":"low","urgency":"medium","source":"phone","companyID":"\#(company)","contactID":"\#(UUID())","siteID":"\#(UUID())","queueID":"\#(UUID())","assigneeID":"\#(UUID())","configurationItem":"fw-01"}"#,
            #"{"summary":"lowercase id","companyID":"\#(company.lowercased())","assigneeID":null}"#,
        ]
        for body in bodies {
            let expected = try JSONDecoder().decode(CreateTicketRequest.self, from: Data(body.utf8))
            let read = try #require(fast(body), "fast path refused \(body)")
            #expect(fields(read) == fields(expected), "\(body)")
            let strict = try StrictJSON.decode(CreateTicketRequest.self, data: Data(body.utf8))
            #expect(fields(strict.body) == fields(expected))
            #expect(strict.present == Set(try #require(FlatJSONObject.parse(Data(body.utf8))).keys))
        }
        #expect(try StrictJSON.decode(CreateTicketRequest.self, data: Data(bodies[1].utf8)).has("description"))
    }

    @Test func everythingElseIsLeftToTheDecoder() throws {
        let leftAlone = [
            #"{"summary":"x","bogus":"y"}"#,  // unknown member
            #"{"summary":"x","tier1":{"reference":"T1-9"}}"#,  // nested
            #"{"summary":"x","impact":"huge"}"#,  // not a case
            #"{"summary":"x","companyID":"not-a-uuid"}"#,
            #"{"summary":null}"#,
            #"{"description":"no summary"}"#,
            #"{"summary":"caf\u00e9"}"#,  // \u escape
            #"{"summary":"x","impact":1}"#,
            #"{"summary":"x","summary":"y"}"#,
            #"{"summary":"x",}"#,
            #"{"summary":"x"} trailing"#,
            #"["summary"]"#,
            "{\"summary\":\"raw\ttab\"}",
            "\u{FEFF}{\"summary\":\"bom\"}",
        ]
        for body in leftAlone {
            #expect(fast(body) == nil, "\(body)")
        }
        // Where the decoder accepts one of them, the strict path still returns what it decoded.
        let escaped = try StrictJSON.decode(CreateTicketRequest.self, data: Data(#"{"summary":"caf\u00e9"}"#.utf8))
        #expect(escaped.body.summary == "café")
        let nested = try StrictJSON.decode(
            CreateTicketRequest.self, data: Data(#"{"summary":"x","tier1":{"reference":"T1-9"}}"#.utf8))
        #expect(nested.body.tier1?.reference == "T1-9")
        #expect(throws: Problem.self) {
            try StrictJSON.decode(CreateTicketRequest.self, data: Data(#"{"summary":"x","bogus":"y"}"#.utf8))
        }
        #expect(FlatJSONObject.parse(Data([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D])) == nil)  // bad UTF-8
    }
}

/// An event's stored fields read by the flat reader must be what `JSONDecoder` reads, whatever the text.
@Suite("Event fields") struct EventFieldsTests {
    @Test func fieldsReadAsJSONDecoderReadsThem() {
        let texts = [
            #"{"status":"resolved"}"#, #"{"assignee":"\#(UUID())","priority":"p2"}"#, "{}", " { } ",
            #"{"note":"Quote \" slash \/ back \\ nl \n"}"#, #"{"summary":"caf\u00e9"}"#, #"{"eta":null}"#,
            #"{"count":3}"#, #"{"nested":{"a":"b"}}"#, #"{"a":"x","a":"y"}"#, "not json", "[]", #"{"a":"b"} x"#,
            "{\"raw\":\"tab\there\"}", #"{"emoji":"🚒 ✓"}"#,
        ]
        for text in texts {
            let expected = (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
            #expect(TicketHistoryLoader.fields(text) == expected, "\(text)")
        }
        #expect(TicketHistoryLoader.fields(nil) == [:])
    }
}
