import Foundation
import Testing

@testable import MendServer

/// Stored ids read back by hand: the same UUID Foundation reads, in either case; anything else is not an id.
@Suite struct UUIDTextTests {
    @Test func idsReadBackAsFoundationReadsThem() {
        for _ in 0..<1_000 {
            let id = UUID()
            #expect(UUIDText.parse(id.uuidString) == id)
            #expect(UUIDText.parse(id.uuidString.lowercased()) == id)
        }
    }

    @Test func anythingElseIsNotAnID() {
        let id = UUID().uuidString
        for text in [
            "", "not a uuid", String(id.dropLast()), id + "0", id.replacingOccurrences(of: "-", with: "_"),
            "G" + id.dropFirst(), String(id.prefix(8)) + String(id.dropFirst(9).prefix(1)) + "-" + String(id.dropFirst(10)),
        ] {
            #expect(UUIDText.parse(text) == nil, "\(text)")
        }
    }
}
