// EngineBenchmarks: times GraphQLEngine (ours) and GraphQLSwift (the peer) on the same inputs in
// one run and prints a table. See docs/performance.md.
//
//     swift run -c release --package-path Benchmarks EngineBenchmarks [--budget SECONDS] [--filter TEXT] [--dump DIR]
//
// It asserts nothing about time (the machines are shared and noisy); it exits non-zero only when
// an engine fails (a parse error, a schema error, an invalid query, an execution with errors) or
// when the two engines' responses to an execution case differ.
import Foundation

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

// MARK: - Inputs

/// Benchmarks/ (this file is Benchmarks/Sources/EngineBenchmarks/main.swift).
let benchmarksDir = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func readText(_ relativePath: String) throws -> String {
    let url = benchmarksDir.appendingPathComponent(relativePath)
    do { return try String(contentsOf: url, encoding: .utf8) } catch {
        throw BenchError("cannot read \(url.path): \(error)")
    }
}

// MARK: - Cases

/// An execution case: both engines parse and validate `query` once (untimed), execute it once
/// and must return the same data without errors; the timed operation is execute + write the
/// whole response as JSON.
func executionCase(name: String, detail: String, _ input: ExecutionInput,
                   normalize: (JSON) -> JSON = { $0 }) async throws -> BenchCase {
    if let engine = profileEngine {
        // Profiling one engine: build only its side, so the profile holds none of the other
        // engine's work; the responses are checked in normal runs.
        let prepared = engine == "ours" ? try await Ours.prepareExecution(input) : try await Peer.prepareExecution(input)
        let unused: Operation = { throw BenchError("not the profiled engine") }
        return BenchCase(name: name, detail: detail, bytesPerOp: nil,
                         ours: engine == "ours" ? prepared.op : unused, peer: engine == "ours" ? unused : prepared.op)
    }
    let ours = try await Ours.prepareExecution(input)
    let peer = try await Peer.prepareExecution(input)
    if let dumpDirectory {
        let base = URL(fileURLWithPath: dumpDirectory)
        let slug = name.map { $0.isLetter || $0.isNumber ? $0 : "-" }
        try Data(ours.response).write(to: base.appendingPathComponent("\(String(slug)).ours.json"))
        try Data(peer.response).write(to: base.appendingPathComponent("\(String(slug)).peer.json"))
    }
    let check = try compareResponses(name, ours: ours.response, peer: peer.response, normalize: normalize)
    return BenchCase(name: name, detail: detail + "; checked: " + check.summary, bytesPerOp: nil,
                     ours: ours.op, peer: peer.op)
}

/// The introspection query both engines run: `IntrospectionQuery.full` (graphql-js
/// `getIntrospectionQuery` with every option on) minus `isDeprecated` and `deprecationReason` in
/// `fragment InputValue`, that is graphql-js's query with `inputValueDeprecation` off for the
/// selection while keeping `includeDeprecated: true` on `args` and `inputFields`. GraphQLSwift
/// 4.3.0 cannot answer those two fields: its argument and input-field definitions have no
/// `isDeprecated` property, so its default (Mirror) resolver returns null for a non-null field
/// and the whole response fails ("Cannot return null for non-nullable field
/// __InputValue.isDeprecated."). GraphQLSwift has no introspection query text of its own.
func sharedIntrospectionQuery() throws -> String {
    let full = Ours.introspectionQuery
    var lines: [Substring] = []
    var inInputValue = false, removed = 0
    for line in full.split(separator: "\n", omittingEmptySubsequences: false) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("fragment ") { inInputValue = trimmed.hasPrefix("fragment InputValue on __InputValue") }
        if inInputValue && (trimmed == "isDeprecated" || trimmed == "deprecationReason") {
            removed += 1
            continue
        }
        lines.append(line)
    }
    guard removed == 2 else {
        throw BenchError("IntrospectionQuery.full changed: expected isDeprecated and deprecationReason in fragment InputValue")
    }
    return lines.joined(separator: "\n")
}

