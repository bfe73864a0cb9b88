import Fluent
import Foundation
import MendCore

/// On-call rotations: stored rows turned into MendCore `Rotation`s, which answer who is on call when.
struct OnCallService {
    let db: any Database
    let services: MendServices

    func rotations(for principal: Principal) async throws -> [RotationModel] {
        try principal.requireStaff("rotation")
        return try await RotationModel.query(on: db).sort(\.$name).all()
    }

    func rotation(_ id: UUID?, for principal: Principal) async throws -> RotationModel {
        try principal.requireStaff("rotation")
        guard let id, let row = try await RotationModel.find(id, on: db) else { throw Problem.notFound("rotation") }
        return row
    }

    func create(_ request: RotationRequest, by principal: Principal) async throws -> RotationModel {
        try principal.requireStaff("rotation")
        try principal.require(.queuesManage)
        var check = FieldChecker()
        check.required(request.name, "name", max: 100)
        let staff = try await staffIDs(request.members)
        for (index, id) in request.members.enumerated() where !staff.contains(id) {
            check.add("members[\(index)]", "is not an active staff user")
        }
        let date = LocalDate(request.startDate)
        if date == nil { check.add("startDate", "must be a date like 2026-12-01") }
        let cadence = Self.cadence(request.cadence, weekday: request.weekday, check: &check)
        check.range(request.ackMinutes, "ackMinutes", 1...1_440)
        try check.check()
        let checkedCadence = try cadence.required("cadence")
        // The core checks the zone, the members, the handoff time and the weekday, naming each.
        _ = try Rotation(
            timezone: request.timezone, members: request.members.map(\.uuidString), cadence: checkedCadence,
            handoff: request.handoff, startDate: date.required("startDate"))
        let row = RotationModel()
        row.id = UUID()
        row.name = request.name.trimmed
        row.timezone = request.timezone
        row.cadence = request.cadence
        row.weekday = { if case .weekly(let day) = checkedCadence { day } else { nil } }()
        row.handoff = request.handoff
        row.startDate = request.startDate
        row.members = request.members.map(\.uuidString).joined(separator: ",")
        row.createdAt = services.clock.now()
        row.ackMinutes = request.ackMinutes ?? 15
        row.afterHours = request.afterHours ?? false
        try await services.gate.transaction(on: db) { tx in
            if try await RotationModel.query(on: tx).filter(\.$name == row.name).count() > 0 {
                throw Problem(.conflict, "duplicate", "Duplicate", detail: "A rotation named \(row.name) exists.", field: "name")
            }
            try await row.create(on: tx)
        }
        return row
    }

    func addOverride(_ id: UUID?, _ request: RotationOverrideRequest, by principal: Principal) async throws -> RotationModel {
        try principal.requireStaff("rotation")
        try principal.require(.queuesManage)
        let row = try await rotation(id, for: principal)
        var check = FieldChecker()
        if try await !staffIDs([request.userID]).contains(request.userID) { check.add("userID", "is not an active staff user") }
        if request.endsAt <= request.startsAt { check.add("endsAt", "must be after startsAt") }
        try check.check()
        let cover = RotationOverrideModel()
        cover.id = UUID()
        cover.rotationID = row.id!
        cover.userID = request.userID
        cover.startsAt = request.startsAt
        cover.endsAt = request.endsAt
        cover.createdAt = services.clock.now()
        try await services.gate.transaction(on: db) { tx in try await cover.create(on: tx) }
        return row
    }

    /// The rotation as MendCore sees it, overrides in the order they were made (the latest wins).
    func core(_ row: RotationModel) async throws -> Rotation {
        let covers = try await RotationOverrideModel.query(on: db).filter(\.$rotationID == row.id!).sort(\.$createdAt).all()
        var check = FieldChecker()
        let cadence = Self.cadence(row.cadence, weekday: row.weekday.map { BusinessCalendar.dayKeys[$0] }, check: &check)
        return try Rotation(
            timezone: row.timezone, members: row.members.split(separator: ",").map(String.init), cadence: cadence ?? .daily,
            handoff: row.handoff, startDate: LocalDate(row.startDate) ?? LocalDate(daysSinceEpoch: 0),
            overrides: covers.map { .init(start: $0.startsAt, end: $0.endsAt, member: $0.userID.uuidString) })
    }

    /// A rotation with who is on call at `now` and the shifts of the next `days` days.
    func response(_ row: RotationModel, now: Date, days: Int = 28) async throws -> RotationResponse {
        let rotation = try await core(row)
        let shifts = rotation.shifts(from: now, to: now.addingTimeInterval(Double(days) * 86_400))
        var ids = Set(rotation.members.compactMap(UUID.init(uuidString:)))
        shifts.compactMap { UUID(uuidString: $0.member) }.forEach { ids.insert($0) }
        let names = try await self.names(ids)
        func member(_ text: String?) -> RotationMember? {
            text.flatMap(UUID.init(uuidString:)).map { RotationMember(id: $0, name: names[$0] ?? "(removed user)") }
        }
        return RotationResponse(
            id: row.id!, name: row.name, timezone: row.timezone, cadence: row.cadence,
            weekday: row.weekday.map { BusinessCalendar.dayKeys[$0] }, handoff: row.handoff, startDate: row.startDate,
            ackMinutes: row.ackMinutes ?? 15, afterHours: row.afterHours ?? false, members: rotation.members.compactMap(member),
            onCallNow: member(rotation.onCall(at: now)),
            shifts: shifts.compactMap { shift in
                member(shift.member).map {
                    RotationShiftResponse(
                        start: shift.start, end: shift.end, userID: $0.id, name: $0.name, isOverride: shift.isOverride)
                }
            })
    }

    /// Who is on call at `at` in each rotation (or in one).
    func onCall(at: Date, rotation id: UUID?, for principal: Principal) async throws -> OnCallResponse {
        let rows: [RotationModel]
        if let id { rows = [try await rotation(id, for: principal)] } else { rows = try await rotations(for: principal) }
        var items: [OnCallResponse.Item] = []
        for row in rows {
            let rotation = try await core(row)
            let member = rotation.onCall(at: at).flatMap(UUID.init(uuidString:))
            let shift = rotation.scheduled(at: at)
            let covering = rotation.overrides.last { $0.start <= at && at < $0.end }
            items.append(
                OnCallResponse.Item(
                    rotationID: row.id!, rotation: row.name, userID: member,
                    name: try await member.asyncFlatMap { try await names([$0])[$0] },
                    shiftStart: covering?.start ?? shift?.start, shiftEnd: covering?.end ?? shift?.end,
                    isOverride: covering != nil))
        }
        return OnCallResponse(at: at, items: items)
    }

    private func staffIDs(_ ids: [UUID]) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let users = try await UserModel.query(on: db).filter(\.$id ~~ ids).filter(\.$active == true)
            .filter(\.$companyID == nil).all()
        return Set(users.compactMap(\.id))
    }

    private func names(_ ids: Set<UUID>) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(
            uniqueKeysWithValues: try await UserModel.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0.name) })
    }

    private static func cadence(_ text: String, weekday: String?, check: inout FieldChecker) -> Rotation.Cadence? {
        switch text {
        case "daily": return .daily
        case "weekly":
            guard let weekday, let index = BusinessCalendar.dayKeys.firstIndex(of: weekday) else {
                check.add("weekday", "is required for a weekly rotation: mon, tue, wed, thu, fri, sat or sun")
                return nil
            }
            return .weekly(weekday: index)
        default:
            check.add("cadence", "must be daily or weekly")
            return nil
        }
    }
}
