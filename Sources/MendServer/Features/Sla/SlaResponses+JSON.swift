import Foundation

/// A ticket's SLA as part of the hand-written ticket representation (see `JSONWritable`).
extension TicketSlaResponse: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("policy", policy)
            json.member("timezone", timezone)
            json.member("clocks", clocks)
            json.member("atRisk", atRisk)
            json.member("breached", breached)
        }
    }
}

extension SlaClockResponse: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("clock", clock)
            json.member("state", state)
            json.member("dueAt", dueAt)
            json.member("leftSeconds", leftSeconds)
            json.member("percentElapsed", percentElapsed)
            json.member("targetSeconds", targetSeconds)
            json.member("basis", basis)
            json.member("misses", misses)
            json.member("atRisk", atRisk)
        }
    }
}
