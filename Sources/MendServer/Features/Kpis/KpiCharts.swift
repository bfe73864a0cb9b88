import Foundation
import MendCore

/// A trend chart the server draws as SVG, so the reports page needs no script and prints as it shows. Coordinates
/// are worked out here; the template only writes them out.
struct SvgTrendChart: Encodable {
    struct Tick: Encodable {
        var y: String
        var label: String
    }

    struct XLabel: Encodable {
        var x: String
        var text: String
    }

    struct Point: Encodable {
        var x: String
        var y: String
        var title: String
    }

    struct Series: Encodable {
        var name: String
        var color: String
        /// One polyline per run of points with a value; a period without one breaks the line.
        var lines: [String]
        var points: [Point]
    }

    struct Bar: Encodable {
        var x: String
        var y: String
        var width: String
        var height: String
        var title: String
    }

    /// What a series is drawn from: a value per period, nil where the period had nothing to measure.
    struct Input {
        var name: String
        var color: String
        var values: [Double?]
    }

    var id: String
    var title: String
    var unit: String
    var xAxis: String
    /// The chart in words, for readers who cannot see it.
    var summary: String
    var ticks: [Tick]
    var labels: [XLabel]
    var series: [Series]
    var bars: [Bar]

    static let width = 640.0
    static let left = 56.0
    static let right = 624.0
    static let top = 16.0
    static let bottom = 196.0

    /// Lines for `lines`, or bars for `bars`, over the periods named by `labels`; the value axis runs from 0 to
    /// `maximum`, or to a round figure above the largest value. `format` writes a value with its unit.
    init(
        id: String, title: String, unit: String, xAxis: String, labels: [String], lines: [Input] = [],
        bars: Input? = nil, maximum: Double? = nil, format: (Double) -> String
    ) {
        self.id = id
        self.title = title
        self.unit = unit
        self.xAxis = xAxis
        let all = (lines + (bars.map { [$0] } ?? [])).flatMap { $0.values.compactMap { $0 } }
        let top = maximum ?? Self.roundUp(all.max() ?? 0)
        let slot = (Self.right - Self.left) / Double(max(1, labels.count))
        func x(_ index: Int) -> Double { Self.left + slot * (Double(index) + 0.5) }
        func y(_ value: Double) -> Double { Self.bottom - (Self.bottom - Self.top) * min(value, top) / top }
        ticks = (0...4).map { step in
            let value = top * Double(step) / 4
            return Tick(y: Self.text(y(value)), label: format(value))
        }
        self.labels = labels.enumerated().map { XLabel(x: Self.text(x($0.offset)), text: $0.element) }
        series = lines.map { input in
            var runs: [[String]] = [[]]
            var points: [Point] = []
            for (index, value) in input.values.enumerated() {
                guard let value else {
                    runs.append([])
                    continue
                }
                runs[runs.count - 1].append(Self.text(x(index)) + "," + Self.text(y(value)))
                points.append(
                    Point(
                        x: Self.text(x(index)), y: Self.text(y(value)),
                        title: "\(input.name), \(labels[index]): \(format(value))"))
            }
            return Series(
                name: input.name, color: input.color, lines: runs.filter { $0.count > 1 }.map { $0.joined(separator: " ") },
                points: points)
        }
        self.bars =
            bars.map { input in
                input.values.enumerated().compactMap { index, value -> Bar? in
                    guard let value, value > 0 else { return nil }
                    return Bar(
                        x: Self.text(x(index) - slot * 0.35), y: Self.text(y(value)), width: Self.text(slot * 0.7),
                        height: Self.text(Self.bottom - y(value)), title: "\(labels[index]): \(format(value))")
                }
            } ?? []
        summary =
            title + ". "
            + (lines + (bars.map { [$0] } ?? [])).map { input in
                input.name + ": "
                    + zip(labels, input.values).map { "\($0) \($1.map(format) ?? "none")" }.joined(separator: ", ")
            }.joined(separator: ". ")
    }

    /// The smallest of 1, 2, 2.5 or 5 times a power of ten, times four, that is at least `value`: four even steps.
    static func roundUp(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let step = value / 4
        let power = pow(10, floor(log10(step)))
        let factor = [1, 2, 2.5, 5, 10].first { $0 * power >= step } ?? 10
        return factor * power * 4
    }

