import MendCore
import Testing

/// The Detail and Task Reports come from the definition: a renamed role or an added task shows in them at once, and
/// the live figures are the count and the nearest-rank median of what the event log holds.
@Suite struct ProcessReportsTests {
    @Test func theDetailReportListsEachSubProcesssRolesSystemsDocumentsAndKpis() throws {
        let detail = ProcessReports.detail(.msp04c)
        #expect(detail.map(\.id) == (1...8).map { "04c.0\($0)" })
        let restoration = try #require(detail.first { $0.id == "04c.02" })
        #expect(restoration.roles == ["NOC / Tier 2 engineer", "Client contact"])
        #expect(restoration.statuses == ["In Progress", "Restored", "Resolved"])
        #expect(restoration.systems == ["Remote access tool", "Mend", "Email", "Client portal", "Phone"])
        #expect(restoration.documents.contains("Restoration test record"))
        #expect(
            restoration.kpis.map(\.key) == [
                "sla_compliance", "time_logged", "resolution_time", "first_contact_resolution", "reopen_rate",
                "client_satisfaction",
            ])
    }

    @Test func aRenameAndAnAddedTaskShowInBothReports() throws {
        var definition = ProcessDefinition.msp04c
        definition.roles[0].name = "Field technician"
        definition.subprocesses[4].tasks.append(
            ProcessTask(id: "04c.05.4", name: "Record the SME's advice in the knowledge base", lane: .backstage, role: "sme"))
        #expect(ProcessReports.detail(definition)[0].roles == ["Client contact", "Field technician"])
        let line = try #require(ProcessReports.tasks(definition, runs: [:]).first { $0.task.id == "04c.05.4" })
        #expect(line.subprocess == "04c.05" && line.role == "Subject-matter expert" && line.runs == nil)
        #expect(ProcessReports.tasks(definition, runs: [:]).count == 40)
    }

    @Test func runsAreCountedWithTheNearestRankMedianOfTheWaitBeforeThem() {
        let runs = ProcessReports.runs([
            ("diagnosis_logged", 60), ("diagnosis_logged", 600), ("diagnosis_logged", 120), ("diagnosis_logged", nil),
            ("created", nil),
        ])
        #expect(runs["diagnosis_logged"] == ProcessReports.Runs(count: 4, medianSeconds: 120))
        #expect(runs["created"] == ProcessReports.Runs(count: 1, medianSeconds: nil))
        let lines = ProcessReports.tasks(.msp04c, runs: runs)
        #expect(lines.first { $0.task.id == "04c.01.4" }?.runs?.count == 4)
        #expect(lines.first { $0.task.id == "04c.02.1" }?.runs == nil, "no event shows the fix itself")
        #expect(lines.first { $0.task.id == "04c.06.1" }?.runs == ProcessReports.Runs(count: 0, medianSeconds: nil))
    }
}
