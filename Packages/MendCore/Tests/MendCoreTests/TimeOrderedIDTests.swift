import Foundation
import MendCore
import Testing

/// Time-ordered ids: version 7 layout, sorted by their instant in the text form the databases store.
@Suite struct TimeOrderedIDTests {
    @Test func idsSortByTheirInstantAsText() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let ids = (0..<200).map { TimeOrderedID.make(at: start.addingTimeInterval(Double($0) * 0.002)) }
        let texts = ids.map(\.uuidString)
        #expect(texts == texts.sorted())
        #expect(Set(texts).count == 200)
        // The first 48 bits are the milliseconds: 1,800,000,000,000 is 0x1A3185C5000.
        #expect(texts[0].hasPrefix("01A3185C-5000-7"))
    }

    @Test func theLayoutIsVersion7AndTheRFCVariant() {
        for _ in 0..<100 {
            let text = TimeOrderedID.make().uuidString
            let characters = Array(text)
            #expect(characters[14] == "7")
            #expect("89AB".contains(characters[19]))
        }
    }
}