/// The cases, in order. A case is a name plus a factory that does the untimed setup and returns
/// both closures. To add one, append an entry whose factory builds the schema/resolvers/document
/// once and returns `BenchCase(ours: { … }, peer: { … })`.
let caseFactories: [(name: String, make: @Sendable () async throws -> BenchCase)] = [
    ("parse kitchen-sink query", {
        let text = try readText("Fixtures/kitchen-sink.graphql")
        return BenchCase(
            name: "parse kitchen-sink query",
            detail: "Fixtures/kitchen-sink.graphql, String → document, with locations",
            bytesPerOp: text.utf8.count,
            ours: try Ours.parse(text, sdl: false),
            peer: try Peer.parse(text))
    }),
    ("parse schema.graphql (SDL)", {
        let text = try readText("../schema.graphql")
        return BenchCase(
            name: "parse schema.graphql (SDL)",
            detail: "../schema.graphql, String → document, with locations (ours: ParseOptions.schema)",
            bytesPerOp: text.utf8.count,
            ours: try Ours.parse(text, sdl: true),
            peer: try Peer.parse(text))
    }),
    ("validate 100-deals query", {
        let sdl = try readText("../schema.graphql")
        let query = try readText("Fixtures/deals-100.graphql")
        return BenchCase(
            name: "validate 100-deals query",
            detail: "Fixtures/deals-100.graphql, parsed beforehand, all specified rules, schema built from schema.graphql by each engine",
            bytesPerOp: nil,
            ours: try Ours.validate(sdl: sdl, query: query),
            peer: try Peer.validate(sdl: sdl, query: query))
    }),
    ("execute 100 deals with client and 3 tasks", {
        try await executionCase(
            name: "execute 100 deals with client and 3 tasks",
            detail: "deals(first: 100) { 4 scalars, client { 3 }, tasks(first: 3) { 4 } } over in-memory structs; "
                + "ours: key-path fields, batchField for client and tasks; peer: a closure per field; execute + JSON",
            .deals)
    }),
    ("execute introspection query over schema.graphql", {
        let sdl = try readText("../schema.graphql")
        return try await executionCase(
            name: "execute introspection query over schema.graphql",
            detail: "GraphQLEngine.IntrospectionQuery.full minus __InputValue.isDeprecated/deprecationReason (the peer cannot answer them) for both; "
                + "schema built from schema.graphql by each; execute + JSON; data compared after normalisation (order, built-ins, peer gaps: see normalizeIntrospection)",
            .introspection(sdl: sdl, query: try sharedIntrospectionQuery()),
            normalize: normalizeIntrospection)
    }),
    ("execute 1,000 items of 5 scalars", {
        try await executionCase(
            name: "execute 1,000 items of 5 scalars",
            detail: "items(first: 1000) { id name price quantity active } over in-memory structs; "
                + "ours: key-path fields; peer: a closure per field; execute + JSON",
            .items)
    }),
]

// MARK: - Arguments

var config = BenchConfig()
var filter: String?
/// `--profile ours|peer`: run only that engine's closures, a fixed number of times, untimed, for
/// a profiler (`valgrind --tool=callgrind`, `perf record`).
nonisolated(unsafe) var profileEngine: String?
var profileIterations = 200
/// `--dump DIR`: write both engines' response to each execution case into DIR, before comparing.
nonisolated(unsafe) var dumpDirectory: String?
do {
    var args = CommandLine.arguments.dropFirst()
    while let arg = args.popFirst() {
        switch arg {
        case "--budget":
            guard let v = args.popFirst().flatMap(Double.init), v > 0 else {
                FileHandle.standardError.write(Data("--budget needs a number of seconds\n".utf8))
                exit(2)
            }
            config.budget = .milliseconds(Int(v * 1000))
        case "--filter":
            filter = args.popFirst()
        case "--dump":
            dumpDirectory = args.popFirst()
        case "--profile":
            profileEngine = args.popFirst()
            guard profileEngine == "ours" || profileEngine == "peer" else {
                FileHandle.standardError.write(Data("--profile needs ours or peer\n".utf8))
                exit(2)
            }
        case "--iterations":
            guard let v = args.popFirst().flatMap(Int.init), v > 0 else {
                FileHandle.standardError.write(Data("--iterations needs a positive number\n".utf8))
                exit(2)
            }
            profileIterations = v
        case "-h", "--help":
            print("""
                usage: EngineBenchmarks [--budget SECONDS] [--filter TEXT]
                       EngineBenchmarks --profile ours|peer [--iterations N] [--filter TEXT]
                       EngineBenchmarks --dump DIR [--filter TEXT] ...
                  --budget      measuring time per engine per case, default 1.5
                  --filter      run only the cases whose name contains TEXT
                  --profile     run one engine's closures N times (default 200) untimed, for a profiler
                  --dump        write both engines' response to each execution case into directory DIR
                """)
            exit(0)
        default:
            FileHandle.standardError.write(Data("unknown argument \(arg); try --help\n".utf8))
            exit(2)
        }
    }
}

