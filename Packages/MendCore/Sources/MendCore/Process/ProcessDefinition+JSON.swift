import Foundation

/// The definition as the JSON document an MSP edits, exports and applies.
extension ProcessDefinition {
    /// Reads and validates a document: a key the schema does not know, a missing field or a broken rule is
    /// refused with every problem listed by its path.
    public static func parse(_ data: Data) throws(ValidationError) -> ProcessDefinition {
        guard let tree = try? JSONSerialization.jsonObject(with: data) else {
            throw ValidationError(field: "", "is not a JSON document")
        }
        // Unknown keys are listed with the other problems, so one pass shows everything to fix.
        let unknown = DocumentKeys.unknown(in: tree)
        let definition: ProcessDefinition
        do {
            definition = try JSONDecoder().decode(ProcessDefinition.self, from: data)
        } catch let error as DecodingError {
            throw ValidationError(unknown + [DocumentKeys.problem(error)])
        } catch {
            throw ValidationError(unknown + [FieldProblem(field: "", message: "is not a process definition")])
        }
        let problems = unknown + ProcessValidator.problems(in: definition)
        if !problems.isEmpty { throw ValidationError(problems) }
        return definition
    }

    /// The members a document's top level may hold.
    public static var memberNames: Set<String> { DocumentKeys.top }

    /// The document, with its keys in a stable order so that exports compare line by line.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }
}

/// The keys each object of the document may hold, so that a misspelt optional field is refused, not dropped.
enum DocumentKeys {
    static let top: Set<String> = [
        "schema", "version", "module", "name", "organisation", "roles", "systems", "documents", "kpis", "statuses",
        "moves", "subprocesses", "entry", "exit", "retired", "logo",
    ]
    static let lists: [String: Set<String>] = [
        "roles": ["key", "name", "permissions", "client", "onsite"],
        "systems": ["key", "name"],
        "documents": ["key", "name"],
        "kpis": ["key", "name", "measure"],
        "statuses": ["key", "name", "client_name", "client_text", "kind", "outcome", "pauses", "reports_as"],
        "moves": ["from", "to", "kind", "gates"],
        "subprocesses": ["id", "name", "purpose", "statuses", "tasks", "checklists"],
        "entry": ["key", "text", "gates"],
        "exit": ["key", "text", "gates"],
        "retired": ["key", "name", "reports_as", "pauses", "becomes"],
    ]
    static let task: Set<String> = ["id", "name", "lane", "role", "system", "document", "kpis", "decision", "event"]
    static let checklist: Set<String> = ["name", "items"]

    /// Every key of `tree` the schema does not name, by path.
    static func unknown(in tree: Any) -> [FieldProblem] {
        guard let top = tree as? [String: Any] else { return [FieldProblem(field: "", message: "must be a JSON object")] }
        var problems = extra(top, allowed: Self.top, path: "")
        for (list, allowed) in lists.sorted(by: { $0.key < $1.key }) {
            for (index, item) in (top[list] as? [Any] ?? []).enumerated() {
                guard let object = item as? [String: Any] else { continue }
                problems += extra(object, allowed: allowed, path: "\(list)[\(index)]")
                if list == "subprocesses" {
                    for (t, task) in (object["tasks"] as? [Any] ?? []).enumerated() {
                        if let task = task as? [String: Any] {
                            problems += extra(task, allowed: Self.task, path: "subprocesses[\(index)].tasks[\(t)]")
                        }
                    }
                    for (c, list) in (object["checklists"] as? [Any] ?? []).enumerated() {
                        if let list = list as? [String: Any] {
                            problems += extra(list, allowed: checklist, path: "subprocesses[\(index)].checklists[\(c)]")
                        }
                    }
                }
                if list == "moves" {
                    for (g, gate) in (object["gates"] as? [Any] ?? []).enumerated() {
                        if let gate = gate as? [String: Any] {
                            problems += extra(gate, allowed: ["any_of"], path: "moves[\(index)].gates[\(g)]")
                        }
                    }
                }
            }
        }
        return problems
    }

    /// Members the schema does not name, and members sent as null: an optional member is left out, never null.
    private static func extra(_ object: [String: Any], allowed: Set<String>, path: String) -> [FieldProblem] {
        object.keys.sorted().compactMap { key in
            let field = path.isEmpty ? key : "\(path).\(key)"
            if !allowed.contains(key) { return FieldProblem(field: field, message: "is not a field of the process schema") }
            if object[key] is NSNull { return FieldProblem(field: field, message: "must not be null: leave it out") }
            return nil
        }
    }

    /// A decoding failure as the path and rule it broke.
    static func problem(_ error: DecodingError) -> FieldProblem {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce("") { text, key in
                if let index = key.intValue { return "\(text)[\(index)]" }
                return text.isEmpty ? key.stringValue : "\(text).\(key.stringValue)"
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            return FieldProblem(field: path(context.codingPath + [key]), message: "is required")
        case .typeMismatch(let type, let context):
            return FieldProblem(field: path(context.codingPath), message: "must be \(describe(type))")
        case .valueNotFound(let type, let context):
            return FieldProblem(field: path(context.codingPath), message: "must be \(describe(type)), not null")
        case .dataCorrupted(let context):
            return FieldProblem(field: path(context.codingPath), message: "is not one of the allowed values")
        @unknown default:
            return FieldProblem(field: "", message: "is not a process definition")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list"
        default: "an object"
        }
    }
}
