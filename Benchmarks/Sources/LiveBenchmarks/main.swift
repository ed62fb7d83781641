import Foundation
import NIOCore
import NIOPosix

// Live updates and HTTP of the real `switchboard` server, each figure against a peer measured in
// the same run (see docs/performance.md, "Live updates and HTTP"):
//   1. one event fanned out to N graphql-transport-ws subscribers, against a raw Hummingbird
//      WebSocket broadcast to N sockets;
//   2. sustained messageReceived from Telegram webhooks to one subscriber, against a raw
//      Hummingbird POST-to-socket relay;
//   3. memory per idle subscribed connection, against the raw server's per idle connection;
//   4. HTTP /graphql `{ me { id } }` against the same process's fixed-response /health.
// The exit status is non-zero when a measurement does not complete (a subscriber that misses
// the event, a failed request, a server that does not start), never because of a time.

let arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == "--raw-peer" {
    guard let index = arguments.firstIndex(of: "--port"), index + 1 < arguments.count, let port = Int(arguments[index + 1]) else {
        fail("--raw-peer needs --port P")
    }
    _ = raiseFileLimit(to: 65_536)
    try await RawPeer.run(port: port)
    exit(0)
}

setvbuf(stdout, nil, _IOLBF, 0)
let options = LiveOptions.parse(arguments)
guard FileManager.default.isExecutableFile(atPath: options.server) else {
    fail("no server binary at \(options.server); build it first: swift build -c release --product switchboard")
}
let fileLimit = raiseFileLimit(to: 65_536)
if fileLimit < options.sockets + 1_000 { fail("the open-file limit is \(fileLimit), too low for \(options.sockets) sockets") }

let group = MultiThreadedEventLoopGroup(numberOfThreads: options.clientThreads)
let workdir = FileManager.default.temporaryDirectory.appendingPathComponent("live-benchmarks-\(getpid())").path
try FileManager.default.createDirectory(atPath: workdir, withIntermediateDirectories: true)

func shell(_ command: String) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", command]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try? process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

#if DEBUG
let buildKind = "DEBUG build of the harness: its client figures mean little"
#else
let buildKind = "release build of the harness"
#endif
let commit = shell("git -C '\(options.repository)' log -1 --format='%h %cI %s' | cut -c1-110")
let dirty = shell("git -C '\(options.repository)' status --porcelain --untracked-files=no -- Sources Package.swift | wc -l")
let binaryDate = (try? FileManager.default.attributesOfItem(atPath: options.server)[.modificationDate] as? Date).map { ISO8601DateFormatter().string(from: $0) } ?? "?"
print("""
    LiveBenchmarks — \(buildKind)
      server: \(options.server) (built \(binaryDate))
      repository at \(commit)\(dirty == "0" ? "" : " + \(dirty) changed files under Sources/ not committed")
      machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(shell("cut -d' ' -f1-3 /proc/loadavg")); \(ProcessInfo.processInfo.operatingSystemVersionString)
      sockets \(options.sockets), rounds \(options.rounds), \(options.duration) per throughput round, \(options.httpConnections) HTTP connections,
      \(options.webhookConnections) webhook connections, client event loops \(options.clientThreads), open-file limit \(fileLimit)
      work directory \(workdir)
    """)

let ourPort = freePort()
let ours = try ServerProcess(
    name: "switchboard", executable: options.server,
    arguments: ["serve", "--demo", "--host", "127.0.0.1", "--port", String(ourPort), "--database", workdir + "/db.sqlite",
                "--migrations", options.repository + "/Migrations", "--schema", options.repository + "/schema.graphql", "--log-level", "warning"],
    port: ourPort, workdir: workdir)
let rawPort = freePort()
let selfPath = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
let raw = try ServerProcess(name: "raw-peer", executable: selfPath, arguments: ["--raw-peer", "--port", String(rawPort)],
                            port: rawPort, workdir: workdir)

func stopAll() {
    ours.stop()
    raw.stop()
    if !options.keep { try? FileManager.default.removeItem(atPath: workdir) }
}