let selectedFactories = caseFactories.filter { f in filter.map { f.name.localizedCaseInsensitiveContains($0) } ?? true }
if selectedFactories.isEmpty {
    FileHandle.standardError.write(Data("no case matches the filter; cases: \(caseFactories.map(\.name))\n".utf8))
    exit(1)
}

// MARK: - Profiling mode

if let engine = profileEngine {
    var checksum = 0
    for factory in selectedFactories {
        do {
            let make = factory.make
            let c = try blockingAwait { try await make() }
            let op = engine == "ours" ? c.ours : c.peer
            let n = profileIterations
            checksum &+= try blockingAwait { try await runBatch(op, n, clock: ContinuousClock()).2 }
            print("profiled \(engine): \(c.name) × \(profileIterations)")
        } catch {
            FileHandle.standardError.write(Data("error in case '\(factory.name)': \(error)\n".utf8))
            exit(1)
        }
    }
    print("checksum: \(checksum)")
    exit(0)
}

// MARK: - Conditions

func firstLine(of path: String, prefix: String) -> String? {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix(prefix) {
        return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
    }
    return nil
}

func loadAverage() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "n/a" }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}

#if DEBUG
let buildConfiguration = "debug (numbers are NOT meaningful; use -c release)"
#else
let buildConfiguration = "release"
#endif

#if compiler(>=6.3)
let compilerVersion = "Swift compiler >= 6.3"
#elseif compiler(>=6.2)
let compilerVersion = "Swift compiler 6.2.x"
#elseif compiler(>=6.1)
let compilerVersion = "Swift compiler 6.1.x"
#else
let compilerVersion = "Swift compiler < 6.1"
#endif

let info = ProcessInfo.processInfo
let date = ISO8601DateFormatter().string(from: Date())
print("# GraphQL engine benchmarks")
print("")
print("date:          \(date)")
print("build:         \(buildConfiguration), \(compilerVersion)")
print("os:            \(info.operatingSystemVersionString)")
print("cpu:           \(firstLine(of: "/proc/cpuinfo", prefix: "model name") ?? "unknown"), "
    + "\(info.activeProcessorCount) active of \(info.processorCount) cores; parse and validate run on one thread, "
    + "executions on Swift concurrency's global executor (both engines may use several threads)")
print("memory:        \(info.physicalMemory / (1 << 20)) MiB")
print("load average:  \(loadAverage()) (at start)")
print("engines:       ours = \(Ours.name), \(Ours.specifiedRuleCount) specified validation rules; "
    + "peer = \(Peer.name), \(Peer.specifiedRuleCount) specified validation rules")
if Ours.specifiedRuleCount == 0 {
    print("warning:       our specifiedRules is EMPTY: the validate case times only the walk and TypeInfo")
}
print("method:        per engine per case: \(Int(config.warmup.nanoseconds / 1e6)) ms warm-up, then batches of "
    + "~\(Int(config.batch.nanoseconds / 1e6)) ms alternating ours/peer for >= \(config.budget.nanoseconds / 1e9) s "
    + "and >= \(config.minBatches) batches each; median of the batches; ContinuousClock (wall) and process CPU time")
