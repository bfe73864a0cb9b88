import Foundation
import MendCore
import Vapor

/// Operator actions on the process definition for the CLI: export, apply, and the published schema.
public enum ProcessAdmin {
    /// The definition in force, as its JSON document.
    public static func export(app: Application) async throws -> Data {
        try await ProcessStore(db: app.db, services: app.mend).newest().json()
    }

    /// Applies a document as the next version, whatever version is in force; returns the version applied.
    public static func apply(_ data: Data, by name: String, app: Application) async throws -> Int {
        do {
            let definition = try ProcessDefinition.parse(data)
            return try await ProcessStore(db: app.db, services: app.mend).apply(definition, expecting: nil, by: name).version
        } catch {
            throw CLIError(ProblemMapping.problem(for: error))
        }
    }

    /// The service blueprint of the definition in force: the overview and each sub-process as SVG, and an
    /// `index.html` that prints them one to an A4 landscape sheet. Returns the files' names and texts.
    public static func blueprint(app: Application) async throws -> [(file: String, text: String)] {
        let definition = try await ProcessStore(db: app.db, services: app.mend).newest()
        let drawings = BlueprintFiles.all(definition)
        return drawings.map { ($0.file, $0.svg) } + [("index.html", BlueprintFiles.index(definition, drawings: drawings))]
    }

    /// The JSON Schema every definition follows (docs/process.schema.json).
    public static func schema() -> Data {
        var schema = OpenAPISchemas.processDefinition
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = "https://mend.invalid/schemas/\(ProcessDefinition.schemaName).json"
        schema["title"] = "Mend process definition"
        let data = try? JSONSerialization.data(
            withJSONObject: schema, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return (data ?? Data()) + Data("\n".utf8)
    }
}
