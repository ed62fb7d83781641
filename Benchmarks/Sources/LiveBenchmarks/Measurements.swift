import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// A server as the harness measures it: its process and how to reach it.
struct Target {
    let name: String
    let process: ServerProcess
    var port: Int { process.port }
}

// MARK: 4. HTTP throughput of a small query against a fixed-response route

struct HTTPCase {
    var perSecond: [Double] = []     // requests/s per round
    var cpuMicros: [Double] = []     // server CPU µs per request per round
    var p50: [Double] = []           // µs
    var p99: [Double] = []
}

/// The HTTP cases, by name: `/health`, `POST /graphql {"query":"{ me { id } }"}` with the
/// admin's bearer token, and the same route with an anonymous `{ __typename }` (no credential:
/// what the GraphQL route costs without authentication), on the same server process, with the
/// same closed-loop client and connection count, in rotating order round by round.
let httpCaseNames = ["health", "me", "typename"]

func measureHTTP(_ options: LiveOptions, group: EventLoopGroup, server: Target, token: String) async throws -> [String: HTTPCase] {
    let specs: [String: HTTPRequestSpec] = [
        "health": .get("/health"),
        "me": .post("/graphql", json: #"{"query":"{ me { id } }"}"#, headers: [("Accept", "application/json"), ("Authorization", "Bearer \(token)")]),
        "typename": .post("/graphql", json: #"{"query":"{ __typename }"}"#, headers: [("Accept", "application/json")]),
    ]
    // Each must answer what it should before it is timed.
    for (name, expected) in [("health", #""status":"ok""#), ("me", #""me":{"id":"#), ("typename", #""__typename":"Query""#)] {
        let check = try await httpRequest(group: group, host: "127.0.0.1", port: server.port, specs[name]!)
        guard check.status == 200, check.text.contains(expected) else { throw MeasurementFailure("\(name) answered \(check.status) \(check.text)") }
    }
    var figures: [String: HTTPCase] = [:]
    for name in httpCaseNames {
        let spec = specs[name]!
        _ = try await ClosedLoopLoad.run(group: group, host: "127.0.0.1", port: server.port, connections: options.httpConnections,
                                         duration: .milliseconds(500), make: { _ in spec })
    }
    for round in 0..<options.rounds {
        let order = (0..<httpCaseNames.count).map { httpCaseNames[($0 + round) % httpCaseNames.count] }
        for name in order {
            let spec = specs[name]!
            let cpuBefore = server.process.cpuSeconds() ?? .nan
            let result = try await ClosedLoopLoad.run(group: group, host: "127.0.0.1", port: server.port, connections: options.httpConnections,
                                                      duration: options.duration, make: { _ in spec })
            let cpu = ((server.process.cpuSeconds() ?? .nan) - cpuBefore) * 1e6 / Double(max(result.completed, 1))
            if result.failed > 0 { throw MeasurementFailure("\(name): \(result.failed) requests failed (\(result.firstFailure ?? ""))") }
            let p50 = percentile(result.latenciesMicros, 50), p99 = percentile(result.latenciesMicros, 99)
            figures[name, default: HTTPCase()].perSecond.append(result.perSecond)
            figures[name, default: HTTPCase()].cpuMicros.append(cpu)
            figures[name, default: HTTPCase()].p50.append(p50)
            figures[name, default: HTTPCase()].p99.append(p99)
            print("  http round \(round + 1): \(name.padding(toLength: 8, withPad: " ", startingAt: 0)) \(format(result.perSecond, 0)) req/s, p50 \(format(p50, 0)) µs, p99 \(format(p99, 0)) µs, server CPU \(format(cpu, 1)) µs/req")
        }
    }
    return figures
}

// MARK: 2. Sustained messageReceived, webhook to socket

struct MessageFigures {
    var posted = 0
    var delivered = 0
    var eventsPerSecond = 0.0
    var webhooksPerSecond = 0.0
    var latenciesMs: [Double] = []
    var serverCPUMicros = Double.nan   // server CPU per delivered event
}

/// Arrivals of numbered messages (`lb-<n>` in their text) at one subscriber, and when each
/// numbered request left.
final class ArrivalTracker: @unchecked Sendable {
    private let lock = NIOLock()
    private var arrived: [Int: UInt64] = [:]
    private var sent: [Int: UInt64] = [:]
    private var duplicates = 0
    static let marker = Array("lb-".utf8)

    func arrival(_ buffer: ByteBuffer, at: UInt64) {
        guard let n = buffer.number(after: Self.marker) else { return }
        lock.withLock {
            if arrived[n] == nil { arrived[n] = at } else { duplicates += 1 }
        }
    }

    func sent(_ n: Int, at: UInt64) { lock.withLock { sent[n] = at } }

    var arrivedCount: Int { lock.withLock { arrived.count } }

    func figures(startedAt: UInt64, posted: Int, webhookSeconds: Double) -> MessageFigures {
        lock.withLock {
            var f = MessageFigures()
            f.posted = posted
            f.delivered = arrived.count
            let last = arrived.values.max() ?? startedAt
            f.eventsPerSecond = Double(arrived.count) / (Double(last - startedAt) / 1e9)
            f.webhooksPerSecond = Double(posted) / webhookSeconds
            f.latenciesMs = arrived.compactMap { n, at in sent[n].map { Double(Int64(at) - Int64($0)) / 1e6 } }
            return f
        }
    }
}

/// Posts numbered requests from `make` for the run's duration on `options.webhookConnections`
/// connections while one socket (already subscribed, reporting to `hub`) counts the arrivals;
/// then waits until every posted request has arrived.
func measureArrivals(_ options: LiveOptions, group: EventLoopGroup, server: ServerProcess, hub: SocketHub, label: String,
                     make: @escaping @Sendable (Int) -> HTTPRequestSpec) async throws -> MessageFigures {
    let port = server.port
    let cpuBefore = server.cpuSeconds() ?? .nan
    let tracker = ArrivalTracker()
    hub.listen { _, buffer, at in tracker.arrival(buffer, at: at) }
    defer { hub.listen(nil) }
    let startedAt = nowNanos()
    let load = try await ClosedLoopLoad.run(group: group, host: "127.0.0.1", port: port, connections: options.webhookConnections,
                                            duration: options.duration, make: make,
                                            onCompleted: { n, sentAt, _ in tracker.sent(n, at: sentAt) })
    if load.failed > 0 { throw MeasurementFailure("\(label): \(load.failed) requests failed (\(load.firstFailure ?? ""))") }
    let deadline = nowNanos() + 30_000_000_000
    while tracker.arrivedCount < load.completed && nowNanos() < deadline {
        try await Task.sleep(for: .milliseconds(5))
    }
    var figures = tracker.figures(startedAt: startedAt, posted: load.completed, webhookSeconds: load.seconds)
    figures.serverCPUMicros = ((server.cpuSeconds() ?? .nan) - cpuBefore) * 1e6 / Double(max(figures.delivered, 1))
    if figures.delivered < load.completed {
        throw MeasurementFailure("\(label): \(load.completed) posted, only \(figures.delivered) arrived within 30 s")
    }
    return figures
}

// MARK: 3. Memory per idle connection

struct MemoryFigures {
    var before = 0
    var acknowledged = 0   // RSS with every socket acknowledged, before any subscribe
    var after = 0
    var sockets = 0
    var openSeconds = 0.0
    var perConnection: Double { Double(after - before) / Double(sockets) }
    var perSubscription: Double { Double(after - acknowledged) / Double(sockets) }
}

/// RSS of the server, then `options.sockets` acknowledged connections (RSS again), then one
/// `subscribe` on each, then RSS again once the server is quiet.
func openIdleSockets(_ options: LiveOptions, group: EventLoopGroup, server: Target, hub: SocketHub, token: String,
                     subscribe: String) async throws -> ([WebSocketConnection], MemoryFigures) {
    var figures = MemoryFigures()
    try await settle(server.process)
    figures.before = server.process.rssBytes() ?? 0
    let started = nowNanos()
    let connections = try await openConnections(
        count: options.sockets, concurrency: options.openConcurrency, group: group, host: "127.0.0.1", port: server.port,
        initPayload: #"{"authorization":"Bearer \#(token)"}"#, hub: hub)
    figures.openSeconds = Double(nowNanos() - started) / 1e9
    figures.sockets = connections.count
    try await settle(server.process)
    figures.acknowledged = server.process.rssBytes() ?? 0
    for connection in connections { connection.send(subscribe) }
    try await Task.sleep(for: .milliseconds(500))
    try await settle(server.process)
    figures.after = server.process.rssBytes() ?? 0
    let unexpected = hub.unexpected
    if unexpected.count > 0 { throw MeasurementFailure("\(server.name): \(unexpected.count) sockets closed by the server while opening (codes \(Set(unexpected.codes.values)))") }
    return (connections, figures)
}

/// Waits until the process has used less than 20 ms of CPU in 500 ms (at most 20 s).
func settle(_ process: ServerProcess) async throws {
    let deadline = nowNanos() + 20_000_000_000
    var last = process.cpuSeconds() ?? 0
    while nowNanos() < deadline {
        try await Task.sleep(for: .milliseconds(500))
        let now = process.cpuSeconds() ?? 0
        if now - last < 0.02 { return }
        last = now
    }
}

// MARK: 1. Fan-out of one event

struct FanoutRound {
    var first = 0.0     // ms from the trigger to the first delivery
    var last = 0.0      // ms from the trigger to the last delivery
    var deliveries = 0
    var serverCPUMicros = Double.nan   // server CPU per delivery
    var perSecond: Double { Double(deliveries) / (last / 1000) }
}

/// Counts the `next` messages of every socket of one server.
final class FanoutRecorder: @unchecked Sendable {
    private let lock = NIOLock()
    private var counts: [Int]
    private var firstIndex: Int
    private var target = 0
    private var reached = 0
    private var firstAt: UInt64 = .max
    private var lastAt: UInt64 = 0
    private(set) var sample: ByteBuffer?
    static let next = Array(#""type":"next""#.utf8)

    init(sockets: Int, firstIndex: Int) {
        counts = Array(repeating: 0, count: sockets)
        self.firstIndex = firstIndex
    }

    func message(_ socket: Int, _ buffer: ByteBuffer, _ at: UInt64) {
        guard buffer.contains(Self.next) else { return }
        lock.withLock {
            let i = socket - firstIndex
            counts[i] += 1
            if counts[i] == target {
                reached += 1
                firstAt = min(firstAt, at)
                lastAt = max(lastAt, at)
                if sample == nil { sample = buffer }
            }
        }
    }

    /// Starts a round: every socket is to receive one more `next`.
    func expectOneMore() {
        lock.withLock {
            target += 1
            reached = 0
            firstAt = .max
            lastAt = 0
        }
    }

    var progress: (reached: Int, firstAt: UInt64, lastAt: UInt64) { lock.withLock { (reached, firstAt, lastAt) } }
}

/// One round: `trigger` (timed from its start), then waiting until every socket has its `next`.
func fanoutRound(recorder: FanoutRecorder, server: ServerProcess, sockets: Int, label: String, trigger: () async throws -> Void) async throws -> FanoutRound {
    recorder.expectOneMore()
    let cpuBefore = server.cpuSeconds() ?? .nan
    let start = nowNanos()
    try await trigger()
    let deadline = start + 30_000_000_000
    while recorder.progress.reached < sockets && nowNanos() < deadline {
        try await Task.sleep(for: .milliseconds(1))
    }
    let (reached, firstAt, lastAt) = recorder.progress
    if reached < sockets { throw MeasurementFailure("\(label): only \(reached) of \(sockets) subscribers received the event within 30 s") }
    let cpu = ((server.cpuSeconds() ?? .nan) - cpuBefore) * 1e6 / Double(sockets)
    return FanoutRound(first: Double(firstAt - start) / 1e6, last: Double(lastAt - start) / 1e6, deliveries: sockets, serverCPUMicros: cpu)
}
