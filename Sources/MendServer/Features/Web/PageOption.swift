/// One choice of a select box on a page.
struct PageOption: Encodable {
    var value: String
    var label: String
    var selected: Bool
}
