/// A row of a project plan, as the scheduler sees it.
public struct ScheduleTask: Equatable, Sendable {
    public enum Kind: String, Sendable { case stage, task, milestone }

    public var id: Int64
    /// The stage it belongs to; a parent that is not a stage of the plan is ignored.
    public var parentId: Int64?
    public var kind: Kind
    public var name: String
    /// Working days; only tasks have one (a negative one counts as 0).
    public var durationDays: Int
    /// `YYYY-MM-DD`: it does not start earlier (for a stage: none of the rows under it does).
    public var startNoEarlierThan: String?

    public init(id: Int64, parentId: Int64? = nil, kind: Kind = .task, name: String, durationDays: Int = 0,
                startNoEarlierThan: String? = nil) {
        self.id = id
        self.parentId = parentId
        self.kind = kind
        self.name = name
        self.durationDays = durationDays
        self.startNoEarlierThan = startNoEarlierThan
    }
}

/// A dependency of `successorId` on `predecessorId`, shifted by `lagDays` working days (negative
/// for a lead).
public struct ScheduleDependency: Equatable, Sendable {
    /// Which ends are tied: finish-to-start, start-to-start, finish-to-finish, start-to-finish.
    public enum Kind: String, Sendable {
        case fs, ss, ff, sf

        /// Whether the predecessor's start (rather than its finish) is tied.
        var fromStart: Bool { self == .ss || self == .sf }
        /// Whether the successor's start (rather than its finish) is tied.
        var toStart: Bool { self == .fs || self == .ss }
    }

    public var predecessorId: Int64
    public var successorId: Int64
    public var type: Kind
    public var lagDays: Int

    public init(predecessorId: Int64, successorId: Int64, type: Kind = .fs, lagDays: Int = 0) {
        self.predecessorId = predecessorId
        self.successorId = successorId
        self.type = type
        self.lagDays = lagDays
    }
}

/// The computed dates of a row; all dates are `YYYY-MM-DD` working days, finishes inclusive.
public struct ScheduledTask: Equatable, Sendable {
    public let id: Int64
    /// The early dates: rows are scheduled as soon as possible.
    public let start: String
    public let finish: String
    /// Working days; for a stage, those from its first start to its last finish.
    public let durationDays: Int
    public let earlyStart: String
    public let earlyFinish: String
    public let lateStart: String
    public let lateFinish: String
    /// Working days it can slip without moving the project's finish; a stage's is its rows' least.
    public let totalFloat: Int
    /// Total float 0; a stage is critical when a row under it is.
    public let critical: Bool

    public init(id: Int64, start: String, finish: String, durationDays: Int, earlyStart: String, earlyFinish: String, lateStart: String,
                lateFinish: String, totalFloat: Int, critical: Bool) {
        self.id = id
        self.start = start
        self.finish = finish
        self.durationDays = durationDays
        self.earlyStart = earlyStart
        self.earlyFinish = earlyFinish
        self.lateStart = lateStart
        self.lateFinish = lateFinish
        self.totalFloat = totalFloat
        self.critical = critical
    }
}

/// A dependency cycle, found in the plan or in the plan with one more dependency.
public struct ScheduleCycle: Error, Equatable, Sendable {
    /// The rows on the cycle in dependency order (stages included where the cycle passes through
    /// one), starting from the one first in the plan; one id when a row depends on itself.
    public let taskIds: [Int64]
    /// `Dependency cycle: "Design" → "Build" → "Design"`.
    public let message: String

    /// As a user error with code `DEPENDENCY_CYCLE`.
    public func userError(field: [String]) -> UserError {
        UserError(field: field, message: message, code: "DEPENDENCY_CYCLE")
    }
}

