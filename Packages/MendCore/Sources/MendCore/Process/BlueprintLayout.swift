/// A service blueprint laid out from the process definition: boxes in swimlanes, connectors, the three lines of a
/// blueprint and what each task uses. Positions are computed here, never stored in the definition, so a renamed or
/// added task redraws itself; the server draws the result as SVG.
public struct BlueprintMap: Sendable, Equatable {
    /// A swimlane: its title and the band it spans.
    public struct Lane: Sendable, Equatable {
        public var title: String
        public var top: Int
        public var height: Int
    }

    /// One of the lines between lanes: interaction, visibility, internal interaction.
    public struct Line: Sendable, Equatable {
        public var title: String
        public var y: Int
    }

    /// What a box stands for, which decides its shape.
    public enum Shape: String, Sendable, Equatable {
        case task, decision, document, system, entry, subprocess, exit
    }

    public struct Box: Sendable, Equatable {
        public var id: String
        public var shape: Shape
        public var x: Int
        public var y: Int
        public var width: Int
        public var height: Int
        /// The text, already broken into lines that fit.
        public var lines: [String]
        /// A lane's class for colour (client, onstage, backstage, support), or empty.
        public var tone: String
        /// For a task: the role that does it, drawn small at the top of its box.
        public var caption: String? = nil
    }

    /// A path of points with an arrow at its end, and an optional label near its start.
    public struct Connector: Sendable, Equatable {
        public var points: [(x: Int, y: Int)]
        public var label: String
        public var dashed: Bool

        public static func == (a: Connector, b: Connector) -> Bool {
            a.label == b.label && a.dashed == b.dashed && a.points.elementsEqual(b.points) { $0 == $1 }
        }
    }

    public var title: String
    public var subtitle: String
    public var width: Int
    public var height: Int
    public var lanes: [Lane]
    public var lines: [Line]
    public var boxes: [Box]
    public var connectors: [Connector]
    /// The MSP's logo (a data: address), drawn at the top right.
    public var logo: String? = nil
}

/// Lays out the blueprint of a sub-process and the overview of the whole module.
public enum BlueprintLayout {
    static let margin = 24
    static let laneTitleWidth = 130
    static let header = 70
    static let column = 176
    static let boxWidth = 136
    static let boxHeight = 80
    static let laneHeight = 176
    static let systemsHeight = 56
    /// Characters per line of a box's text at the drawing's font size.
    public static let wrapAt = 21

    static let lanes: [(ProcessLane, String)] = [
        (.client, "Client actions"), (.onstage, "Onstage"), (.backstage, "Backstage"), (.support, "Support processes"),
    ]

    /// The blueprint of `sub` under `definition`: tasks left to right in their order, each in its lane.
    public static func map(of sub: Subprocess, in definition: ProcessDefinition) -> BlueprintMap {
        let names = ProcessNames(definition)
        var lanes: [BlueprintMap.Lane] = []
        var top = header
        for (_, title) in Self.lanes {
            lanes.append(BlueprintMap.Lane(title: title, top: top, height: laneHeight))
            top += laneHeight
        }
        lanes.append(BlueprintMap.Lane(title: "Systems", top: top, height: systemsHeight))
        let lines = [
            BlueprintMap.Line(title: "Line of interaction", y: lanes[1].top),
            BlueprintMap.Line(title: "Line of visibility", y: lanes[2].top),
            BlueprintMap.Line(title: "Line of internal interaction", y: lanes[3].top),
        ]
        var boxes: [BlueprintMap.Box] = []
        var connectors: [BlueprintMap.Connector] = []
        var previous: BlueprintMap.Box?
        var previousDecision = false
        for (index, task) in sub.tasks.enumerated() {
            let laneIndex = Self.lanes.firstIndex { $0.0 == task.lane } ?? 2
            let x = margin + laneTitleWidth + index * column + (column - boxWidth) / 2
            // Room above the box for the question a decision asks, below it for the document.
            let y = lanes[laneIndex].top + 40
            let box = BlueprintMap.Box(
                id: task.id, shape: .task, x: x, y: y, width: boxWidth, height: boxHeight,
                lines: wrap("\(task.name)", lines: 4), tone: task.lane.rawValue,
                caption: wrap(names.role(task.role), lines: 1, at: 26).first)
            boxes.append(box)
            if let document = task.document {
                boxes.append(
                    BlueprintMap.Box(
                        id: "\(task.id).document", shape: .document, x: x + 10, y: y + boxHeight + 14, width: boxWidth - 20,
                        height: 40, lines: wrap(names.document(document), lines: 2), tone: ""))
            }
            if let system = task.system {
                boxes.append(
                    BlueprintMap.Box(
                        id: "\(task.id).system", shape: .system, x: x, y: lanes[4].top + 10, width: boxWidth,
                        height: systemsHeight - 20, lines: wrap(names.system(system), lines: 2), tone: ""))
            }
            if let from = previous {
                connectors.append(connect(from, to: box, label: previousDecision ? "yes" : ""))
            }
            if let question = task.decision {
                let diamond = BlueprintMap.Box(
                    id: "\(task.id).decision", shape: .decision, x: x + boxWidth + 2, y: y + boxHeight / 2 - 14,
                    width: column - boxWidth - 4, height: 28, lines: [], tone: "")
                boxes.append(diamond)
                boxes.append(
                    BlueprintMap.Box(
                        id: "\(task.id).question", shape: .task, x: x, y: y - 22, width: column - 8, height: 0,
                        lines: wrap("? " + question, lines: 2, at: 30), tone: "question"))
                // "No" goes back to the task: the loop a person runs until the answer is yes.
                connectors.append(
                    BlueprintMap.Connector(
                        points: [
                            (diamond.x + diamond.width / 2, diamond.y + diamond.height),
                            (diamond.x + diamond.width / 2, y + boxHeight + 8), (x + boxWidth - 20, y + boxHeight + 8),
                            (x + boxWidth - 20, y + boxHeight),
                        ], label: "no", dashed: true))
                previous = diamond
                previousDecision = true
            } else {
                previous = box
                previousDecision = false
            }
        }
        let width = margin * 2 + laneTitleWidth + max(sub.tasks.count, 4) * column
        let statuses = sub.statuses.map(names.status).joined(separator: ", ")
        return BlueprintMap(
            title: "\(sub.id) \(sub.name)",
            subtitle: "\(definition.organisation) · \(definition.module) version \(definition.version)"
                + (statuses.isEmpty ? "" : " · statuses: \(statuses)"),
            width: width, height: lanes[4].top + systemsHeight + margin, lanes: lanes, lines: lines, boxes: boxes,
            connectors: connectors, logo: definition.logo)
    }

