import CRM
import Foundation
import GraphQLEngine

/// Support: working calendars and SLA policies (admins edit them, every reader sees them), and
/// inquiries with their SLA deadlines.
enum SupportResolvers {
    static let weekdays = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]

    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Query", as: RootValue.self) { t in
            t.asyncField("workingCalendars") { _, call in
                _ = try call.context.requireReader()
                let (text, deleted) = nameFilter(call.arguments)
                let calendars = try await call.context.services.supportStore.calendars(text: text, deleted: deleted)
                return try Connection.page(calendars, arguments: call.arguments) { GlobalID.encode("WorkingCalendar", $0.id) }
            }
            t.asyncField("slaPolicies") { _, call in
                _ = try call.context.requireReader()
                let (text, deleted) = nameFilter(call.arguments)
                let policies = try await call.context.services.supportStore.policies(text: text, deleted: deleted)
                return try Connection.page(policies, arguments: call.arguments) { GlobalID.encode("SlaPolicy", $0.id) }
            }
            t.asyncField("inquiries") { _, call in try await inquiries(call) }
            t.asyncField("inquiryReport") { _, call in try await report(call) }
        }
        bindConfigMutations(&b)
        bindInquiryMutations(&b)
        b.object("WorkingCalendar", as: WorkingCalendar.self) { t in
            t.field("id") { c, _ in GlobalID.encode("WorkingCalendar", c.id) }
            t.field("name", \.name)
            t.field("timeZone", \.timeZone)
            t.field("isDefault", \.isDefault)
            t.field("week") { c, _ in
                c.week.enumerated().map { i, intervals in ["weekday": weekdays[i], "intervals": intervalObjects(intervals)] as [String: any Sendable] }
            }
            t.field("specialDays") { c, call in
                let from = call.arguments.string("from"), to = call.arguments.string("to")
                return c.specialDays.filter { day in (from.map { day.date >= $0 } ?? true) && (to.map { day.date <= $0 } ?? true) }.map { day in
                    ["date": day.date, "name": day.name, "kind": day.kind.rawValue.uppercased(),
                     "intervals": intervalObjects(day.intervals)] as [String: (any Sendable)?]
                }
            }
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { cs, call in try await IdentityResolvers.actors(cs.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { c, call in try await IdentityResolvers.history("WorkingCalendar", c.id, call) }
        }
        b.object("SlaPolicy", as: SlaPolicy.self) { t in
            t.field("id") { p, _ in GlobalID.encode("SlaPolicy", p.id) }
            t.field("name", \.name)
            t.field("description", \.description)
            t.field("isDefault", \.isDefault)
            t.batchField("calendar") { ps, call in
                let calendars = Dictionary(uniqueKeysWithValues: try await call.context.services.supportStore
                    .calendars(ids: Array(Set(ps.map(\.calendarID)))).map { ($0.id, $0) })
                return ps.map { calendars[$0.calendarID] }
            }
            t.field("targets") { p, _ in
                p.targets.map { ["priority": $0.priority.rawValue.uppercased(), "firstResponseMinutes": $0.firstResponseMinutes,
                                 "nextResponseMinutes": $0.nextResponseMinutes, "resolutionMinutes": $0.resolutionMinutes] as [String: (any Sendable)?] }
            }
            t.field("warningLeadMinutes", \.warningLeadMinutes)
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { ps, call in try await IdentityResolvers.actors(ps.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { p, call in try await IdentityResolvers.history("SlaPolicy", p.id, call) }
        }
        bindInquiry(&b)
        bindLinks(&b)
        for name in ["WorkingCalendarConnection", "WorkingCalendarEdge", "WorkingCalendarPayload", "WorkingDay", "TimeInterval", "SpecialDay",
                     "SlaPolicyConnection", "SlaPolicyEdge", "SlaPolicyPayload", "SlaTarget", "InquiryConnection", "InquiryEdge",
                     "InquiryPayload", "InquiryReport", "InquiryStats", "InquiryManagerStats", "InquiryStatusCount", "InquiryChannelCount",
                     "DurationStats", "SlaOutcome", "RejectionReasonCount"] {
            b.mapObject(name)
        }
    }

    static func intervalObjects(_ intervals: [WorkInterval]) -> [[String: any Sendable]] {
        intervals.map { ["start": WorkInterval.text($0.start), "end": WorkInterval.text($0.end)] }
    }

    static func nameFilter(_ args: Arguments) -> (String?, DeletedFilter) {
        var text: String?
        var deleted = DeletedFilter.exclude
        if case .string(let q)? = args["filter"]?["query"] { text = q }
        if case .string(let d)? = args["filter"]?["deleted"] { deleted = DeletedFilter(rawValue: d.lowercased()) ?? .exclude }
        return (text, deleted)
    }

    // MARK: Calendars and policies

    static func intervals(_ value: JSONValue?) -> [IntervalText] {
        RecordInput.array(value ?? .null).map {
            IntervalText(start: RecordInput.string($0["start"] ?? .null) ?? "", end: RecordInput.string($0["end"] ?? .null) ?? "")
        }
    }

    static func week(_ value: JSONValue?) -> [(Int, [IntervalText])] {
        RecordInput.array(value ?? .null).compactMap { day in
            guard let weekday = RecordInput.string(day["weekday"] ?? .null).flatMap({ weekdays.firstIndex(of: $0) }) else { return nil }
            return (weekday, intervals(day["intervals"]))
        }
    }

    static func specialDays(_ value: JSONValue?) -> [SpecialDayInput] {
        RecordInput.array(value ?? .null).map { day in
            SpecialDayInput(date: RecordInput.string(day["date"] ?? .null) ?? "", name: RecordInput.string(day["name"] ?? .null),
                            kind: RecordInput.string(day["kind"] ?? .null) == "WORKING" ? .working : .holiday, intervals: intervals(day["intervals"]))
        }
    }

    static func targets(_ value: JSONValue?) -> [SlaTarget] {
        RecordInput.array(value ?? .null).compactMap { t in
            guard let priority = RecordInput.string(t["priority"] ?? .null).flatMap({ TaskItem.Priority(rawValue: $0.lowercased()) }) else { return nil }
            return SlaTarget(priority: priority, firstResponseMinutes: (t["firstResponseMinutes"]).flatMap(RecordInput.int),
                             nextResponseMinutes: (t["nextResponseMinutes"]).flatMap(RecordInput.int),
                             resolutionMinutes: (t["resolutionMinutes"]).flatMap(RecordInput.int))
        }
    }

    static func ints(_ value: JSONValue?) -> [Int]? {
        guard case .array(let items)? = value else { return nil }
        return items.compactMap(RecordInput.int)
    }

    static func bindConfigMutations(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Mutation", as: RootValue.self) { t in
            t.asyncField("createWorkingCalendar") { _, call in
                let input = call.arguments["input"]
                return try await MutationPayload.run("workingCalendar") {
                    try await call.context.services.supportConfig.createCalendar(
                        call.context.viewer, name: RecordInput.string(input?["name"] ?? .null) ?? "",
                        timeZone: RecordInput.string(input?["timeZone"] ?? .null) ?? "", isDefault: input?["isDefault"] == .bool(true),
                        week: week(input?["week"]), specialDays: specialDays(input?["specialDays"]))
                }
            }
            t.asyncField("updateWorkingCalendar") { _, call in
                let input = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(input, "WorkingCalendar", noun: "working calendar"),
                                         RecordInput.requiredVersion(input))
                var changes = CalendarChanges()
                changes.name = (input?["name"]).flatMap(RecordInput.string)
                changes.timeZone = (input?["timeZone"]).flatMap(RecordInput.string)
                if case .bool(let d)? = input?["isDefault"] { changes.isDefault = d }
                if case .array? = input?["week"] { changes.week = week(input?["week"]) }
                changes.upsertSpecialDays = specialDays(input?["upsertSpecialDays"])
                changes.removeSpecialDays = RecordInput.strings(RecordInput.array(input?["removeSpecialDays"] ?? .null))
                return try await MutationPayload.run("workingCalendar") {
                    try await call.context.services.supportConfig.updateCalendar(call.context.viewer, id: id, version: version, changes: changes)
                }
            }
            MutationPayload.bindDeleteRestore(&t, "WorkingCalendar", noun: "working calendar") { call, id, version, deleting in
                return try await MutationPayload.run("workingCalendar") {
                    try await call.context.services.supportConfig.setCalendarDeleted(call.context.viewer, id: id, version: version, deleted: deleting)
                }
            }
            t.asyncField("createSlaPolicy") { _, call in
                let input = call.arguments["input"]
                let calendar = (input?["calendarId"]).flatMap { RecordInput.id($0, of: "WorkingCalendar") } ?? -1
                return try await MutationPayload.run("slaPolicy") {
                    try await call.context.services.supportConfig.createPolicy(
                        call.context.viewer, name: RecordInput.string(input?["name"] ?? .null) ?? "",
                        description: (input?["description"]).flatMap(RecordInput.string), isDefault: input?["isDefault"] == .bool(true),
                        calendarID: calendar, targets: targets(input?["targets"]), warningLeadMinutes: ints(input?["warningLeadMinutes"]) ?? [15, 5])
                }
            }
            t.asyncField("updateSlaPolicy") { _, call in
                let input = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(input, "SlaPolicy", noun: "SLA policy"), RecordInput.requiredVersion(input))
                var changes = PolicyChanges()
                if case .object(let members)? = input {
                    for member in members {
                        switch member.key {
                        case "name": changes.name = RecordInput.string(member.value) ?? ""
                        case "description": changes.description = .set(RecordInput.string(member.value))
                        case "isDefault": if case .bool(let d) = member.value { changes.isDefault = d }
                        case "calendarId": changes.calendarID = RecordInput.id(member.value, of: "WorkingCalendar") ?? -1
                        case "targets": changes.targets = targets(member.value)
                        case "warningLeadMinutes": changes.warningLeadMinutes = ints(member.value)
                        default: break
                        }
                    }
                }
                return try await MutationPayload.run("slaPolicy") {
                    try await call.context.services.supportConfig.updatePolicy(call.context.viewer, id: id, version: version, changes: changes)
                }
            }
            MutationPayload.bindDeleteRestore(&t, "SlaPolicy", noun: "SLA policy") { call, id, version, deleting in
                return try await MutationPayload.run("slaPolicy") {
                    try await call.context.services.supportConfig.setPolicyDeleted(call.context.viewer, id: id, version: version, deleted: deleting)
                }
            }
        }
    }
}
