import MendCore
import Testing

/// The blueprint is laid out from the definition alone: every task in its lane in order, nothing overlapping, the
/// three lines between the four lanes, and a rename or an added task drawn without a coordinate in the document.
@Suite struct BlueprintLayoutTests {
    let definition = ProcessDefinition.msp04c

    func overlaps(_ a: BlueprintMap.Box, _ b: BlueprintMap.Box) -> Bool {
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    }

    @Test(arguments: ProcessDefinition.msp04c.subprocesses.map(\.id))
    func everyTaskStandsInItsLaneInOrderAndNothingOverlaps(id: String) throws {
        let sub = try #require(definition.subprocesses.first { $0.id == id })
        let map = BlueprintLayout.map(of: sub, in: definition)
        #expect(map.lanes.map(\.title) == ["Client actions", "Onstage", "Backstage", "Support processes", "Systems"])
        #expect(
            map.lines.map(\.title) == ["Line of interaction", "Line of visibility", "Line of internal interaction"])
        let laneOf: [ProcessLane: BlueprintMap.Lane] = [
            .client: map.lanes[0], .onstage: map.lanes[1], .backstage: map.lanes[2], .support: map.lanes[3],
        ]
        var lastX = Int.min
        for task in sub.tasks {
            let box = try #require(map.boxes.first { $0.id == task.id })
            let lane = try #require(laneOf[task.lane])
            #expect(box.y >= lane.top && box.y + box.height <= lane.top + lane.height, "\(task.id) in \(task.lane)")
            #expect(box.x > lastX, "\(task.id) after the task before it")
            lastX = box.x
            #expect(box.lines.joined(separator: " ").hasPrefix(String(task.name.prefix(10))))
            if let system = task.system {
                let drawn = try #require(map.boxes.first { $0.id == "\(task.id).system" })
                #expect(drawn.y >= map.lanes[4].top, "systems stand in their own row")
                #expect(drawn.lines.joined(separator: " ") == definition.systems.first { $0.key == system }?.name)
            }
        }
        let solid = map.boxes.filter { $0.height > 0 }
        for (i, a) in solid.enumerated() {
            for b in solid[(i + 1)...] { #expect(!overlaps(a, b), "\(a.id) and \(b.id) overlap") }
            #expect(a.x + a.width <= map.width && a.y + a.height <= map.height, "\(a.id) inside the drawing")
        }
        let decisions = sub.tasks.filter { $0.decision != nil }.count
        #expect(map.connectors.count == sub.tasks.count - 1 + decisions, "one arrow per step, one 'no' per decision")
    }

    @Test func aMapFitsA4LandscapeAtAReadableSize() {
        // 277 mm of printable width; text of 12 units must stay above 5 pt (1.76 mm) when the widest map is scaled.
        let widest = definition.subprocesses.map { BlueprintLayout.map(of: $0, in: definition).width }.max() ?? 0
        let points = 12.0 * 277.0 / Double(widest) / 0.3528
        #expect(points >= 5, "\(widest) units wide: \(points) pt")
    }

    @Test func aRenamedTaskAndAnAddedOneAreDrawnFromTheDocument() throws {
        var changed = definition
        changed.subprocesses[0].tasks[0].name = "Calls the service desk"
        changed.subprocesses[0].tasks.append(
            ProcessTask(id: "04c.01.7", name: "Check last night's patches", lane: .support, role: "engineer", system: "rmm"))
        let map = BlueprintLayout.map(of: changed.subprocesses[0], in: changed)
        #expect(map.boxes.first { $0.id == "04c.01.1" }?.lines == ["Calls the service", "desk"])
        let added = try #require(map.boxes.first { $0.id == "04c.01.7" })
        #expect(added.y >= map.lanes[3].top && added.y < map.lanes[3].top + map.lanes[3].height)
    }

    @Test func eachTaskNamesItsRoleAndARenamedRoleIsDrawnAtOnce() throws {
        let restoration = BlueprintLayout.map(of: definition.subprocesses[1], in: definition)
        #expect(restoration.boxes.first { $0.id == "04c.02.1" }?.caption == "NOC / Tier 2 engineer")
        var renamed = definition
        renamed.roles[0].name = "Field technician"
        let map = BlueprintLayout.map(of: renamed.subprocesses[1], in: renamed)
        let engineers = definition.subprocesses[1].tasks.filter { $0.role == renamed.roles[0].key }.map(\.id)
        #expect(!engineers.isEmpty)
        for id in engineers { #expect(map.boxes.first { $0.id == id }?.caption == "Field technician", "\(id)") }
    }

    @Test func theOverviewLeadsFromEveryEntryToDiagnosisAndFromTheExitSubProcessesToTheirExits() {
        let map = BlueprintLayout.overview(of: definition)
        #expect(map.boxes.filter { $0.shape == .entry }.count == definition.entry.count)
        #expect(map.boxes.filter { $0.shape == .subprocess }.map(\.id) == definition.subprocesses.map(\.id))
        #expect(map.boxes.filter { $0.shape == .exit }.map(\.id) == ["exit.resolved", "exit.escalated_out", "exit.handed_off"])
        // 5 entries into 04c.01, 04c.02/07/08 to their exits, the other four back to restoration (04c.01 included).
        #expect(map.connectors.count == definition.entry.count + 3 + 5)
    }

    @Test func longTextIsWrappedAndCut() {
        #expect(
            BlueprintLayout.wrap("Take the ticket and acknowledge the client", lines: 4) == [
                "Take the ticket and", "acknowledge the", "client",
            ])
        let cut = BlueprintLayout.wrap(String(repeating: "word ", count: 40), lines: 2)
        #expect(cut.count == 2 && cut[1].hasSuffix("…"))
    }
}
