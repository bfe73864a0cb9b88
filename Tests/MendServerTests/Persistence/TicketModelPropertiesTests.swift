import FluentKit
import Testing

@testable import MendServer

/// `TicketModel.properties` is written out by hand to spare FluentKit its reflection on every read and write; it
/// must be exactly what that reflection finds, the same wrappers in the same order. The writes past Fluent name the
/// models' columns by hand too.
@Suite struct TicketModelPropertiesTests {
    @Test func theListIsWhatReflectionFinds() {
        let ticket = TicketModel()
        let reflected = Mirror(reflecting: ticket).children.compactMap { $0.value as? any AnyProperty }
        let listed = ticket.properties
        #expect(listed.count == reflected.count)
        #expect(zip(listed, reflected).allSatisfy { $0 as AnyObject === $1 as AnyObject })
        #expect(TicketModel.keys.count == reflected.count)
    }

    @Test func theHandWrittenWritesNameTheModelsColumns() {
        #expect(TicketRowUpdate.columns == TicketModel.keys.map(\.description).filter { $0 != "id" })
        #expect(NoteRowsInsert.columns == NoteModel.keys.map(\.description))
    }
}