    static func text(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// Where the time went as stacked bars (one per priority, or per clock): each status's share of the business time
/// of the measures that ended in the period, with the tickets, the mean and the paused share beside each bar.
struct SvgStatusBars: Encodable {
    /// One bar's figures.
    struct Input {
        var label: String
        var tickets: Int
        var totalSeconds: Int
        var pausedSeconds: Int
        var seconds: [TicketStatus: Int]
    }

    /// A status drawn in some bar, with its colour, for the key above the charts.
    struct Legend: Encodable {
        var name: String
        var color: String
    }

    struct Segment: Encodable {
        var x: String
        var width: String
        var color: String
        var title: String
    }

    struct Row: Encodable {
        var y: String
        var textY: String
        var label: String
        var caption: String
        var segments: [Segment]
    }

    var id: String
    var title: String
    var summary: String
    var height: String
    var rows: [Row]

    static let left = 40.0
    static let right = 560.0

    /// `labelWidth` is the room left of the bars for the row labels: a priority needs little, a clock's name more.
    init(
        id: String, title: String, rows input: [Input], labelWidth: Double = left
    ) {
        self.id = id
        self.title = title
        var summaries: [String] = []
        rows = input.enumerated().map { index, row in
            let total = max(1, row.seconds.values.reduce(0, +))
            var x = labelWidth
            var segments: [Segment] = []
            var shares: [String] = []
            for status in TicketStatus.module {
                guard let seconds = row.seconds[status], seconds > 0 else { continue }
                let width = (Self.right - labelWidth) * Double(seconds) / Double(total)
                let share = "\(status.title) \(KpiText.percent(Double(seconds) / Double(total)))"
                shares.append(share)
                segments.append(
                    Segment(
                        x: SvgTrendChart.text(x), width: SvgTrendChart.text(width), color: KpiColors.status(status),
                        title:
                            "\(row.label), \(status.title): \(KpiText.percent(Double(seconds) / Double(total))) (\(KpiText.duration(seconds)))"
                    ))
                x += width
            }
            summaries.append(row.label + ": " + shares.joined(separator: ", "))
            let y = 6.0 + Double(index) * 34
            return Row(
                y: SvgTrendChart.text(y), textY: SvgTrendChart.text(y + 17), label: row.label,
                caption:
                    "\(row.tickets) tickets · \(KpiText.duration(row.totalSeconds / max(1, row.tickets))) mean · paused \(KpiText.percent(Double(row.pausedSeconds) / Double(max(1, row.totalSeconds))))",
                segments: segments)
        }
        height = SvgTrendChart.text(12 + Double(input.count) * 34)
        summary = title + ". " + summaries.joined(separator: ". ")
    }

    /// The key of the statuses with time in any of `seconds`, in the order of the statuses.
    static func legend(_ seconds: [[TicketStatus: Int]]) -> [Legend] {
        let shown = Set(seconds.flatMap { $0.filter { $0.value > 0 }.keys })
        return TicketStatus.module.filter(shown.contains).map { Legend(name: $0.title, color: KpiColors.status($0)) }
    }
}

/// The colours of charts: distinct enough side by side, and the same status always in the same colour.
enum KpiColors {
    static let series = ["#1d4ed8", "#b45309", "#047857", "#7c3aed"]

    static func status(_ status: TicketStatus) -> String {
        switch status {
        case .new: "#9ca3af"
        case .assigned: "#60a5fa"
        case .inProgress: "#1d4ed8"
        case .withSME: "#7c3aed"
        case .onsiteScheduled: "#0891b2"
        case .waitingOnParts: "#b45309"
        case .waitingOnVendor: "#dc2626"
        case .waitingOnClient: "#f59e0b"
        case .waitingOnThirdParty: "#be185d"
        case .restored: "#10b981"
        case .resolved: "#047857"
        case .closed: "#374151"
        case .escalatedOut: "#6b7280"
        case .handedOff: "#a3a3a3"
        default: Self.status(status.reportsAs)
        }
    }
}