/// A project plan scheduled by the critical path method over the working days of a calendar.
///
/// Conventions:
/// - Rows are scheduled as early as possible from the planned start (moved to the next working
///   day), never before it, and never before their `startNoEarlierThan`.
/// - A task of `d` working days starting on working day `S` finishes on the working day `d − 1`
///   working days after `S`. Internally a row holds working-day ordinals: early start `ES` and
///   exclusive early finish `EF = ES + d`. A dependency with lag `L` requires
///   FS: `ES(s) ≥ EF(p) + L`, SS: `ES(s) ≥ ES(p) + L`, FF: `EF(s) ≥ EF(p) + L`,
///   SF: `EF(s) ≥ ES(p) + L` — so an FS successor task starts the working day after its
///   predecessor's finish, and FS with lag −1 starts on that finish day.
/// - A zero-length row (a milestone, a task of 0 days, a stage without rows) is a moment at the
///   boundary before working day `ES`. It shows on the day before when a task's finish placed it
///   (FS or FF, any lag — as in Microsoft Project, a milestone after FS sits on its predecessor's
///   finish date), on day `ES` when a start did (SS, SF, `startNoEarlierThan`, the project start;
///   these win a tie); through a zero-length predecessor it takes that one's side. Its start and
///   finish are that date; its late dates keep the same side.
/// - A stage has no duration of its own: its dates span the rows under it, at any depth. A
///   dependency on or of a stage applies to every leaf row under it (each leaf of the predecessor
///   stage to each leaf of the successor stage).
/// - The project finish is the latest early finish; late dates come backwards from it, total float
///   is `LS − ES` in working days and a row is critical when it is 0.
/// - Dependencies naming a row not in the plan are ignored; a cycle is refused.
///
/// Time and memory are linear in rows plus dependencies (stage dependencies are not multiplied
/// out), plus a logarithmic calendar lookup per date.
public struct ProjectSchedule: Equatable, Sendable {
    /// The earliest start and the latest finish of its rows (the planned start, moved to a working
    /// day, when there are none).
    public let start: String
    public let finish: String
    /// In the order given.
    public let tasks: [ScheduledTask]
    /// The critical tasks and milestones in schedule order (by start, then finish).
    public let criticalPath: [Int64]
    private let index: [Int64: Int]

    /// The scheduled row with this id.
    public subscript(id: Int64) -> ScheduledTask? {
        index[id].map { tasks[$0] }
    }

    /// Schedules the plan; `plannedStart` is `YYYY-MM-DD`. A dependency cycle is refused with
    /// `DEPENDENCY_CYCLE` on the field `input`.
    public static func compute(tasks: [ScheduleTask], dependencies: [ScheduleDependency], plannedStart: String,
                               calendar: WorkingCalendar) throws(DomainError) -> ProjectSchedule {
        guard let planned = WorkingDays.dayNumber(plannedStart) else {
            throw .invalid([UserError(field: ["input", "plannedStart"], message: "The planned start is not a date.", code: "INVALID")])
        }
        let graph = PlanGraph(tasks: tasks, dependencies: dependencies)
        let order: [Int]
        switch graph.topologicalOrder() {
        case .success(let sorted): order = sorted
        case .failure(let cycle): throw .invalid([cycle.userError(field: ["input"])])
        }
        return ProjectSchedule(graph: graph, order: order, days: WorkingDays(calendar: calendar), planned: planned)
    }

    /// The cycle in these dependencies, if there is one.
    public static func cycle(tasks: [ScheduleTask], dependencies: [ScheduleDependency]) -> ScheduleCycle? {
        if case .failure(let cycle) = PlanGraph(tasks: tasks, dependencies: dependencies).topologicalOrder() { cycle } else { nil }
    }

    /// The cycle that adding `dependency` to an acyclic plan would close, if any.
    public static func cycle(adding dependency: ScheduleDependency, tasks: [ScheduleTask],
                             dependencies: [ScheduleDependency]) -> ScheduleCycle? {
        cycle(tasks: tasks, dependencies: dependencies + [dependency])
    }