/// Records the server with perf for about the time of a phase when `--perf DIR` is given.
var recordings: [PerfRecording] = []
func profiled<T>(_ phase: String, seconds: Double, _ body: () async throws -> T) async rethrows -> T {
    if let directory = options.perfDirectory {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if let recording = PerfRecording(pid: ours.pid, output: directory + "/perf-\(phase).data", seconds: seconds) { recordings.append(recording) }
    }
    return try await body()
}

// Interrupted or terminated: the servers go too.
var signalSources: [DispatchSourceSignal] = []
for sig in [SIGINT, SIGTERM] {
    signal(sig, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
    source.setEventHandler {
        print("LiveBenchmarks: signal \(sig), stopping the servers")
        stopAll()
        exit(1)
    }
    source.resume()
    signalSources.append(source)
}

var rows: [Row] = []
var notes: [String] = []

func ratioText(_ value: Double) -> String { value.isFinite ? format(value, 2) + "×" : "—" }

do {
    try await ours.waitHealthy(group: group)
    try await raw.waitHealthy(group: group)
    let server = Target(name: "switchboard", process: ours)
    let peer = Target(name: "raw peer", process: raw)
    print("  servers up: switchboard pid \(ours.pid) on :\(ourPort), raw peer pid \(raw.pid) on :\(rawPort); their open-file limits \(ours.fileLimit() ?? 0), \(raw.fileLimit() ?? 0)")

    // Set-up (not timed): the admin's token, a deal to change, a Telegram account.
    var api = GraphQLClient(group: group, port: ourPort, token: nil)
    let signIn = try await api.mutate("signIn", """
        mutation($i: SignInInput!) { signIn(input: $i) { token userErrors { code message } } }
        """, ["i": ["email": "anna.smirnova@switchboard.test", "password": "switchboard-demo", "deviceName": "live-benchmarks"]])
    guard let token = signIn["token"] as? String else { throw MeasurementFailure("signIn gave no token") }
    api.token = token
    let initPayload = #"{"authorization":"Bearer \#(token)"}"#

    // 4. HTTP
    if options.wants("http") {
        print("\n[4] HTTP: POST /graphql { me { id } } vs GET /health, same process, \(options.httpConnections) connections, closed loop")
        let f = try await profiled("http", seconds: 2 + Double(options.rounds * httpCaseNames.count) * (Double(options.duration.components.seconds) + Double(options.duration.components.attoseconds) / 1e18)) { try await measureHTTP(options, group: group, server: server, token: token) }
        let me = f["me"]!, health = f["health"]!, anonymous = f["typename"]!
        let ratio = median(me.perSecond) / median(health.perSecond)
        rows.append(Row(name: "HTTP req/s: /graphql `{ me { id } }` (peer: /health, same process)", ours: format(median(me.perSecond), 0),
                        peer: format(median(health.perSecond), 0), ratio: ratioText(ratio), target: "≥ 0.5", met: ratio >= 0.5 ? "yes" : "no"))
        rows.append(Row(name: "  server CPU µs per request", ours: format(median(me.cpuMicros), 1), peer: format(median(health.cpuMicros), 1),
                        ratio: ratioText(median(me.cpuMicros) / median(health.cpuMicros)), target: "", met: ""))
        rows.append(Row(name: "  latency p50 / p99 µs", ours: format(median(me.p50), 0) + " / " + format(median(me.p99), 0),
                        peer: format(median(health.p50), 0) + " / " + format(median(health.p99), 0), ratio: "", target: "", met: ""))
        let anonymousRatio = median(anonymous.perSecond) / median(health.perSecond)
        rows.append(Row(name: "  extra: anonymous `{ __typename }` req/s (no token) vs /health", ours: format(median(anonymous.perSecond), 0),
                        peer: format(median(health.perSecond), 0), ratio: ratioText(anonymousRatio), target: "", met: ""))
        rows.append(Row(name: "  extra: its server CPU µs per request", ours: format(median(anonymous.cpuMicros), 1), peer: format(median(health.cpuMicros), 1),
                        ratio: ratioText(median(anonymous.cpuMicros) / median(health.cpuMicros)), target: "", met: ""))
    }

    // 2. messageReceived, webhook to socket
    if options.wants("messages") {
        print("\n[2] messageReceived: Telegram webhooks → one subscriber, \(options.webhookConnections) webhook connections, \(options.duration) per round")
        let users = try await api.run("{ users(first: 100) { edges { node { id email } } } }")
        let operatorID = (users[path: "users.edges"] as? [[String: Any]] ?? [])
            .compactMap { $0["node"] as? [String: Any] }.first { $0["email"] as? String == "zhanna.kozlova@switchboard.test" }?["id"] as? String
        guard let operatorID else { throw MeasurementFailure("no demo operator") }
        let channel = try await api.mutate("createChannel", """
            mutation($i: CreateChannelInput!) { createChannel(input: $i) { channel { id } userErrors { code message } } }
            """, ["i": ["name": "Live benchmark Telegram", "kind": "TELEGRAM", "operatorIds": [operatorID]]])
        guard let channelID = channel[path: "channel.id"] as? String else { throw MeasurementFailure("createChannel gave no id") }
        let secret = "live-benchmark-secret"
        let account = try await api.mutate("createChannelAccount", """
            mutation($i: CreateChannelAccountInput!) { createChannelAccount(input: $i) { channelAccount { id } userErrors { code message } } }
            """, ["i": ["channelId": channelID, "name": "@live_bench_bot", "settings": ["apiBaseUrl": "http://127.0.0.1:9"],
                        "credentials": ["botToken": "123456:live-bench", "webhookSecret": secret]]])
        guard let accountID = account[path: "channelAccount.id"] as? String else { throw MeasurementFailure("createChannelAccount gave no id") }

        let ourHub = SocketHub(), rawHub = SocketHub()
        let subscriber = try await WebSocketConnection.open(group: group, host: "127.0.0.1", port: ourPort, initPayload: initPayload, index: 0, hub: ourHub)
        subscriber.send(#"{"id":"m","type":"subscribe","payload":{"query":"subscription { messageReceived { message { text id } dialogue { id } } }"}}"#)
        let rawSubscriber = try await WebSocketConnection.open(group: group, host: "127.0.0.1", port: rawPort, initPayload: initPayload, index: 0, hub: rawHub)
        try await Task.sleep(for: .milliseconds(300))

        let chats = (0..<8).map { 700_000_000 + $0 }
        let hookPath = "/hooks/telegram/\(accountID)"
        let hookHeaders = [("X-Telegram-Bot-Api-Secret-Token", secret)]
        @Sendable func update(_ id: Int, chat: Int, text: String) -> HTTPRequestSpec {
            .post(hookPath, json: """
                {"update_id":\(id),"message":{"message_id":\(id),"date":\(Int(Date().timeIntervalSince1970)),"text":"\(text)",\
                "chat":{"id":\(chat),"type":"private"},"from":{"id":\(chat),"first_name":"Bench","username":"bench\(chat)"}}}
                """, headers: hookHeaders)
        }
        // Each chat's first message opens its dialogue (not timed); it must reach the subscriber.
        let warm = ArrivalTracker()
        ourHub.listen { _, buffer, at in warm.arrival(buffer, at: at) }
        for (i, chat) in chats.enumerated() {
            let answer = try await httpRequest(group: group, host: "127.0.0.1", port: ourPort, update(1_000 + i, chat: chat, text: "lb-\(i)"))
            guard answer.status == 200, answer.text.contains(#""stored":true"#) else { throw MeasurementFailure("Telegram webhook answered \(answer.status) \(answer.text)") }
        }
        let warmDeadline = nowNanos() + 10_000_000_000
        while warm.arrivedCount < chats.count && nowNanos() < warmDeadline { try await Task.sleep(for: .milliseconds(10)) }
        guard warm.arrivedCount == chats.count else { throw MeasurementFailure("the subscriber received \(warm.arrivedCount) of \(chats.count) first messages") }
        ourHub.listen(nil)

        var oursRounds: [MessageFigures] = [], rawRounds: [MessageFigures] = []
        try await profiled("messages", seconds: Double(options.rounds * 2) * (Double(options.duration.components.seconds) + Double(options.duration.components.attoseconds) / 1e18)) {
        for round in 0..<options.rounds {
            let base = 10_000_000 * (round + 1)
            let o = try await measureArrivals(options, group: group, server: ours, hub: ourHub, label: "messageReceived round \(round + 1)") { n in
                update(base + n, chat: chats[n % chats.count], text: "lb-\(n)")
            }
            let r = try await measureArrivals(options, group: group, server: raw, hub: rawHub, label: "raw relay round \(round + 1)") { n in
                .post("/relay", json: #"{"type":"next","id":"m","payload":{"data":{"messageReceived":{"message":{"text":"lb-\#(n)","id":"\#(n)"}}}}}"#)
            }
            oursRounds.append(o)
            rawRounds.append(r)
            for (name, f) in [("ours ", o), ("relay", r)] {
                print("  round \(round + 1) \(name): \(f.delivered) delivered, \(format(f.eventsPerSecond, 0)) events/s, webhooks \(format(f.webhooksPerSecond, 0))/s, latency p50 \(format(percentile(f.latenciesMs, 50), 1)) ms, p99 \(format(percentile(f.latenciesMs, 99), 1)) ms, max \(format(f.latenciesMs.max() ?? .nan, 1)) ms, server CPU \(format(f.serverCPUMicros, 0)) µs/event")
            }
        }
        }
        await subscriber.close()
        await rawSubscriber.close()
        let oRate = median(oursRounds.map(\.eventsPerSecond)), rRate = median(rawRounds.map(\.eventsPerSecond))
        rows.append(Row(name: "messageReceived events/s, webhook → socket (peer: raw POST → socket relay)", ours: format(oRate, 0), peer: format(rRate, 0),
                        ratio: ratioText(oRate / rRate), target: "—", met: "—"))
        let oP50 = median(oursRounds.map { percentile($0.latenciesMs, 50) }), rP50 = median(rawRounds.map { percentile($0.latenciesMs, 50) })
        let oP99 = median(oursRounds.map { percentile($0.latenciesMs, 99) }), rP99 = median(rawRounds.map { percentile($0.latenciesMs, 99) })
        rows.append(Row(name: "  latency webhook sent → next received, p50 ms", ours: format(oP50, 1), peer: format(rP50, 2), ratio: "", target: "", met: ""))
        rows.append(Row(name: "  latency p99 ms", ours: format(oP99, 1), peer: format(rP99, 2), ratio: "", target: "", met: ""))
        rows.append(Row(name: "  server CPU µs per event", ours: format(median(oursRounds.map(\.serverCPUMicros)), 0),
                        peer: format(median(rawRounds.map(\.serverCPUMicros)), 0), ratio: "", target: "", met: ""))
    }

    // 3. Memory per idle connection, then 1. fan-out over those connections
    if options.wants("memory") || options.wants("fanout") {
        let dealQuery = "subscription { dealChanged { eventId change changedFields deal { id title } } }"
        let subscribe = #"{"id":"d","type":"subscribe","payload":{"query":"\#(dealQuery)"}}"#
        let pipelines = try await api.run("{ pipelines(first: 1) { edges { node { id } } } }")
        guard let pipelineID = pipelines[path: "pipelines.edges.0.node.id"] as? String else { throw MeasurementFailure("no pipeline") }
        let created = try await api.mutate("createDeal", """
            mutation($t: String!, $p: ID!) { createDeal(input: {title: $t, pipelineId: $p}) { deal { id version } userErrors { code message } } }
            """, ["t": "Live benchmark deal", "p": pipelineID])
        guard let dealID = created[path: "deal.id"] as? String, var version = created[path: "deal.version"] as? Int else {
            throw MeasurementFailure("createDeal gave no deal")
        }

        print("\n[3] memory: \(options.sockets) acknowledged sockets with one subscription each (\(options.openConcurrency) opening at a time)")
        let ourRecorder = FanoutRecorder(sockets: options.sockets, firstIndex: 0)
        let rawRecorder = FanoutRecorder(sockets: options.sockets, firstIndex: 0)
        let ourHub = SocketHub(), rawHub = SocketHub()
        ourHub.listen { ourRecorder.message($0, $1, $2) }
        rawHub.listen { rawRecorder.message($0, $1, $2) }
        let threadsBefore = ours.threads() ?? 0
        let (ourSockets, ourMemory) = try await openIdleSockets(options, group: group, server: server, hub: ourHub, token: token, subscribe: subscribe)
        let (rawSockets, rawMemory) = try await openIdleSockets(options, group: group, server: peer, hub: rawHub, token: token, subscribe: subscribe)
        for (name, m) in [("switchboard", ourMemory), ("raw peer", rawMemory)] {
            print("  \(name): RSS \(format(Double(m.before) / 1_048_576, 1)) MiB → \(format(Double(m.acknowledged) / 1_048_576, 1)) MiB acknowledged → \(format(Double(m.after) / 1_048_576, 1)) MiB subscribed, \(format(m.perConnection / 1024, 2)) KiB per connection (\(format(m.perSubscription / 1024, 2)) KiB of it after subscribe); opened in \(format(m.openSeconds, 2)) s (\(format(Double(m.sockets) / m.openSeconds, 0))/s)")
        }
        print("  switchboard threads: \(threadsBefore) → \(ours.threads() ?? 0)")
        if options.wants("memory") {
            let ratio = ourMemory.perConnection / rawMemory.perConnection
            rows.append(Row(name: "memory per idle subscribed socket, KiB (peer: raw Hummingbird WS)", ours: format(ourMemory.perConnection / 1024, 1),
                            peer: format(rawMemory.perConnection / 1024, 1), ratio: ratioText(ratio), target: "< 20 KB",
                            met: ourMemory.perConnection < 20_000 ? "yes" : "no"))
            rows.append(Row(name: "  of which after `subscribe`, KiB", ours: format(ourMemory.perSubscription / 1024, 1),
                            peer: format(rawMemory.perSubscription / 1024, 1), ratio: "", target: "", met: ""))
            rows.append(Row(name: "  connections opened per second", ours: format(Double(ourMemory.sockets) / ourMemory.openSeconds, 0),
                            peer: format(Double(rawMemory.sockets) / rawMemory.openSeconds, 0), ratio: "", target: "", met: ""))
        }

        if options.wants("fanout") {
            print("\n[1] fan-out: one event to \(options.sockets) subscribers; updateDeal vs raw broadcast of the same message, alternating; 1 warm-up + \(options.rounds) rounds")
            var oursRounds: [FanoutRound] = [], rawRounds: [FanoutRound] = []
            try await profiled("fanout", seconds: Double(options.rounds + 1) * (1.2 + Double(options.sockets) / 1000)) {
            for round in 0...options.rounds {
                let o = try await fanoutRound(recorder: ourRecorder, server: ours, sockets: options.sockets, label: "dealChanged fan-out round \(round)") {
                    let updated = try await api.mutate("updateDeal", """
                        mutation($id: ID!, $v: Int!, $t: String) { updateDeal(input: {id: $id, version: $v, title: $t}) { deal { version } userErrors { code message } } }
                        """, ["id": dealID, "v": version, "t": "Live benchmark deal, round \(round)"])
                    guard let next = updated[path: "deal.version"] as? Int else { throw MeasurementFailure("updateDeal gave no version") }
                    version = next
                }
                guard let sample = ourRecorder.sample else { throw MeasurementFailure("no message sample") }
                try await Task.sleep(for: .milliseconds(300))
                let r = try await fanoutRound(recorder: rawRecorder, server: raw, sockets: options.sockets, label: "raw broadcast round \(round)") {
                    let answer = try await httpRequest(group: group, host: "127.0.0.1", port: rawPort,
                                                       HTTPRequestSpec(method: .POST, path: "/broadcast", body: sample))
                    guard answer.status == 200 else { throw MeasurementFailure("raw broadcast answered \(answer.status)") }
                }
                try await Task.sleep(for: .milliseconds(300))
                print("  \(round == 0 ? "warm-up" : "round \(round)"): switchboard first \(format(o.first, 1)) ms, last \(format(o.last, 1)) ms (\(format(o.perSecond, 0)) deliveries/s, server CPU \(format(o.serverCPUMicros, 0)) µs/delivery); raw first \(format(r.first, 1)) ms, last \(format(r.last, 1)) ms (\(format(r.perSecond, 0))/s, \(format(r.serverCPUMicros, 1)) µs/delivery)")
                if round > 0 {
                    oursRounds.append(o)
                    rawRounds.append(r)
                }
            }
            }
            if let sample = ourRecorder.sample { notes.append("fan-out message (\(sample.readableBytes) bytes): " + String(buffer: sample)) }
            let oLast = median(oursRounds.map(\.last)), rLast = median(rawRounds.map(\.last))
            let oRate = median(oursRounds.map(\.perSecond)), rRate = median(rawRounds.map(\.perSecond))
            rows.append(Row(name: "fan-out to \(format(Double(options.sockets), 0)): trigger → last `next`, ms (peer: raw broadcast)", ours: format(oLast, 1),
                            peer: format(rLast, 1), ratio: ratioText(oLast / rLast), target: "< 100 ms", met: oLast < 100 ? "yes" : "no"))
            rows.append(Row(name: "  trigger → first `next`, ms", ours: format(median(oursRounds.map(\.first)), 1),
                            peer: format(median(rawRounds.map(\.first)), 1), ratio: "", target: "", met: ""))
            rows.append(Row(name: "  first → last `next`, ms", ours: format(median(oursRounds.map { $0.last - $0.first }), 1),
                            peer: format(median(rawRounds.map { $0.last - $0.first }), 1), ratio: "", target: "", met: ""))
            rows.append(Row(name: "  server CPU µs per delivery", ours: format(median(oursRounds.map(\.serverCPUMicros)), 1),
                            peer: format(median(rawRounds.map(\.serverCPUMicros)), 1), ratio: "", target: "", met: ""))
            rows.append(Row(name: "fan-out deliveries/s (N ÷ trigger → last)", ours: format(oRate, 0), peer: format(rRate, 0),
                            ratio: ratioText(oRate / rRate), target: "≥ 0.5 × peer", met: oRate / rRate >= 0.5 ? "yes" : "no"))
        }

        let unexpected = ourHub.unexpected.count + rawHub.unexpected.count
        if unexpected > 0 { throw MeasurementFailure("\(unexpected) sockets were closed by a server during the run (codes \(ourHub.unexpected.codes) \(rawHub.unexpected.codes))") }
        await closeConnections(ourSockets)
        await closeConnections(rawSockets)
        try await settle(ours)
        try await Task.sleep(for: .seconds(2))
        print("  after closing: switchboard RSS \(format(Double(ours.rssBytes() ?? 0) / 1_048_576, 1)) MiB, threads \(ours.threads() ?? 0); raw peer RSS \(format(Double(raw.rssBytes() ?? 0) / 1_048_576, 1)) MiB")
    }

    print("\nResults (ours = switchboard \(commit.split(separator: " ").first ?? "?"); peer as named; medians of \(options.rounds) rounds)\n")
    printTable(rows)
    for note in notes { print("\n" + note) }
    for recording in recordings { recording.wait() }
    stopAll()
    try? await group.shutdownGracefully()
    exit(0)
} catch {
    print("\nLiveBenchmarks: a measurement did not complete: \(error)")
    print("switchboard log tail:\n\(ours.logTail())")
    stopAll()
    exit(1)
}