    /// The module on one page: the entry paths on the left, the sub-processes in order in the middle, and on the
    /// right the exits, each level with the sub-process that leads to it. A sub-process that ends nothing leads back
    /// to the one that restores service, along a dashed line on the left of the column.
    public static func overview(of definition: ProcessDefinition) -> BlueprintMap {
        let names = ProcessNames(definition)
        let top = header + 10
        let entryWidth = 200
        let subX = margin + entryWidth + 90
        let subWidth = 250
        let row = 74
        let exitX = subX + subWidth + 110
        var boxes: [BlueprintMap.Box] = []
        var connectors: [BlueprintMap.Connector] = []
        let entries = definition.entry.enumerated().map { index, condition in
            BlueprintMap.Box(
                id: "entry.\(condition.key)", shape: .entry, x: margin, y: top + index * 92, width: entryWidth, height: 76,
                lines: wrap(condition.text, lines: 4, at: 30), tone: "client")
        }
        boxes += entries
        let subs = definition.subprocesses.enumerated().map { index, sub in
            BlueprintMap.Box(
                id: sub.id, shape: .subprocess, x: subX, y: top + index * row, width: subWidth, height: 60,
                lines: wrap("\(sub.id) \(sub.name)", lines: 3, at: 36), tone: "onstage")
        }
        boxes += subs
        var nextFree = top + subs.count * row
        for status in definition.statuses where status.kind == .exit {
            let leading = definition.subprocesses.indices.filter { definition.subprocesses[$0].statuses.contains(status.key) }
            let y: Int
            if let first = leading.first {
                y = subs[first].y
            } else {
                y = nextFree
                nextFree += row
            }
            let outcome = status.outcome == .transferred ? "passed on: clocks stop as transferred" : "service restored"
            let exit = BlueprintMap.Box(
                id: "exit.\(status.key)", shape: .exit, x: exitX, y: y, width: 210, height: 60,
                lines: [status.name] + wrap(outcome, lines: 2, at: 32), tone: "backstage")
            boxes.append(exit)
            for index in leading { connectors.append(connect(subs[index], to: exit, label: "")) }
        }
        if let first = subs.first {
            for entry in entries { connectors.append(connect(entry, to: first, label: "")) }
        }
        let restorer = definition.subprocesses.firstIndex { sub in sub.statuses.contains { names.kind($0) == .restored } }
        for (index, sub) in definition.subprocesses.enumerated() {
            let endsSomething = sub.statuses.contains { names.kind($0) == .exit }
            guard !endsSomething, let restorer, restorer != index else { continue }
            let from = subs[index]
            let to = subs[restorer]
            let bus = subX - 14
            connectors.append(
                BlueprintMap.Connector(
                    points: [
                        (from.x, from.y + from.height / 2), (bus, from.y + from.height / 2), (bus, to.y + to.height / 2 + 10),
                        (to.x, to.y + to.height / 2 + 10),
                    ], label: "", dashed: true))
        }
        let height = max(top + entries.count * 92, nextFree) + margin
        return BlueprintMap(
            title: "\(definition.module) \(definition.name)",
            subtitle: "\(definition.organisation) · version \(definition.version) · entry paths, sub-processes and exits;"
                + " dashed: back to service restoration",
            width: exitX + 210 + margin, height: height, lanes: [], lines: [], boxes: boxes, connectors: connectors,
            logo: definition.logo)
    }

    /// An orthogonal arrow from the right of `from` to the left of `to`.
    static func connect(_ from: BlueprintMap.Box, to: BlueprintMap.Box, label: String, dashed: Bool = false)
        -> BlueprintMap.Connector
    {
        let start = (x: from.x + from.width, y: from.y + from.height / 2)
        let end = (x: to.x, y: to.y + to.height / 2)
        if start.y == end.y || end.x <= start.x {
            return BlueprintMap.Connector(points: [start, end], label: label, dashed: dashed)
        }
        let middle = start.x + max(8, (end.x - start.x) / 2)
        return BlueprintMap.Connector(
            points: [start, (middle, start.y), (middle, end.y), end], label: label, dashed: dashed)
    }

    /// Breaks `text` into at most `lines` lines of about `at` characters, on spaces; the last line ends in "…" when
    /// the text is longer.
    public static func wrap(_ text: String, lines: Int, at: Int = wrapAt) -> [String] {
        var result: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= at {
                current += " " + word
            } else {
                result.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { result.append(current) }
        if result.count > lines {
            result = Array(result.prefix(lines))
            result[lines - 1] = String(result[lines - 1].prefix(at - 1)) + "…"
        }
        return result.map { $0.count > at + 4 ? String($0.prefix(at)) + "…" : $0 }
    }
}
