import Foundation
import Logging
import NIOConcurrencyHelpers

/// One JSON object per log line on standard output (LOG_FORMAT=json), for a log collector: `time`, `level`, `label`,
/// `message`, `source`, then the metadata (a request's `request-id` among them) as members of their own.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String

    public init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = Self.line(
            time: Date(), level: event.level, label: label, message: "\(event.message)", source: event.source,
            metadata: metadata.merging(event.metadata ?? [:]) { _, new in new })
        line.append(UInt8(ascii: "\n"))
        Self.output.withLock { FileHandle.standardOutput.write(Data(line)) }
    }

    /// The bytes of one line, without its newline. Metadata never hides the fixed members.
    static func line(
        time: Date, level: Logger.Level, label: String, message: String, source: String, metadata: Logger.Metadata
    ) -> [UInt8] {
        var json = JSONWriter(capacity: 256)
        json.object { json in
            json.member(named: "time", timeText(time))
            json.member(named: "level", level.rawValue)
            json.member(named: "label", label)
            json.member(named: "message", message)
            json.member(named: "source", source)
            for (key, value) in metadata.sorted(by: { $0.key < $1.key })
            where !["time", "level", "label", "message", "source"].contains(key) {
                json.member(named: key, "\(value)")
            }
        }
        return json.bytes
    }

    /// `2026-12-07T18:30:00.123Z`: log lines want the milliseconds.
    private static func timeText(_ date: Date) -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
    }

    /// Lines from several threads never interleave.
    private static let output = NIOLock()
}