print("")

// MARK: - Run

struct Row {
    let c: BenchCase
    let ours: Measurement
    let peer: Measurement
}

var rows: [Row] = []
var failed = false
for factory in selectedFactories {
    do {
        let make = factory.make
        let c = try blockingAwait { try await make() }
        print("running: \(c.name) — \(c.detail)")
        let cfg = config
        let (ours, peer) = try blockingAwait { try await measure(c, cfg) }
        rows.append(Row(c: c, ours: ours, peer: peer))
    } catch {
        FileHandle.standardError.write(Data("error in case '\(factory.name)': \(error)\n".utf8))
        failed = true
    }
}
print("")

// MARK: - Report

func fmt(_ v: Double, _ digits: Int = 2) -> String {
    v.isNaN ? "n/a" : String(format: "%.\(digits)f", v)
}
func micros(_ ns: Double) -> String { fmt(ns / 1000, ns < 10_000 ? 2 : 1) }
func mbps(_ bytes: Int?, _ ns: Double) -> String {
    guard let bytes else { return "—" }
    return fmt(Double(bytes) * 1e3 / ns, 1)  // bytes per ns × 1e3 = MB (10^6 bytes) per second
}

/// Prints a Markdown table; the first `left` columns are left-aligned, the rest right-aligned.
func printTable(_ header: [String], _ rows: [[String]], left: Int = 1) {
    var widths = header.map(\.count)
    for r in rows { for (i, cell) in r.enumerated() { widths[i] = max(widths[i], cell.count) } }
    func line(_ cells: [String]) -> String {
        "| " + cells.enumerated().map { i, c in
            i < left ? c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                : String(repeating: " ", count: widths[i] - c.count) + c
        }.joined(separator: " | ") + " |"
    }
    print(line(header))
    print("|" + widths.enumerated().map { i, w in
        i < left ? String(repeating: "-", count: w + 2) : String(repeating: "-", count: w + 1) + ":"
    }.joined(separator: "|") + "|")
    for r in rows { print(line(r)) }
}

print("## Results (median µs per operation; ratio > 1 means ours is faster)")
print("")
printTable(
    ["case", "ours µs/op", "peer µs/op", "ratio peer/ours", "CPU ratio", "ours MB/s", "peer MB/s"],
    rows.map { r in
        [r.c.name, micros(r.ours.median), micros(r.peer.median), fmt(r.peer.median / r.ours.median, 1) + "×",
         fmt(r.peer.cpuMedian / r.ours.cpuMedian, 1) + "×",
         mbps(r.c.bytesPerOp, r.ours.median), mbps(r.c.bytesPerOp, r.peer.median)]
    })
print("")
print("ratio = wall-clock ratio of the medians; CPU ratio = ratio of the median process CPU time per operation "
    + "(differs when an engine runs work on more than one thread at once).")
print("")
print("## Spread (µs per operation over the batches; CPU = process CPU time, all threads)")
print("")
printTable(
    ["case", "engine", "input bytes", "batches × iterations", "min", "median", "max", "CPU median", "CPU/wall"],
    rows.flatMap { r in
        [("ours", r.ours), ("peer", r.peer)].map { name, m in
            [r.c.name, name, r.c.bytesPerOp.map(String.init) ?? "—",
             "\(m.batchNanosPerOp.count) × \(m.iterationsPerBatch)",
             micros(m.min), micros(m.median), micros(m.max), micros(m.cpuMedian), fmt(m.cpuMedian / m.median, 2)]
        }
    }, left: 2)
print("")
print("load average:  \(loadAverage()) (at end)")
print("checksum:      \(rows.reduce(0) { $0 &+ $1.ours.checksum &+ $1.peer.checksum })")

if failed {
    FileHandle.standardError.write(Data("FAILED: at least one case could not run (see above)\n".utf8))
    exit(1)
}