    /// The forward and backward passes over a topological order of the graph.
    ///
    /// Moments are counted in half days so a zero-length row knows which side of a day boundary it
    /// sits on: instant `2k` is the start of working day `k` (by ordinal), `2k + 1` its end. A task
    /// starts at `2·ES` and finishes at `2·EF − 1`; a lag of `L` days adds `2L`. Constraints compare
    /// day boundaries (`⌈instant / 2⌉`), which makes them the ordinal rules above; an instant is
    /// shown as the date of working day `⌊instant / 2⌋`.
    private init(graph: PlanGraph, order: [Int], days: WorkingDays, planned: Int) {
        let n = graph.tasks.count
        let first = days.ordinal(of: planned)
        let duration = graph.tasks.map { $0.kind == .task ? max(0, $0.durationDays) : 0 }

        // Forward. Entry nodes gather lower bounds (instants) on the start and finish of every leaf
        // under them; exit nodes gather the latest start and finish of those leaves.
        var startBound = graph.tasks.map { task in
            2 * max(first, task.startNoEarlierThan.flatMap(WorkingDays.dayNumber).map(days.ordinal(of:)) ?? first)
        }
        var finishBound = Array(repeating: 2 * first, count: n)
        var startAt = Array(repeating: Int.min, count: n), finishAt = Array(repeating: Int.min, count: n)
        var es = Array(repeating: 0, count: n)
        for node in order {
            if node < n {
                let i = node
                guard graph.isLeaf(i) else {
                    for child in graph.children[i] {
                        startBound[child] = max(startBound[child], startBound[i])
                        finishBound[child] = max(finishBound[child], finishBound[i])
                    }
                    continue
                }
                if duration[i] == 0 {
                    startAt[i] = max(startBound[i], finishBound[i])
                    finishAt[i] = startAt[i]
                    es[i] = (startAt[i] + 1) >> 1
                } else {
                    es[i] = max((startBound[i] + 1) >> 1, ((finishBound[i] + 1) >> 1) - duration[i])
                    startAt[i] = 2 * es[i]
                    finishAt[i] = 2 * (es[i] + duration[i]) - 1
                }
            } else {
                let i = node - n
                if let parent = graph.parent[i] {
                    startAt[parent] = max(startAt[parent], startAt[i])
                    finishAt[parent] = max(finishAt[parent], finishAt[i])
                }
                for link in graph.linksFrom[i] {
                    let bound = (link.type.fromStart ? startAt[i] : finishAt[i]) + 2 * link.lag
                    if link.type.toStart {
                        startBound[link.to] = max(startBound[link.to], bound)
                    } else {
                        finishBound[link.to] = max(finishBound[link.to], bound)
                    }
                }
            }
        }

        // Backward, in ordinals. Exit nodes gather upper bounds on the late start and finish of
        // every leaf under them; entry nodes gather the earliest late start and finish of those.
        let leaves = (0..<n).filter(graph.isLeaf)
        let projectFinish = leaves.map { es[$0] + duration[$0] }.max() ?? first
        var lateStartBound = Array(repeating: projectFinish, count: n), lateFinishBound = lateStartBound
        var lateStart = Array(repeating: 0, count: n), lateFinish = lateStart
        for node in order.reversed() {
            if node >= n {
                let i = node - n
                if let parent = graph.parent[i] {
                    lateStartBound[i] = min(lateStartBound[i], lateStartBound[parent])
                    lateFinishBound[i] = min(lateFinishBound[i], lateFinishBound[parent])
                }
                for link in graph.linksFrom[i] {
                    let bound = (link.type.toStart ? lateStart[link.to] : lateFinish[link.to]) - link.lag
                    if link.type.fromStart {
                        lateStartBound[i] = min(lateStartBound[i], bound)
                    } else {
                        lateFinishBound[i] = min(lateFinishBound[i], bound)
                    }
                }
                if graph.isLeaf(i) {
                    lateFinish[i] = min(lateFinishBound[i], lateStartBound[i] + duration[i])
                    lateStart[i] = lateFinish[i] - duration[i]
                }
            } else if !graph.isLeaf(node) {
                lateStart[node] = graph.children[node].map { lateStart[$0] }.min()!
                lateFinish[node] = graph.children[node].map { lateFinish[$0] }.min()!
            }
        }

        // Leaves, then stages rolled up from them (an exit node comes after its children's).
        var rows = (0..<n).map { i in
            let float = lateStart[i] - es[i]
            return graph.isLeaf(i)
                ? Row(startAt: startAt[i], finishAt: finishAt[i], early: es[i], earlyEnd: es[i] + duration[i],
                      lateStartAt: startAt[i] + 2 * float, lateFinishAt: finishAt[i] + 2 * float, float: float, critical: float == 0)
                : .empty
        }
        for node in order where node >= n {
            if let parent = graph.parent[node - n] { rows[parent].absorb(rows[node - n]) }
        }

        var dates: [Int: String] = [:]
        func date(_ instant: Int) -> String {
            if let known = dates[instant >> 1] { return known }
            let text = WorkingDays.date(days.day(ordinal: instant >> 1))
            dates[instant >> 1] = text
            return text
        }
        tasks = zip(graph.tasks, rows).map { task, row in
            ScheduledTask(id: task.id, start: date(row.startAt), finish: date(row.finishAt), durationDays: row.earlyEnd - row.early,
                          earlyStart: date(row.startAt), earlyFinish: date(row.finishAt),
                          lateStart: date(row.lateStartAt), lateFinish: date(row.lateFinishAt),
                          totalFloat: row.float, critical: row.critical)
        }
        start = date(leaves.map { startAt[$0] }.min() ?? 2 * first)
        finish = date(leaves.map { finishAt[$0] }.max() ?? 2 * first)
        criticalPath = leaves.filter { graph.tasks[$0].kind != .stage && rows[$0].critical }
            .sorted { (startAt[$0], finishAt[$0], $0) < (startAt[$1], finishAt[$1], $1) }
            .map { graph.tasks[$0].id }
        index = Dictionary(graph.tasks.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A row's schedule in instants and ordinals; a stage's spans its children's.
    private struct Row {
        var startAt, finishAt, early, earlyEnd, lateStartAt, lateFinishAt, float: Int
        var critical: Bool

        static let empty = Row(startAt: .max, finishAt: .min, early: .max, earlyEnd: .min, lateStartAt: .max,
                               lateFinishAt: .min, float: .max, critical: false)

        mutating func absorb(_ child: Row) {
            startAt = min(startAt, child.startAt)
            finishAt = max(finishAt, child.finishAt)
            early = min(early, child.early)
            earlyEnd = max(earlyEnd, child.earlyEnd)
            lateStartAt = min(lateStartAt, child.lateStartAt)
            lateFinishAt = max(lateFinishAt, child.lateFinishAt)
            float = min(float, child.float)
            critical = critical || child.critical
        }
    }
}

/// The plan as a graph with two nodes per row, so that stage dependencies need not be multiplied
/// out: row `i`'s entry node `i` passes the constraints on it down to the rows under it, and its
/// exit node `n + i` passes what its rows did up to its parent and on along its dependencies.
/// Edges: entry(stage) → entry(child), entry(leaf) → exit(leaf), exit(child) → exit(stage),
/// exit(predecessor) → entry(successor). A path between two leaves crosses dependencies exactly
/// as the dependencies multiplied out to leaves would, so both have the same cycles.
private struct PlanGraph {
    struct Link {
        let to: Int
        let type: ScheduleDependency.Kind
        let lag: Int
    }

    let tasks: [ScheduleTask]
    let parent: [Int?]
    let children: [[Int]]
    /// By predecessor.
    let linksFrom: [[Link]]

    init(tasks: [ScheduleTask], dependencies: [ScheduleDependency]) {
        self.tasks = tasks
        let index = Dictionary(tasks.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        parent = tasks.indices.map { i in
            guard let p = tasks[i].parentId.flatMap({ index[$0] }), p != i, tasks[p].kind == .stage else { return nil }
            return p
        }
        var children = [[Int]](repeating: [], count: tasks.count)
        for (i, p) in parent.enumerated() { if let p { children[p].append(i) } }
        self.children = children
        var linksFrom = [[Link]](repeating: [], count: tasks.count)
        for dependency in dependencies {
            guard let from = index[dependency.predecessorId], let to = index[dependency.successorId] else { continue }
            linksFrom[from].append(Link(to: to, type: dependency.type, lag: dependency.lagDays))
        }
        self.linksFrom = linksFrom
    }

    func isLeaf(_ row: Int) -> Bool { children[row].isEmpty }

    private func forEachSuccessor(of node: Int, _ body: (Int) -> Void) {
        let n = tasks.count
        if node < n {
            if isLeaf(node) { body(n + node) } else { children[node].forEach { body($0) } }
        } else {
            if let p = parent[node - n] { body(n + p) }
            linksFrom[node - n].forEach { body($0.to) }
        }
    }

    /// The nodes in an order where every edge points forward (Kahn's algorithm), or a cycle.
    func topologicalOrder() -> Result<[Int], ScheduleCycle> {
        let count = 2 * tasks.count
        var waiting = Array(repeating: 0, count: count)
        for node in 0..<count { forEachSuccessor(of: node) { waiting[$0] += 1 } }
        var order = (0..<count).filter { waiting[$0] == 0 }
        order.reserveCapacity(count)
        var next = 0
        while next < order.count {
            forEachSuccessor(of: order[next]) { successor in
                waiting[successor] -= 1
                if waiting[successor] == 0 { order.append(successor) }
            }
            next += 1
        }
        return order.count == count ? .success(order) : .failure(cycle(among: waiting.map { $0 > 0 }))
    }

    /// A cycle through the nodes left over by Kahn's algorithm: each has a predecessor among them,
    /// so walking predecessors must come back to a node already seen.
    private func cycle(among left: [Bool]) -> ScheduleCycle {
        var predecessor = Array(repeating: -1, count: left.count)
        for node in left.indices where left[node] {
            forEachSuccessor(of: node) { if left[$0] && predecessor[$0] < 0 { predecessor[$0] = node } }
        }
        var walk: [Int] = [], seenAt: [Int: Int] = [:]
        var node = left.firstIndex(of: true)!
        while seenAt[node] == nil {
            seenAt[node] = walk.count
            walk.append(node)
            node = predecessor[node]
        }
        // The rows of the loop's nodes in dependency order, each once in a row, starting with the
        // first in the plan.
        var rows: [Int] = []
        for row in walk[seenAt[node]!...].reversed().map({ $0 % tasks.count }) where rows.last != row { rows.append(row) }
        if rows.count > 1 && rows.first == rows.last { rows.removeLast() }
        let start = rows.indices.min { rows[$0] < rows[$1] }!
        rows = Array(rows[start...] + rows[..<start])
        let names = (rows + [rows[0]]).map { "\"\(tasks[$0].name)\"" }
        return ScheduleCycle(taskIds: rows.map { tasks[$0].id }, message: "Dependency cycle: " + names.joined(separator: " → "))
    }
}
