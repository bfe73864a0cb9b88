import Foundation

/// The ticket representation written by hand (see `JSONWritable`), member for member as `Codable` names them.
extension TicketResponse: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("id", id)
            json.member("number", number)
            json.member("summary", summary)
            json.member("description", description)
            json.member("type", type)
            json.member("subtype", subtype)
            json.member("impact", impact)
            json.member("urgency", urgency)
            json.member("priority", priority)
            json.member("source", source)
            json.member("status", status)
            json.member("queueID", queueID)
            json.member("queueName", queueName)
            json.member("assigneeID", assigneeID)
            json.member("assigneeName", assigneeName)
            json.member("companyID", companyID)
            json.member("companyName", companyName)
            json.member("contactID", contactID)
            json.member("contactName", contactName)
            json.member("siteID", siteID)
            json.member("siteName", siteName)
            json.member("configurationItem", configurationItem)
            json.member("resolution", resolution)
            json.member("restoredTested", restoredTested)
            json.member("verificationAttempted", verificationAttempted)
            json.member("clientInformed", clientInformed)
            json.member("exitParty", exitParty)
            json.member("exitReference", exitReference)
            json.member("minutesLogged", minutesLogged)
            json.member("reopenCount", reopenCount)
            json.member("version", version)
            json.member("createdAt", createdAt)
            json.member("updatedAt", updatedAt)
            json.member("exitedAt", exitedAt)
            json.member("closedAt", closedAt)
            json.member("sla", sla)
            json.member("alert", alert)
            json.member("handoffMissing", handoffMissing)
        }
    }
}

extension TicketPageResponse: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("items", items)
            json.member("nextCursor", nextCursor)
        }
    }
}

extension TicketAlertResponse: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("source", source)
            json.member("fingerprint", fingerprint)
            json.member("count", count)
            json.member("lastSeenAt", lastSeenAt)
            json.member("startedAt", startedAt)
        }
    }
}
