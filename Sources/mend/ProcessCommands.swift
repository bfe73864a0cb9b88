import ArgumentParser
import Foundation
import MendCore
import MendServer

/// `mend process validate|export|apply|schema`: the process definition as a document.
struct ProcessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process", abstract: "Validate, export and apply the process definition (docs/process.md).",
        subcommands: [Validate.self, Export.self, Apply.self, Schema.self])

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a definition file; prints every problem by its path and exits 1 when there are any.")

        @ArgumentParser.Argument(help: "The JSON file to check.") var file: String

        func run() async throws {
            let data = try ProcessFile.read(file)
            do {
                let definition = try ProcessDefinition.parse(data)
                print(
                    "\(file): valid. \(definition.statuses.count) statuses, \(definition.roles.count) roles, "
                        + "\(definition.subprocesses.count) sub-processes, "
                        + "\(definition.subprocesses.reduce(0) { $0 + $1.tasks.count }) tasks.")
            } catch {
                for problem in error.problems {
                    print("\(problem.field.isEmpty ? "(document)" : problem.field): \(problem.message)")
                }
                throw ExitCode(1)
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the definition in force as JSON.")

        @ArgumentParser.Option(help: "The file to write; standard output when omitted.") var out: String?

        func run() async throws {
            let data = try await AppFactory.withApp { app in try await ProcessAdmin.export(app: app) }
            try ProcessFile.write(data + Data("\n".utf8), to: out)
        }
    }

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply a definition file as the next version; every server picks it up on its next write or tick.")

        @ArgumentParser.Argument(help: "The JSON file to apply.") var file: String
        @ArgumentParser.Option(help: "Who applies it, for the history.") var by = "mend process apply"

        func run() async throws {
            let data = try ProcessFile.read(file)
            let version = try await AppFactory.withApp { app in try await ProcessAdmin.apply(data, by: by, app: app) }
            print("Applied \(file) as version \(version).")
        }
    }

    struct Schema: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the JSON Schema every definition follows.")

        @ArgumentParser.Option(help: "The file to write; standard output when omitted.") var out: String?

        func run() async throws { try ProcessFile.write(ProcessAdmin.schema(), to: out) }
    }
}

/// `mend blueprint --out DIR`: the service blueprint of the definition in force, drawn.
struct BlueprintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blueprint",
        abstract: "Draw the service blueprint: overview.svg, one SVG per sub-process, and index.html to print.")

    @ArgumentParser.Option(help: "The folder to write to; made when missing.") var out: String

    func run() async throws {
        let files = try await AppFactory.withApp { app in try await ProcessAdmin.blueprint(app: app) }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        for (file, text) in files {
            try ProcessFile.write(Data(text.utf8), to: (out as NSString).appendingPathComponent(file))
        }
        print("Wrote \(files.count) files to \(out): open index.html and print it to PDF, A4 landscape.")
    }
}

/// Reading and writing the files of `mend process`, with errors that name the file.
enum ProcessFile {
    static func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("Cannot read \(path).") }
        return data
    }

    static func write(_ data: Data, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(data)
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: data) else { throw CommandFailure("Cannot write \(path).") }
    }
}
