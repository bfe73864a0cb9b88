import ArgumentParser
import Foundation
import MendCore

/// `mend calendar`: business-time arithmetic for operators and scripts, without a server or database.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Business-calendar arithmetic (instants are ISO 8601 UTC with Z, durations whole seconds).",
        discussion: "Calendar files use the JSON form described in docs/calendars.md.",
        subcommands: [Add.self, Between.self, NextOpen.self, Batch.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The instant by which N business seconds have elapsed.")
        @ArgumentParser.Option(help: "Calendar JSON file.") var calendar: String
        @ArgumentParser.Option(help: "Start instant (ISO 8601).") var from: String
        @ArgumentParser.Option(help: "Business seconds to add.") var seconds: Int

        func run() throws {
            guard seconds >= 0 else { throw ArgumentParser.ValidationError("--seconds must be zero or more") }
            let cal = try CalendarFile.load(calendar)
            print(CalendarInstant.format(try cal.add(try CalendarFile.instant(from, "--from"), seconds: seconds)))
        }
    }

    struct Between: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Business seconds in [from, to).")
        @ArgumentParser.Option(help: "Calendar JSON file.") var calendar: String
        @ArgumentParser.Option(help: "Start instant (ISO 8601).") var from: String
        @ArgumentParser.Option(help: "End instant (ISO 8601), not before --from.") var to: String

        func run() throws {
            let cal = try CalendarFile.load(calendar)
            let start = try CalendarFile.instant(from, "--from")
            let end = try CalendarFile.instant(to, "--to")
            guard end >= start else { throw ArgumentParser.ValidationError("--to must not be before --from") }
            print(try cal.between(start, end))
        }
    }

    struct NextOpen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "next-open", abstract: "The instant itself when open, else the next opening.")
        @ArgumentParser.Option(help: "Calendar JSON file.") var calendar: String
        @ArgumentParser.Option(help: "Instant (ISO 8601).") var at: String

        func run() throws {
            let cal = try CalendarFile.load(calendar)
            print(CalendarInstant.format(cal.nextOpen(try CalendarFile.instant(at, "--at"))))
        }
    }

    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "JSON Lines on stdin, one answer line each: {\"result\": ...} or {\"error\": ...}.")

        func run() throws {
            var batch = CalendarBatch()
            while let line = readLine(strippingNewline: true) {
                if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                print(batch.answer(line))
            }
        }
    }
}

/// Reading calendar files and instants for the calendar commands, with errors that name the problem.
enum CalendarFile {
    static func load(_ path: String) throws -> BusinessCalendar {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ArgumentParser.ValidationError("cannot read calendar file \(path)")
        }
        do {
            return try BusinessCalendar.parse(json: data)
        } catch {
            throw ArgumentParser.ValidationError(
                "calendar \(path): " + error.problems.map { "\($0.field) \($0.message)" }.joined(separator: "; "))
        }
    }

    static func instant(_ text: String, _ option: String) throws -> Date {
        guard let date = CalendarInstant.parse(text) else {
            throw ArgumentParser.ValidationError("\(option) must be an ISO 8601 instant such as 2026-11-30T13:00:00Z")
        }
        return date
    }
}
