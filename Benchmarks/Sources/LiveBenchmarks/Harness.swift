import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// Options of a run.
struct LiveOptions {
    var repository = "."
    var server = ""
    var sockets = 5_000
    var rounds = 5
    var duration: Duration = .seconds(3)
    var httpConnections = 16
    var webhookConnections = 16
    var openConcurrency = 64
    var clientThreads = 2
    var only: Set<String> = []
    var keep = false
    var perfDirectory: String?

    func wants(_ part: String) -> Bool { only.isEmpty || only.contains(part) }

    static let usage = """
        LiveBenchmarks [--server PATH] [--repository PATH] [--sockets N] [--rounds N] [--duration SECONDS]
                       [--http-connections N] [--webhook-connections N] [--open-concurrency N] [--client-threads N]
                       [--only http,messages,memory,fanout] [--keep] [--perf DIR]
        LiveBenchmarks --raw-peer --port P        (the peer server; the harness starts it itself)
        """

    static func parse(_ arguments: [String]) -> LiveOptions {
        var options = LiveOptions()
        var rest = arguments[...]
        func value(_ name: String) -> String {
            guard let next = rest.popFirst() else { fail("\(name) needs a value\n\(usage)") }
            return next
        }
        func number(_ name: String) -> Int {
            guard let n = Int(value(name)), n > 0 else { fail("\(name) takes a positive number") }
            return n
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--repository": options.repository = value(argument)
            case "--server": options.server = value(argument)
            case "--sockets": options.sockets = number(argument)
            case "--rounds": options.rounds = number(argument)
            case "--duration":
                guard let seconds = Double(value(argument)), seconds > 0 else { fail("--duration takes seconds") }
                options.duration = .milliseconds(Int(seconds * 1000))
            case "--http-connections": options.httpConnections = number(argument)
            case "--webhook-connections": options.webhookConnections = number(argument)
            case "--open-concurrency": options.openConcurrency = number(argument)
            case "--client-threads": options.clientThreads = number(argument)
            case "--only": options.only = Set(value(argument).split(separator: ",").map(String.init))
            case "--keep": options.keep = true
            case "--perf": options.perfDirectory = value(argument)
            case "-h", "--help":
                print(usage)
                exit(0)
            default: fail("unknown argument \(argument)\n\(usage)")
            }
        }
        if !FileManager.default.fileExists(atPath: options.repository + "/schema.graphql"),
           FileManager.default.fileExists(atPath: options.repository + "/../schema.graphql") {
            options.repository += "/.."
        }
        options.repository = URL(fileURLWithPath: options.repository).standardizedFileURL.path
        if options.server.isEmpty { options.server = options.repository + "/.build/release/switchboard" }
        return options
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("LiveBenchmarks: " + message + "\n").utf8))
    exit(2)
}

/// A measurement that did not complete: the run exits non-zero.
struct MeasurementFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

// MARK: Statistics

func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
}

func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func format(_ value: Double, _ digits: Int = 1) -> String {
    guard value.isFinite else { return "—" }
    let text = String(format: "%.\(digits)f", value)
    // Thousands separators on the integer part.
    let parts = text.split(separator: ".", maxSplits: 1)
    var integer = String(parts[0])
    let negative = integer.hasPrefix("-")
    if negative { integer.removeFirst() }
    var grouped = ""
    for (i, c) in integer.reversed().enumerated() {
        if i > 0 && i % 3 == 0 { grouped.append(",") }
        grouped.append(c)
    }
    let head = (negative ? "-" : "") + String(grouped.reversed())
    return parts.count > 1 ? head + "." + parts[1] : head
}

/// One row of the summary table.
struct Row {
    var name: String
    var ours: String
    var peer: String
    var ratio: String
    var target: String
    var met: String
}

func printTable(_ rows: [Row]) {
    let header = Row(name: "case", ours: "ours", peer: "peer", ratio: "ratio", target: "target", met: "met?")
    let all = [header] + rows
    func width(_ key: KeyPath<Row, String>) -> Int { all.map { $0[keyPath: key].count }.max() ?? 0 }
    let w = [width(\.name), width(\.ours), width(\.peer), width(\.ratio), width(\.target), width(\.met)]
    func line(_ r: Row) -> String {
        let cells = [r.name.padding(toLength: w[0], withPad: " ", startingAt: 0),
                     String(repeating: " ", count: w[1] - r.ours.count) + r.ours,
                     String(repeating: " ", count: w[2] - r.peer.count) + r.peer,
                     String(repeating: " ", count: w[3] - r.ratio.count) + r.ratio,
                     r.target.padding(toLength: w[4], withPad: " ", startingAt: 0),
                     r.met.padding(toLength: w[5], withPad: " ", startingAt: 0)]
        return "| " + cells.joined(separator: " | ") + " |"
    }
    print(line(header))
    print("|" + w.enumerated().map { i, n in String(repeating: "-", count: n + 1) + ((1...3).contains(i) ? ":" : "-") }.joined(separator: "|") + "|")
    for row in rows { print(line(row)) }
}

// MARK: JSON over HTTP

/// `/graphql` of a server, for set-up and checks (not timed).
struct GraphQLClient: Sendable {
    let group: EventLoopGroup
    let port: Int
    var token: String?

    func run(_ query: String, _ variables: [String: Any] = [:]) async throws -> [String: Any] {
        let payload = try JSONSerialization.data(withJSONObject: ["query": query, "variables": variables])
        var headers = [("Accept", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        let answer = try await httpRequest(group: group, host: "127.0.0.1", port: port,
                                           .post("/graphql", json: String(decoding: payload, as: UTF8.self), headers: headers))
        guard answer.status == 200, let body = try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any] else {
            throw MeasurementFailure("GraphQL request failed: HTTP \(answer.status) \(answer.text.prefix(300))")
        }
        if let errors = body["errors"] as? [Any], !errors.isEmpty {
            throw MeasurementFailure("GraphQL errors: \(answer.text.prefix(500))")
        }
        return body["data"] as? [String: Any] ?? [:]
    }

    /// `data.<field>`, with its `userErrors` (if any) required empty.
    func mutate(_ field: String, _ query: String, _ variables: [String: Any]) async throws -> [String: Any] {
        let data = try await run(query, variables)
        guard let payload = data[field] as? [String: Any] else { throw MeasurementFailure("no \(field) in the response") }
        if let errors = payload["userErrors"] as? [Any], !errors.isEmpty { throw MeasurementFailure("\(field): \(errors)") }
        return payload
    }
}

extension Dictionary where Key == String, Value == Any {
    subscript(path path: String) -> Any? {
        var current: Any? = self
        for key in path.split(separator: ".") {
            if let index = Int(key), let array = current as? [Any] {
                current = index < array.count ? array[index] : nil
            } else {
                current = (current as? [String: Any])?[String(key)]
            }
        }
        return current
    }
}

/// The JSON text of a string (quotes and escapes).
func jsonString(_ text: String) -> String {
    let data = try! JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
    return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
}
