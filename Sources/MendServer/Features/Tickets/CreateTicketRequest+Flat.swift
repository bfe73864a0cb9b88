import Foundation
import MendCore

/// A new ticket read without `JSONDecoder` when the body is flat (see `FlatDecodable`); a `tier1` member,
/// an unknown member or any value the decoder would refuse leaves it to the decoder.
extension CreateTicketRequest: FlatDecodable {
    init?(flat: FlatJSONObject) {
        summary = ""
        var hasSummary = false
        for (key, value) in flat.members {
            switch key {
            case "summary":
                guard let value else { return nil }
                summary = value
                hasSummary = true
            case "description": description = value
            case "type": type = value
            case "subtype": subtype = value
            case "configurationItem": configurationItem = value
            case "impact": guard Self.decode(value, into: &impact) else { return nil }
            case "urgency": guard Self.decode(value, into: &urgency) else { return nil }
            case "source": guard Self.decode(value, into: &source) else { return nil }
            case "companyID": guard Self.decode(value, into: &companyID) else { return nil }
            case "contactID": guard Self.decode(value, into: &contactID) else { return nil }
            case "siteID": guard Self.decode(value, into: &siteID) else { return nil }
            case "queueID": guard Self.decode(value, into: &queueID) else { return nil }
            case "assigneeID": guard Self.decode(value, into: &assigneeID) else { return nil }
            default: return nil
            }
        }
        guard hasSummary else { return nil }
    }

    private static func decode<Value: RawRepresentable<String>>(_ text: String?, into value: inout Value?) -> Bool {
        guard let text else { return true }
        value = Value(rawValue: text)
        return value != nil
    }

    private static func decode(_ text: String?, into value: inout UUID?) -> Bool {
        guard let text else { return true }
        value = UUID(uuidString: text)
        return value != nil
    }
}
